import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Announcement } from '../../domain/help/announcement.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, client, clientActor, json, listQuery, page, pagingOf, pathIds, sessionOnly, timestamp, unauthenticated } from './api-common.js';
import { InvoiceSchema, invoiceJson, QuoteSchema, quoteJson } from './billing-schemas.js';
import { failureResponse } from './problem.js';

const OverviewSchema = z
  .object({
    account: z.object({ id: z.uuid(), name: z.string(), oib: z.string() }),
    services: z.number().int().nullable().openapi({ description: 'How many the caller may see (first page), null without the right' }),
    domains: z.number().int().nullable(),
    renewals: z.array(z.object({ kind: z.enum(['service', 'domain']), id: z.uuid(), name: z.string(), expiresAt: timestamp() })).openapi({ description: 'What expires in the next 60 days' }),
    openQuotes: z.array(QuoteSchema).nullable(),
    unpaidInvoices: z.array(InvoiceSchema).nullable(),
  })
  .openapi('AccountOverview');
const NoticeSchema = z
  .object({ id: z.uuid(), kind: z.enum(['maintenance', 'price', 'news']), title: z.object({ hr: z.string(), en: z.string() }), body: z.object({ hr: z.string(), en: z.string() }), publishedAt: timestamp() })
  .openapi('Notice');
const noticeJson = (a: Announcement) => ({ id: a.id, kind: a.kind, title: { hr: a.titleHr, en: a.titleEn }, body: { hr: a.bodyHr, en: a.bodyEn }, publishedAt: a.publishedAt.toISOString() });

const overviewRoute = createRoute({ ...client, tags: ['account'], operationId: 'getOverview', method: 'get', path: '/accounts/{accountId}/overview', summary: 'The dashboard of an account: what expires soon, open quotes, unpaid invoices (what the caller may see)', request: { params: accountParams }, responses: { 200: { description: 'The overview', content: json(OverviewSchema) } } });
const noticesRoute = createRoute({ tags: ['help'], operationId: 'listAnnouncements', method: 'get', path: '/announcements', summary: 'Announcements (maintenance, prices, news), newest first', request: { query: listQuery.pick({ after: true }) }, responses: { 200: { description: 'A page', content: json(page(NoticeSchema)) } } });
const readRoute = createRoute({ ...sessionOnly, tags: ['help'], operationId: 'markAnnouncementRead', method: 'post', path: '/announcements/{id}/read', summary: 'Mark an announcement read: it leaves the dashboard (the signed-in person)', request: { params: pathIds('id') }, responses: { 204: { description: 'Read' } } });

/** The account dashboard and the announcements, as on the portal's dashboard. */
export function registerDashboardApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(overviewRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.portfolio.overview(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const o = result.value;
    return c.json(
      {
        account: { id: o.account.id, name: o.account.name, oib: o.account.oib },
        services: o.services ? o.services.length : null,
        domains: o.domains ? o.domains.length : null,
        renewals: o.renewals.map((r) => ({ kind: r.kind, id: r.id, name: r.name, expiresAt: r.expiresAt.toISOString() })),
        openQuotes: o.openQuotes ? o.openQuotes.map(quoteJson) : null,
        unpaidInvoices: o.unpaidInvoices ? o.unpaidInvoices.map(invoiceJson) : null,
      },
      200,
    );
  });
  api.openapi(noticesRoute, async (c) => {
    const found = await useCases.announcements.list(pagingOf(c.req.valid('query')).after);
    return c.json({ items: found.items.map(noticeJson), next: found.next }, 200);
  });
  api.openapi(readRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.announcements.markRead(actor, c.req.valid('param').id);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
}
