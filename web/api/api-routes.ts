import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { jsonBodies } from '../http/json-body.js';
import type { UseCases } from '../use-cases.js';
import { registerAccountApi } from './account-api.js';
import { apiCallers, apiEtags, apiRateLimit } from './api-middleware.js';
import { completeDocument } from './api-document.js';
import { ProblemSchema } from './api-common.js';
import { registerBillingApi } from './billing-api.js';
import { registerContactApi } from './contact-api.js';
import { registerDashboardApi } from './dashboard-api.js';
import { apiDocsPage, DOCS_ASSETS } from './docs-page.js';
import { registerEmailChangeApi } from './email-change-api.js';
import { registerHelpApi } from './help-api.js';
import { registerFiscalApi } from './fiscal-api.js';
import { registerMailApi } from './mail-api.js';
import { registerOrderingApi } from './ordering-api.js';
import { registerPortfolioApi } from './portfolio-api.js';
import { problemResponse, validationProblem } from './problem.js';
import { registerStaffBillingApi } from './staff-billing-api.js';
import { registerStaffClientsApi } from './staff-clients-api.js';
import { registerSystemApi } from './system-api.js';
import { registerTicketApi } from './ticket-api.js';
import { registerWebhookApi } from './webhook-api.js';

const DESCRIPTION = [
  'JSON API of the client portal: every capability of the portal and the back office, behind the same use cases and the same authorization policy.',
  '',
  '**Callers.** A client API token (`Authorization: Bearer pt_…`, made by the account owner with a subset of the rights) or the portal session cookie; a staff API token (`Bearer st_…`, made by an admin with a subset of the roles) or the staff session cookie. A request with a cookie must come from this site (Origin); a bearer-only or cookieless request needs no Origin.',
  '',
  '**Errors** are `application/problem+json` (RFC 9457) with a stable `code`; the `title` is in the language of the request (Accept-Language, hr or en).',
  '',
  '**Lists** are paged with a cursor: pass the `next` of a page as `after`; `limit` takes 1 to 100. A cursor no list gave out is refused (422).',
  '',
  '**Reads** carry an `ETag`: send it back as `If-None-Match` to get `304 Not Modified` when nothing changed.',
  '',
  '**Limits.** Every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (600 requests a minute per caller); past them, 429 with `Retry-After`. A JSON body may be 16 KiB and 16 levels deep.',
  '',
  '**Idempotency.** Every POST that creates money, documents or tickets takes an `Idempotency-Key` header: repeated, the answer is what the first request made; with another body, 422.',
  '',
  '**Webhooks** are signed with HMAC-SHA256 over `<timestamp>.<body>` (see the webhooks operations).',
].join('\n');

const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Client portal API', version: '1.0.0', description: DESCRIPTION, contact: { name: 'Support', email: 'podrska@portal.test' }, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } },
  servers: [{ url: '/api/v1', description: 'This portal' }],
};

const docsAssetRoute = createRoute({
  operationId: 'getDocsAsset',
  method: 'get',
  path: '/docs/assets/{file}',
  summary: 'A file of the API reference page',
  tags: ['system'],
  request: { params: z.object({ file: z.enum(Object.keys(DOCS_ASSETS) as [string, ...string[]]).openapi({ param: { name: 'file', in: 'path' } }) }) },
  responses: { 200: { description: 'The file', content: { 'text/css': { schema: z.string() }, 'text/javascript': { schema: z.string() } } } },
});
const docsRoute = createRoute({ operationId: 'getDocs', method: 'get', path: '/docs', summary: 'The API reference, rendered from this document', tags: ['system'], responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } } } });
const documentRoute = createRoute({ operationId: 'getOpenApiDocument', method: 'get', path: '/openapi.json', summary: 'This document (OpenAPI 3.1)', tags: ['system'], responses: { 200: { description: 'The document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } } });

/** The JSON API for integrations, described by OpenAPI 3.1. Handlers call the same use cases as the pages. */
export function apiRoutes(useCases: UseCases) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error.issues)) });

  api.use('*', apiCallers(useCases));
  api.use('*', apiRateLimit(useCases));
  api.use('*', jsonBodies);
  api.use('*', apiEtags);

  registerSystemApi(api, useCases);
  registerOrderingApi(api, useCases);
  registerPortfolioApi(api, useCases);
  registerBillingApi(api, useCases);
  registerStaffBillingApi(api, useCases);
  registerAccountApi(api, useCases);
  registerContactApi(api, useCases);
  registerEmailChangeApi(api, useCases);
  registerTicketApi(api, useCases);
  registerStaffClientsApi(api, useCases);
  registerMailApi(api, useCases);
  registerHelpApi(api, useCases);
  registerWebhookApi(api, useCases);
  registerDashboardApi(api, useCases);
  registerFiscalApi(api, useCases);

  api.openAPIRegistry.register('Problem', ProblemSchema);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'A client API token (pt_…) made by the account owner, limited to the rights chosen for it.' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'staffBearer', { type: 'http', scheme: 'bearer', description: 'A staff API token (st_…) made by an admin, limited to the roles chosen for it.' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'session', description: 'The portal session of a signed-in person.' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', { type: 'apiKey', in: 'cookie', name: 'staff', description: 'The back office session of a staff member (password and TOTP).' });

  let served: Record<string, unknown> | null = null;
  const document = () => (served ??= completeDocument(api.getOpenAPI31Document(DOCUMENT) as unknown as Record<string, unknown>));
  api.openapi(documentRoute, (c) => c.json(document(), 200));
  api.openapi(docsRoute, (c) => c.html(apiDocsPage(DOCUMENT.info.title), 200));
  api.openapi(docsAssetRoute, (c) => {
    const asset = DOCS_ASSETS[c.req.valid('param').file]!;
    return c.body(new Uint8Array(asset.body), 200, { 'content-type': asset.type }) as never;
  });
  api.notFound((c) => problemResponse(c, { type: 'about:blank#not_found', title: c.get('t')('error.notFound'), status: 404, code: 'not_found' }));
  return api;
}
