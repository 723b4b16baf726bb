import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { CLIENT_AUTH, json, requireCaller, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable() }) }).openapi('Health');

const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string().openapi({ example: 'vlasnik@demo-firma.hr' }),
    name: z.string(),
    locale: z.enum(['hr', 'en']),
    via: z.enum(['session', 'token']).openapi({ description: 'How the caller signed in: a session cookie, or an API token (then only its account)' }),
    tokenPermissions: z.array(z.string()).nullable().openapi({ description: 'The rights of the API token, null for a session' }),
    accounts: z.array(z.object({ id: z.uuid(), name: z.string(), oib: z.string(), role: z.enum(['owner', 'contact']) })),
  })
  .openapi('Me');

const ProductSchema = z
  .object({
    code: z.string().openapi({ example: 'HOST-START' }),
    kind: z.enum(['hosting', 'mailbox', 'ssl', 'domain']),
    name: z.object({ hr: z.string(), en: z.string() }),
    description: z.object({ hr: z.string(), en: z.string() }),
    periodMonths: z.number().int(),
    priceCents: z.number().int().openapi({ description: 'Net price in euro cents, without PDV', example: 6000 }),
    vatRatePercent: z.number().int().openapi({ example: 25 }),
    tld: z.string().nullable(),
  })
  .openapi('Product');

const healthRoute = createRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  summary: 'Service and database status',
  tags: ['system'],
  responses: { 200: { description: 'Everything works', content: json(HealthSchema) }, 503: { description: 'The database cannot be reached', content: json(HealthSchema) } },
});

const meRoute = createRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/me',
  summary: 'Who is calling, and the accounts they may act for',
  description: 'With an API token: the owner who made it and the one account it acts for, with its rights.',
  tags: ['identity'],
  security: CLIENT_AUTH,
  middleware: requireCaller,
  responses: { 200: { description: 'The caller', content: json(MeSchema) } },
});

const resetRoute = createRoute({
  operationId: 'requestPasswordReset',
  method: 'post',
  path: '/password-reset',
  summary: 'Mail a single-use link to set a new password',
  description: 'Always answers 202 for a well-formed address, whether or not it belongs to anybody.',
  tags: ['identity'],
  request: { body: { required: true, content: json(z.object({ email: z.string().max(254).openapi({ example: 'vlasnik@demo-firma.hr' }) }).openapi('PasswordResetRequest')) } },
  responses: { 202: { description: 'Accepted' } },
});

const catalogRoute = createRoute({
  operationId: 'listCatalog',
  method: 'get',
  path: '/catalog',
  summary: 'The price list',
  tags: ['ordering'],
  responses: { 200: { description: 'Active products', content: json(z.object({ items: z.array(ProductSchema) })) } },
});

/** Health, the caller, the forgotten password and the price list. */
export function registerSystemApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(healthRoute, async (c) => {
    const health = await useCases.checkHealth.execute();
    const body = { status: health.ok ? ('ok' as const) : ('degraded' as const), database: health.database };
    return health.ok ? c.json(body, 200) : c.json(body, 503);
  });

  api.openapi(meRoute, async (c) => {
    const actor = c.get('apiActor');
    if (!actor || actor.kind !== 'user') return unauthenticated(c) as never;
    const [user, accounts] = await Promise.all([useCases.listMyAccounts.user(actor), useCases.listMyAccounts.execute(actor)]);
    if (!user) return unauthenticated(c) as never;
    const token = actor.viaTokenId ? actor.memberships[0] : undefined;
    return c.json(
      {
        id: user.id,
        email: user.email,
        name: user.name,
        locale: user.locale,
        via: token ? ('token' as const) : ('session' as const),
        tokenPermissions: token ? [...token.permissions] : null,
        accounts: accounts.map((a) => ({ id: a.id, name: a.name, oib: a.oib, role: !token && actor.memberships.some((m) => m.accountId === a.id && m.role === 'owner') ? ('owner' as const) : ('contact' as const) })),
      },
      200,
    );
  });

  api.openapi(resetRoute, async (c) => {
    const result = await useCases.requestPasswordReset.execute(c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });

  api.openapi(catalogRoute, async (c) => {
    const products = await useCases.listCatalog.execute();
    return c.json(
      {
        items: products.map((p) => ({ code: p.code, kind: p.kind, name: { hr: p.nameHr, en: p.nameEn }, description: { hr: p.descriptionHr, en: p.descriptionEn }, periodMonths: p.periodMonths, priceCents: p.priceCents, vatRatePercent: p.vatRatePercent, tld: p.tld })),
      },
      200,
    );
  });
}
