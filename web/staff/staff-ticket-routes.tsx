import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { accountParam, listPaging, listQuery, notFound } from '../http/params.js';
import { documentResponse } from '../http/pdf.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { replyForm, text, ticketFileParam, uploadOf } from '../http/forms.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { ClientSearchPage, ClientViewPage } from '../views/client-pages.js';
import { StaffTicketPage, StaffTicketsPage } from '../views/ticket-pages.js';

const staffTicketParam = validated('param', z.object({ ticketId: z.uuid() }), notFound);

/** Staff tickets and the client search and view; mounted under /staff. */
export function staffTicketRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { tickets, clients } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));
  for (const path of ['/tickets', '/tickets/*', '/clients', '/clients/*', '/users/*']) app.use(path, requireStaff);

  app.get('/tickets', validated('query', z.object({ ...listQuery, status: z.enum(['all', 'open', 'answered', 'closed']).default('open') })), async (c) => {
    const query = c.req.valid('query');
    const result = await tickets.queue(c.get('staffAuth')!.actor, query.status, listPaging(query));
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffTicketsPage page={pageOf(c)} tickets={result.value.page.items} accounts={result.value.accounts} next={result.value.page.next} filter={query.status} list={query} />);
  });

  const show = async (c: Context<AppEnv>, ticketId: string, extra: { notice?: string; error?: string; confirm?: boolean; status?: 200 | (typeof FAILURE_STATUS)[keyof typeof FAILURE_STATUS] } = {}) => {
    const view = await tickets.staffShow(c.get('staffAuth')!.actor, ticketId);
    if (!view.ok) return failurePage(c, view.error);
    return html(c, <StaffTicketPage page={pageOf(c)} view={view.value} notice={extra.notice} error={extra.error} confirmCarryOut={extra.confirm ?? false} />, extra.status ?? 200);
  };

  app.get('/tickets/:ticketId', staffTicketParam, validated('query', z.object({ notice: z.enum(['carried', 'declined']).optional(), confirm: z.enum(['carry-out']).optional() })), (c) => {
    const { notice, confirm } = c.req.valid('query');
    return show(c, c.req.valid('param').ticketId, { ...(notice ? { notice: c.get('t')(`staff.tickets.${notice}`) } : {}), confirm: confirm === 'carry-out' });
  });

  app.post('/tickets/:ticketId/messages', staffTicketParam, validated('form', replyForm), async (c) => {
    const { ticketId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.staffReply(c.get('staffAuth')!.actor, ticketId, { body: form.body, attachment: await uploadOf(form.attachment), close: form.close === 'on' }, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/tickets/${ticketId}`, 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    return show(c, ticketId, { error: failureMessage(c.get('t'), result.error.code, result.error.details), status: 422 });
  });

  const decided = async (c: Context<AppEnv>, ticketId: string, result: Awaited<ReturnType<typeof tickets.carryOut>>, notice: 'carried' | 'declined') => {
    if (result.ok) return c.redirect(`/staff/tickets/${ticketId}?notice=${notice}`, 303);
    if (result.error.code === 'forbidden' || result.error.kind === 'not_found') return failurePage(c, result.error);
    return show(c, ticketId, { error: failureMessage(c.get('t'), result.error.code, result.error.details), status: FAILURE_STATUS[result.error.kind] });
  };

  app.post('/tickets/:ticketId/carry-out', staffTicketParam, async (c) => {
    const { ticketId } = c.req.valid('param');
    return decided(c, ticketId, await tickets.carryOut(c.get('staffAuth')!.actor, ticketId, c.get('meta')), 'carried');
  });

  app.post('/tickets/:ticketId/decline', staffTicketParam, validated('form', z.object({ reason: text(1000) })), async (c) => {
    const { ticketId } = c.req.valid('param');
    return decided(c, ticketId, await tickets.decline(c.get('staffAuth')!.actor, ticketId, c.req.valid('form').reason, c.get('meta')), 'declined');
  });

  app.get('/tickets/:ticketId/files/:fileId', ticketFileParam, async (c) => {
    const { ticketId, fileId } = c.req.valid('param');
    const found = await tickets.attachment(c.get('staffAuth')!.actor, ticketId, fileId);
    if (!found.ok) return failurePage(c, found.error);
    return documentResponse({ fileName: found.value.name, bytes: found.value.content, type: found.value.type });
  });

  app.get('/clients', validated('query', z.object({ q: z.string().max(200).optional() })), async (c) => {
    const q = c.req.valid('query').q ?? '';
    if (!q) return clients.mayUse(c.get('staffAuth')!.actor) ? html(c, <ClientSearchPage page={pageOf(c)} query="" results={null} />) : failurePage(c, { kind: 'forbidden', code: 'forbidden', details: {} });
    const result = await clients.search(c.get('staffAuth')!.actor, q);
    if (!result.ok && result.error.kind !== 'invalid') return failurePage(c, result.error);
    return html(c, <ClientSearchPage page={pageOf(c)} query={q} results={result.ok ? result.value : null} error={result.ok ? undefined : failureMessage(c.get('t'), result.error.code, result.error.details)} />, result.ok ? 200 : 422);
  });

  app.post('/users/:userId/two-factor/reset', validated('param', z.object({ userId: z.uuid() }), notFound), validated('form', z.object({ reason: text(1000), accountId: z.uuid().optional() })), async (c) => {
    const form = c.req.valid('form');
    const result = await useCases.twoFactor.resetByStaff(c.get('staffAuth')!.actor, c.req.valid('param').userId, form.reason, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(form.accountId ? `/staff/clients/${form.accountId}` : '/staff/clients', 303);
  });

  app.get('/clients/:accountId', accountParam, validated('query', z.object({ notice: z.enum(['note']).optional() })), async (c) => {
    const result = await clients.view(c.get('staffAuth')!.actor, c.req.valid('param').accountId, 'summary');
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <ClientViewPage page={pageOf(c)} picture={result.value} notice={c.req.valid('query').notice ? c.get('t')('staff.notes.added') : undefined} />);
  });

  app.post('/clients/:accountId/notes', accountParam, validated('form', z.object({ body: text(4000) })), async (c) => {
    const { accountId } = c.req.valid('param');
    const { body } = c.req.valid('form');
    const actor = c.get('staffAuth')!.actor;
    const result = await clients.addNote(actor, accountId, body, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/clients/${accountId}?notice=note#notes`, 303);
    const picture = await clients.view(actor, accountId, 'summary');
    if (result.error.kind !== 'invalid' || !picture.ok) return failurePage(c, result.error);
    return html(c, <ClientViewPage page={pageOf(c)} picture={picture.value} errors={formErrors(c, result.error).errors} noteValue={body} />, 422);
  });

  return app;
}
