import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { fileField, uploadOf } from '../http/forms.js';
import { notFound } from '../http/params.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { BankStatementsPage, EInvoicingQueuePage } from '../views/delivery-pages.js';

/** Fiscalization and eRačun queues, "send again", and bank statement uploads; mounted under /staff. */
export function staffDeliveryRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { deliveries, importBankStatement } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));

  app.get('/einvoicing', requireStaff, validated('query', z.object({ waiting: z.string().max(200).optional(), action: z.string().max(200).optional() })), async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const query = c.req.valid('query');
    const waiting = await deliveries.waitingFiscalization(actor, query.waiting ?? null);
    if (!waiting.ok) return failurePage(c, waiting.error);
    const action = await deliveries.needingAction(actor, query.action ?? null);
    if (!action.ok) return failurePage(c, action.error);
    return html(c, <EInvoicingQueuePage page={pageOf(c)} waiting={waiting.value.items} action={action.value.items} next={{ waiting: waiting.value.next, action: action.value.next }} />);
  });

  app.post('/invoices/:invoiceId/retry-delivery', requireStaff, validated('param', z.object({ invoiceId: z.uuid() }), notFound), async (c) => {
    const { invoiceId } = c.req.valid('param');
    const result = await deliveries.retry(c.get('staffAuth')!.actor, invoiceId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/invoices/${invoiceId}?retried=1`, 303);
  });

  const history = (c: Context<AppEnv>, after: string | null) => importBankStatement.history(c.get('staffAuth')!.actor, after);

  app.get('/bank-statements', requireStaff, validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const list = await history(c as unknown as Context<AppEnv>, c.req.valid('query').after ?? null);
    if (!list.ok) return failurePage(c, list.error);
    return html(c, <BankStatementsPage page={pageOf(c)} history={list.value.items} next={list.value.next} />);
  });

  app.post('/bank-statements', requireStaff, validated('form', z.object({ file: fileField })), async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const upload = await uploadOf(c.req.valid('form').file);
    const result = await importBankStatement.execute(actor, { name: upload?.name ?? '', bytes: upload?.content ?? new Uint8Array() }, c.get('meta'));
    const list = await history(c as unknown as Context<AppEnv>, null);
    if (!list.ok) return failurePage(c, list.error);
    if (!result.ok) {
      if (result.error.kind !== 'invalid') return failurePage(c, result.error);
      return html(c, <BankStatementsPage page={pageOf(c)} history={list.value.items} next={list.value.next} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />, 422);
    }
    return html(c, <BankStatementsPage page={pageOf(c)} history={list.value.items} next={list.value.next} outcome={result.value} />);
  });

  return app;
}
