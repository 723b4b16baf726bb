import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { clearCookie, readCookie, writeCookie } from '../http/cookies.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { AuditPage, StaffHomePage, StaffSignInPage } from '../views/staff-pages.js';
import { StaffOrderPage, StaffOrdersPage } from '../views/staff-order-pages.js';
import { StaffInvoicePage, StaffPaymentsPage } from '../views/billing-pages.js';
import { parseEuro } from '../../domain/billing/money.js';
import { parseDay } from '../http/dates.js';
import { listPaging, listQuery } from '../http/params.js';
import { staffEmailChangeRoutes } from './staff-email-change-routes.js';
import { staffTicketRoutes } from './staff-ticket-routes.js';
import { staffMailRoutes } from './staff-mail-routes.js';
import { staffEInvoiceRoutes } from './staff-einvoice-routes.js';
import { staffDeliveryRoutes } from './staff-delivery-routes.js';

const signInForm = z.object({ email: z.string().max(254).default(''), password: z.string().max(1024).default(''), code: z.string().max(12).default('') });

/** The staff back office: a separate sign-in with a second factor, and pages for staff roles. */
export function staffRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!c.get('staffAuth')) return c.redirect('/staff/sign-in', 303);
    return next();
  };
  app.use('*', noStore);

  app.get('/sign-in', (c) => (c.get('staffAuth') ? c.redirect('/staff', 303) : html(c, <StaffSignInPage page={pageOf(c)} />)));

  app.post(
    '/sign-in',
    validated('form', signInForm, (c) => html(c, <StaffSignInPage page={pageOf(c)} error={c.get('t')('failure.auth.invalid_staff_credentials')} />, 422)),
    async (c) => {
      const form = c.req.valid('form');
      const result = await useCases.staffSignIn.execute(form, c.get('meta'));
      if (!result.ok) {
        if (result.error.kind === 'rate_limited') c.header('retry-after', String(result.error.details.seconds));
        return html(
          c,
          <StaffSignInPage page={pageOf(c)} email={form.email} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />,
          result.error.kind === 'rate_limited' ? 429 : 401,
        );
      }
      const previous = readCookie(c, 'staff', secure);
      if (previous) await useCases.signOut.execute('staff', previous, c.get('meta'));
      writeCookie(c, 'staff', result.value.token, secure);
      return c.redirect('/staff', 303);
    },
  );

  app.post('/sign-out', async (c) => {
    const token = readCookie(c, 'staff', secure);
    if (token) await useCases.signOut.execute('staff', token, c.get('meta'));
    clearCookie(c, 'staff', secure);
    return c.redirect('/staff/sign-in', 303);
  });

  app.get('/', requireStaff, async (c) => {
    const { staff, actor } = c.get('staffAuth')!;
    const counts = await useCases.clients.counts(actor);
    return html(c, <StaffHomePage page={pageOf(c)} staff={staff} canAudit={useCases.listAuditLog.allowed(actor)} counts={counts} mayFindClients={useCases.clients.mayUse(actor)} content={{ help: useCases.helpEditor.mayEdit(actor), announcements: useCases.announcements.mayPublish(actor) }} deliveries={counts.deliveries} />);
  });

  app.get('/orders', requireStaff, validated('query', z.object({ after: z.string().max(200).optional(), done: z.string().max(40).optional() })), async (c) => {
    const query = c.req.valid('query');
    const result = await useCases.decideOrder.pending(c.get('staffAuth')!.actor, { after: query.after ?? null });
    if (!result.ok) return failurePage(c, result.error);
    const notice = query.done && /^(accepted|rejected):N-\d{4}-\d{6}$/u.test(query.done) ? c.get('t')(query.done.startsWith('accepted') ? 'staff.orders.accepted' : 'staff.orders.rejected', { number: query.done.split(':')[1]! }) : undefined;
    return html(c, <StaffOrdersPage page={pageOf(c)} orders={result.value.items} accounts={result.value.accounts} count={result.value.count} next={result.value.next} after={query.after} notice={notice} />);
  });

  const orderParam = validated('param', z.object({ orderId: z.uuid() }), (c) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} }));

  app.get('/orders/:orderId', requireStaff, orderParam, async (c) => {
    const result = await useCases.decideOrder.show(c.get('staffAuth')!.actor, c.req.valid('param').orderId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffOrderPage page={pageOf(c)} detail={result.value} />);
  });

  app.post('/orders/:orderId/accept', requireStaff, orderParam, async (c) => {
    const result = await useCases.decideOrder.accept(c.get('staffAuth')!.actor, c.req.valid('param').orderId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/orders?done=accepted:${result.value.number}`, 303);
  });

  const paymentsFilter = validated('query', z.object({ ...listQuery, filter: z.enum(['all', 'unmatched']).default('all') }));

  app.get('/payments', requireStaff, paymentsFilter, async (c) => {
    const query = c.req.valid('query');
    const result = await useCases.recordPayment.list(c.get('staffAuth')!.actor, query.filter, listPaging(query));
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffPaymentsPage page={pageOf(c)} payments={result.value.items} filter={query.filter} next={result.value.next} list={query} />);
  });

  app.post(
    '/payments',
    requireStaff,
    validated('form', z.object({ bankTransactionId: z.string().max(200).default(''), amount: z.string().max(30).default(''), receivedOn: z.string().max(20).default(''), reference: z.string().max(60).default(''), payerName: z.string().max(300).default('') })),
    async (c) => {
      const actor = c.get('staffAuth')!.actor;
      const form = c.req.valid('form');
      const amountCents = parseEuro(form.amount) ?? -1;
      // Staff type the day as dd.mm.yyyy. (or pick it): the use case takes the ISO day; anything else it refuses.
      const receivedOn = parseDay(form.receivedOn) ?? (form.receivedOn.trim() || '-');
      const result = await useCases.recordPayment.execute(actor, { ...form, receivedOn, amountCents }, c.get('meta'));
      const list = await useCases.recordPayment.list(actor, 'all', null);
      if (!list.ok) return failurePage(c, list.error);
      if (!result.ok) {
        if (result.error.kind !== 'invalid') return failurePage(c, result.error);
        const { errors, error } = formErrors(c, result.error);
        return html(c, <StaffPaymentsPage page={pageOf(c)} payments={list.value.items} filter="all" next={list.value.next} values={form} errors={error ? { bankTransactionId: error, ...errors } : errors} />, 422);
      }
      return html(c, <StaffPaymentsPage page={pageOf(c)} payments={list.value.items} filter="all" next={list.value.next} outcome={result.value} />);
    },
  );

  const invoiceParam = validated('param', z.object({ invoiceId: z.uuid() }), (c) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} }));

  app.get('/invoices/:invoiceId', requireStaff, invoiceParam, async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const result = await useCases.staffInvoice.show(actor, c.req.valid('param').invoiceId);
    if (!result.ok) return failurePage(c, result.error);
    const delivery = await useCases.deliveries.forStaff(actor, result.value.id);
    const notice = c.req.query('retried') === '1' ? c.get('t')('delivery.retried') : undefined;
    return html(c, <StaffInvoicePage page={pageOf(c)} invoice={result.value} billing={useCases.billing.billing} delivery={delivery.ok ? delivery.value : null} notice={notice} />);
  });

  app.post('/invoices/:invoiceId/credit-note', requireStaff, invoiceParam, validated('form', z.object({ reason: z.string().max(2000).default('') })), async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const { invoiceId } = c.req.valid('param');
    const result = await useCases.issueCreditNote.execute(actor, invoiceId, c.req.valid('form').reason, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/invoices/${result.value.id}`, 303);
    if (result.error.kind !== 'invalid' && result.error.kind !== 'conflict') return failurePage(c, result.error);
    const invoice = await useCases.staffInvoice.show(actor, invoiceId);
    if (!invoice.ok) return failurePage(c, invoice.error);
    return html(c, <StaffInvoicePage page={pageOf(c)} invoice={invoice.value} billing={useCases.billing.billing} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />, result.error.kind === 'invalid' ? 422 : 409);
  });

  app.post('/orders/:orderId/link', requireStaff, orderParam, async (c) => {
    const result = await useCases.decideOrder.link(c.get('staffAuth')!.actor, c.req.valid('param').orderId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/orders/${result.value.id}`, 303);
  });

  app.post('/orders/:orderId/reject', requireStaff, orderParam, validated('form', z.object({ reason: z.string().max(2000).default('') })), async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const { orderId } = c.req.valid('param');
    const result = await useCases.decideOrder.reject(actor, orderId, c.req.valid('form').reason, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/orders?done=rejected:${result.value.number}`, 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    const detail = await useCases.decideOrder.show(actor, orderId);
    if (!detail.ok) return failurePage(c, detail.error);
    return html(c, <StaffOrderPage page={pageOf(c)} detail={detail.value} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />, 422);
  });

  app.get('/audit', requireStaff, validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await useCases.listAuditLog.execute(c.get('staffAuth')!.actor, { after: c.req.valid('query').after ?? null });
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <AuditPage page={pageOf(c)} entries={result.value.items} people={result.value.people} next={result.value.next} />);
  });

  app.route('/', staffEmailChangeRoutes(useCases));
  app.route('/', staffTicketRoutes(useCases));
  app.route('/', staffMailRoutes(useCases));
  app.route('/', staffEInvoiceRoutes(useCases));
  app.route('/', staffDeliveryRoutes(useCases));
  return app;
}
