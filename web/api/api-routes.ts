import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { failureResponse, problemResponse, validationProblem } from './problem.js';
import { apiDocsPage } from './docs-page.js';

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable() }) }).openapi('Health');

const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(['hr', 'en']),
    accounts: z.array(z.object({ id: z.uuid(), name: z.string(), oib: z.string(), role: z.enum(['owner', 'contact']) })),
  })
  .openapi('Me');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Service and database status',
  tags: ['system'],
  responses: {
    200: { description: 'Everything works', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'The database cannot be reached', content: { 'application/json': { schema: HealthSchema } } },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in user and the accounts they may act for',
  tags: ['identity'],
  security: [{ session: [] }],
  responses: {
    200: { description: 'The current user', content: { 'application/json': { schema: MeSchema } } },
    401: { description: 'Not signed in', content: problemContent },
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  summary: 'Mail a single-use link to set a new password',
  description: 'Always answers 202 for a well-formed address, whether or not it belongs to anybody.',
  tags: ['identity'],
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ email: z.string().max(254) }).openapi('PasswordResetRequest') } } } },
  responses: {
    202: { description: 'Accepted' },
    422: { description: 'The address is not valid', content: problemContent },
    429: { description: 'Too many requests', content: problemContent },
  },
});

/** The JSON API for integrations, described by OpenAPI 3.1. Handlers call the same use cases as the pages. */
export function apiRoutes(useCases: UseCases) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error.issues)),
  });

  api.use('*', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });

  api.openapi(healthRoute, async (c) => {
    const health = await useCases.checkHealth.execute();
    const body = { status: health.ok ? ('ok' as const) : ('degraded' as const), database: health.database };
    return health.ok ? c.json(body, 200) : c.json(body, 503);
  });

  api.openapi(meRoute, async (c) => {
    const auth = c.var.auth;
    if (!auth) return problemResponse(c, { type: 'about:blank#unauthenticated', title: c.var.t('error.unauthenticated'), status: 401, code: 'unauthenticated' }) as never;
    const accounts = await useCases.listMyAccounts.execute(auth.actor);
    return c.json(
      {
        id: auth.user.id,
        email: auth.user.email,
        name: auth.user.name,
        locale: auth.user.locale,
        accounts: accounts.map((a) => ({ id: a.id, name: a.name, oib: a.oib, role: 'owner' as const })),
      },
      200,
    );
  });

  api.openapi(resetRoute, async (c) => {
    const result = await useCases.requestPasswordReset.execute(c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'session' });
  const document = {
    openapi: '3.1.0',
    info: { title: 'Client portal API', version: '1.0.0', description: 'JSON API of the client portal. Errors are application/problem+json (RFC 9457).' },
    servers: [{ url: '/api/v1' }],
  };
  api.doc31('/openapi.json', document);
  api.get('/docs', (c) => c.html(apiDocsPage(api.getOpenAPI31Document(document) as Parameters<typeof apiDocsPage>[0])));
  api.notFound((c) => problemResponse(c, { type: 'about:blank#not_found', title: c.var.t('error.notFound'), status: 404, code: 'not_found' }));
  return api;
}
