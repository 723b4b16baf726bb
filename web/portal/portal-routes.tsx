import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { accountParam, listPaging, listQuery, notFound } from '../http/params.js';
import { documentResponse, pdfResponse } from '../http/pdf.js';
import { zipResponse } from '../http/zip.js';
import { AccountAuditPage, SessionsPage } from '../views/session-pages.js';
import { TokensPage } from '../views/token-pages.js';
import type { UseCases } from '../use-cases.js';
import { EmailListPage, EmailPage } from '../views/portal-pages.js';
import { DashboardPage, DomainPage, DomainsPage, OrdersPage, ServicePage, ServicesPage } from '../views/account-pages.js';
import { MemberOrderPage } from '../views/order-pages.js';
import { InvoicePage, InvoicesPage, QuotePage, QuotesPage } from '../views/billing-pages.js';
import { cartForm, cartItems } from './order-routes.js';
import { contactRoutes } from './contact-routes.js';
import { securityRoutes } from './security-routes.js';
import { profileRoutes } from './email-change-routes.js';
import { ticketRoutes } from './ticket-routes.js';

/**
 * A signed-out visitor is asked to sign in and brought back to the page after it (a page opened from a link;
 * a form sent after the session expired starts again from the dashboard).
 */
const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('auth')) return next();
  const hadSession = /(?:^|;\s*)(?:__Host-)?session=/u.test(c.req.header('cookie') ?? '');
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? `next=${encodeURIComponent(url.pathname + url.search)}` : '';
  const query = [hadSession ? 'notice=expired' : '', back].filter(Boolean).join('&');
  return c.redirect(query ? `/sign-in?${query}` : '/sign-in', 303);
};


/** This year and the two before it: the years whose invoices can be downloaded at once. */
const yearsBack = (now: Date): number[] => [0, 1, 2].map((n) => now.getUTCFullYear() - n);

/** The signed-in client's pages. Every read goes through a use case that asks the policy. */
export function portalRoutes(useCases: UseCases, secure = false) {
  const app = new Hono<AppEnv>();
  app.use('/dashboard', noStore, requireUser);
  app.use('/accounts/*', noStore, requireUser);
  app.use('/sessions', noStore, requireUser);
  app.use('/sessions/*', noStore, requireUser);
  app.use('/security', noStore, requireUser);
  app.use('/security/*', noStore, requireUser);
  app.use('/accounts/:accountId/*', async (c, next) => {
    const accountId = c.req.param('accountId');
    if (accountId && z.uuid().safeParse(accountId).success) c.set('areas', useCases.accountNavigation.areas(c.get('actor'), accountId));
    return next();
  });

  app.get('/dashboard', validated('query', z.object({ account: z.uuid().optional(), welcome: z.literal('1').optional() }), notFound), async (c) => {
    const result = await useCases.portfolio.dashboard(c.get('actor'), c.req.valid('query').account ?? null);
    if (!result.ok) return failurePage(c, result.error);
    const { accounts, notices, overview } = result.value;
    if (overview) c.set('areas', useCases.accountNavigation.areas(c.get('actor'), overview.account.id));
    return html(c, <DashboardPage page={pageOf(c)} accounts={accounts} overview={overview} notices={notices} iban={useCases.billing.billing.iban} welcome={c.req.valid('query').welcome === '1'} />);
  });

  const after = validated('query', z.object({ after: z.string().max(200).optional() }));
  const itemParam = (name: 'serviceId' | 'domainId') => validated('param', z.object({ accountId: z.uuid(), [name]: z.uuid() }), notFound);

  app.get('/accounts/:accountId/services', accountParam, after, async (c) => {
    const { accountId } = c.req.valid('param');
    const result = await useCases.portfolio.services(c.get('actor'), accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <ServicesPage page={pageOf(c)} accountId={accountId} services={result.value.items} next={result.value.next} />);
  });

  app.get('/accounts/:accountId/services/:serviceId', itemParam('serviceId'), async (c) => {
    const { accountId, serviceId } = c.req.valid('param') as { accountId: string; serviceId: string };
    const result = await useCases.portfolio.service(c.get('actor'), accountId, serviceId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <ServicePage page={pageOf(c)} accountId={accountId} service={result.value.service} mayReveal={result.value.mayReveal} />);
  });

  // Post/redirect/get: the button leads to an address that shows the access data and stays reloadable; every
  // showing is a reveal in the audit log. A link from another site only gets the button (no reveal it did not ask for).
  app.post('/accounts/:accountId/services/:serviceId/credentials', itemParam('serviceId'), async (c) => {
    const { accountId, serviceId } = c.req.valid('param') as { accountId: string; serviceId: string };
    const shown = await useCases.portfolio.service(c.get('actor'), accountId, serviceId);
    if (!shown.ok) return failurePage(c, shown.error);
    if (!shown.value.mayReveal) return failurePage(c, { kind: 'forbidden', code: 'forbidden', details: {} });
    return c.redirect(`/accounts/${accountId}/services/${serviceId}/credentials`, 303);
  });

  app.get('/accounts/:accountId/services/:serviceId/credentials', itemParam('serviceId'), async (c) => {
    const { accountId, serviceId } = c.req.valid('param') as { accountId: string; serviceId: string };
    const shown = await useCases.portfolio.service(c.get('actor'), accountId, serviceId);
    if (!shown.ok) return failurePage(c, shown.error);
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') return html(c, <ServicePage page={pageOf(c)} accountId={accountId} service={shown.value.service} mayReveal={shown.value.mayReveal} />);
    const credentials = await useCases.portfolio.revealCredentials(c.get('actor'), accountId, serviceId, c.get('meta'));
    if (!credentials.ok) return failurePage(c, credentials.error);
    return html(c, <ServicePage page={pageOf(c)} accountId={accountId} service={shown.value.service} mayReveal credentials={credentials.value} />);
  });

  app.get('/accounts/:accountId/domains', accountParam, after, async (c) => {
    const { accountId } = c.req.valid('param');
    const result = await useCases.portfolio.domains(c.get('actor'), accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <DomainsPage page={pageOf(c)} accountId={accountId} domains={result.value.items} next={result.value.next} />);
  });

  app.get('/accounts/:accountId/domains/:domainId', itemParam('domainId'), async (c) => {
    const { accountId, domainId } = c.req.valid('param') as { accountId: string; domainId: string };
    const result = await useCases.portfolio.domain(c.get('actor'), accountId, domainId);
    if (!result.ok) return failurePage(c, result.error);
    const notice = c.req.query('notice') === 'saved' ? c.get('t')('domains.nameserversSaved') : undefined;
    return html(c, <DomainPage page={pageOf(c)} accountId={accountId} domain={result.value} mayManage={useCases.serviceActions.mayManageDomain(c.get('actor'), accountId, domainId)} notice={notice} />);
  });

  // The form's address opened on its own (a reload after an error) shows the domain again.
  app.get('/accounts/:accountId/domains/:domainId/nameservers', itemParam('domainId'), async (c) => {
    const { accountId, domainId } = c.req.valid('param') as { accountId: string; domainId: string };
    const domain = await useCases.portfolio.domain(c.get('actor'), accountId, domainId);
    return domain.ok ? c.redirect(`/accounts/${accountId}/domains/${domainId}`, 303) : failurePage(c, domain.error);
  });

  app.post('/accounts/:accountId/domains/:domainId/nameservers', itemParam('domainId'), validated('form', z.object({ nameservers: z.string().max(400).default('') })), async (c) => {
    const { accountId, domainId } = c.req.valid('param') as { accountId: string; domainId: string };
    const { nameservers } = c.req.valid('form');
    const result = await useCases.serviceActions.setNameservers(c.get('actor'), accountId, domainId, nameservers, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/domains/${domainId}?notice=saved`, 303);
    const domain = await useCases.portfolio.domain(c.get('actor'), accountId, domainId);
    if (result.error.kind !== 'invalid' || !domain.ok) return failurePage(c, result.error);
    return html(c, <DomainPage page={pageOf(c)} accountId={accountId} domain={domain.value} mayManage nameservers={nameservers} error={formErrors(c, result.error).errors['nameservers']} />, 422);
  });

  app.get('/accounts/:accountId/orders', accountParam, validated('query', z.object({ after: z.string().max(200).optional(), placed: z.string().max(40).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const result = await useCases.portfolio.orders(c.get('actor'), accountId, query.after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    const notice = query.placed && /^N-\d{4}-\d{6}$/u.test(query.placed) ? c.get('t')('order.placed', { number: query.placed }) : undefined;
    return html(c, <OrdersPage page={pageOf(c)} accountId={accountId} orders={result.value.items} next={result.value.next} notice={notice} />);
  });

  app.get('/accounts/:accountId/quotes', accountParam, validated('query', z.object({ ...listQuery, status: z.enum(['all', 'open', 'accepted']).default('all') }), notFound), async (c) => {
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const result = await useCases.billing.quoteSummaries(c.get('actor'), accountId, listPaging(query), query.status);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <QuotesPage page={pageOf(c)} accountId={accountId} quotes={result.value.items} filter={query.status} next={result.value.next} list={query} />);
  });

  app.get('/accounts/:accountId/quotes/:quoteId', validated('param', z.object({ accountId: z.uuid(), quoteId: z.uuid() }), notFound), async (c) => {
    const { accountId, quoteId } = c.req.valid('param');
    const result = await useCases.billing.quote(c.get('actor'), accountId, quoteId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <QuotePage page={pageOf(c)} accountId={accountId} quote={result.value} billing={useCases.billing.billing} />);
  });

  app.get('/accounts/:accountId/invoices', accountParam, validated('query', z.object({ ...listQuery, status: z.enum(['all', 'unpaid', 'paid']).default('all') }), notFound), async (c) => {
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const result = await useCases.billing.invoiceSummaries(c.get('actor'), accountId, query.status, listPaging(query));
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <InvoicesPage page={pageOf(c)} accountId={accountId} invoices={result.value.items} filter={query.status} next={result.value.next} list={query} years={yearsBack(new Date())} />);
  });

  app.get('/accounts/:accountId/invoices/archive/:year', validated('param', z.object({ accountId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }), notFound), async (c) => {
    const { accountId, year } = c.req.valid('param');
    const result = await useCases.billing.invoicesOfYear(c.get('actor'), accountId, year);
    return result.ok ? zipResponse(result.value.fileName, result.value.files) : failurePage(c, result.error);
  });

  app.get('/accounts/:accountId/invoices/:invoiceId', validated('param', z.object({ accountId: z.uuid(), invoiceId: z.uuid() }), notFound), async (c) => {
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoice(c.get('actor'), accountId, invoiceId);
    if (!result.ok) return failurePage(c, result.error);
    const delivery = await useCases.deliveries.forClient(c.get('actor'), accountId, invoiceId);
    return html(c, <InvoicePage page={pageOf(c)} accountId={accountId} invoice={result.value} billing={useCases.billing.billing} delivery={delivery.ok ? delivery.value : null} />);
  });

  app.get('/accounts/:accountId/invoices/:invoiceId/pdf', validated('param', z.object({ accountId: z.uuid(), invoiceId: z.uuid() }), notFound), async (c) => {
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoicePdf(c.get('actor'), accountId, invoiceId);
    return result.ok ? pdfResponse(result.value) : failurePage(c, result.error);
  });

  app.get('/accounts/:accountId/invoices/:invoiceId/ubl', validated('param', z.object({ accountId: z.uuid(), invoiceId: z.uuid() }), notFound), async (c) => {
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoiceUbl(c.get('actor'), accountId, invoiceId);
    return result.ok ? documentResponse({ fileName: result.value.fileName, bytes: result.value.bytes, type: result.value.mediaType }) : failurePage(c, result.error);
  });

  app.get('/accounts/:accountId/quotes/:quoteId/pdf', validated('param', z.object({ accountId: z.uuid(), quoteId: z.uuid() }), notFound), async (c) => {
    const { accountId, quoteId } = c.req.valid('param');
    const result = await useCases.billing.quotePdf(c.get('actor'), accountId, quoteId);
    return result.ok ? pdfResponse(result.value) : failurePage(c, result.error);
  });

  app.get('/sessions', validated('query', z.object({ ended: z.string().max(5).optional(), end: z.string().regex(/^[0-9a-f]{64}$/u).optional() }), notFound), async (c) => {
    const result = await useCases.manageSessions.list(c.get('actor'));
    if (!result.ok) return failurePage(c, result.error);
    const query = c.req.valid('query');
    const notice = query.ended ? c.get('t')('sessions.ended') : undefined;
    return html(c, <SessionsPage page={pageOf(c)} sessions={result.value} currentId={c.get('auth')!.session.id} notice={notice} end={query.end} />);
  });

  app.post('/sessions/:sessionId/end', validated('param', z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/u) }), notFound), async (c) => {
    const result = await useCases.manageSessions.end(c.get('actor'), c.req.valid('param').sessionId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect('/sessions?ended=1', 303);
  });

  app.get('/accounts/:accountId/audit', accountParam, after, async (c) => {
    const { accountId } = c.req.valid('param');
    const result = await useCases.accountAuditLog.execute(c.get('actor'), accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <AccountAuditPage page={pageOf(c)} accountId={accountId} entries={result.value.items} people={result.value.people} next={result.value.next} />);
  });

  app.get('/accounts/:accountId/tokens', accountParam, validated('query', z.object({ revoke: z.uuid().optional() }), notFound), async (c) => {
    const { accountId } = c.req.valid('param');
    const result = await useCases.apiTokens.list(c.get('actor'), accountId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <TokensPage page={pageOf(c)} accountId={accountId} tokens={result.value} revoke={c.req.valid('query').revoke} />);
  });

  app.post('/accounts/:accountId/tokens', accountParam, validated('form', z.object({ name: z.string().max(200).default(''), permissions: z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const permissions = form.permissions === undefined ? [] : Array.isArray(form.permissions) ? form.permissions : [form.permissions];
    const created = await useCases.apiTokens.create(c.get('actor'), accountId, { name: form.name, permissions }, c.get('meta'));
    if (!created.ok && created.error.kind !== 'invalid') return failurePage(c, created.error);
    const list = await useCases.apiTokens.list(c.get('actor'), accountId);
    if (!list.ok) return failurePage(c, list.error);
    if (!created.ok) return html(c, <TokensPage page={pageOf(c)} accountId={accountId} tokens={list.value} errors={formErrors(c, created.error).errors} />, 422);
    return html(c, <TokensPage page={pageOf(c)} accountId={accountId} tokens={list.value} created={created.value.token} />);
  });

  app.post('/accounts/:accountId/tokens/:tokenId/revoke', validated('param', z.object({ accountId: z.uuid(), tokenId: z.uuid() }), notFound), async (c) => {
    const { accountId, tokenId } = c.req.valid('param');
    const result = await useCases.apiTokens.revoke(c.get('actor'), accountId, tokenId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/accounts/${accountId}/tokens`, 303);
  });

  app.get('/accounts/:accountId/orders/new', accountParam, async (c) => {
    const { accountId } = c.req.valid('param');
    if (!useCases.placeOrder.mayOrder(c.get('actor'), accountId)) return failurePage(c, { kind: 'forbidden', code: 'forbidden', details: {} });
    return html(c, <MemberOrderPage page={pageOf(c)} accountId={accountId} products={await useCases.listCatalog.execute()} />);
  });

  app.post('/accounts/:accountId/orders', accountParam, validated('form', cartForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form') as Record<string, string>;
    const result = await useCases.placeOrder.asMember(c.get('actor'), { accountId, items: cartItems(form), source: 'portal' }, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/orders?placed=${result.value.number}`, 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <MemberOrderPage page={pageOf(c)} accountId={accountId} products={await useCases.listCatalog.execute()} values={form} errors={error ? { items: error, ...errors } : errors} />, 422);
  });

  app.get(
    '/accounts/:accountId/emails',
    accountParam,
    validated('query', z.object(listQuery), notFound),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const query = c.req.valid('query');
      const result = await useCases.accountMails.listSummaries(c.get('actor'), accountId, listPaging(query));
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailListPage page={pageOf(c)} base={`/accounts/${accountId}/emails`} mails={result.value.items} next={result.value.next} list={query} />);
    },
  );

  app.get(
    '/accounts/:accountId/emails/:mailId',
    validated('param', z.object({ accountId: z.uuid(), mailId: z.uuid() }), notFound),
    async (c) => {
      const { accountId, mailId } = c.req.valid('param');
      const result = await useCases.accountMails.show(c.get('actor'), accountId, mailId);
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailPage page={pageOf(c)} base={`/accounts/${accountId}/emails`} mail={result.value} />);
    },
  );

  app.route('/', contactRoutes(useCases));
  app.route('/', securityRoutes(useCases, secure));
  app.route('/', profileRoutes(useCases));
  app.route('/', ticketRoutes(useCases));
  return app;
}
