import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { NewTicket, Upload } from '../../application/support/tickets.js';
import type { AppEnv } from '../http/env.js';
import { documentResponse } from '../http/pdf.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import type { UseCases } from '../use-cases.js';
import { ClientSearchPage, ClientViewPage } from '../views/client-pages.js';
import { NewTicketPage, StaffTicketPage, StaffTicketsPage, TicketPage, TicketsPage } from '../views/ticket-pages.js';

const notFound = (c: Context<AppEnv>) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });
const accountParam = validated('param', z.object({ accountId: z.uuid() }), notFound);
const ticketParam = validated('param', z.object({ accountId: z.uuid(), ticketId: z.uuid() }), notFound);
const staffTicketParam = validated('param', z.object({ ticketId: z.uuid() }), notFound);
const fileParam = validated('param', z.object({ accountId: z.uuid().optional(), ticketId: z.uuid(), fileId: z.uuid() }), notFound);
const statusOf = (kind: string) => (kind === 'forbidden' ? 403 : kind === 'conflict' ? 409 : kind === 'not_found' ? 404 : kind === 'rate_limited' ? 429 : 422);

const file = z.union([z.instanceof(File), z.string().max(0)]).optional();
const text = (max: number) => z.string().max(max).default('');
const ticketForm = z.object({
  subject: text(300),
  department: text(20),
  priority: text(20),
  body: text(20_000),
  kind: text(40),
  serviceId: text(40),
  domainId: text(40),
  productCode: text(40),
  nameservers: text(400),
  domainName: text(253),
  'profile.name': text(300),
  'profile.street': text(300),
  'profile.postalCode': text(20),
  'profile.city': text(200),
  'profile.phone': text(60),
  attachment: file,
});
const replyForm = z.object({ body: text(20_000), attachment: file, close: z.string().max(5).optional() });

async function uploadOf(value: unknown): Promise<Upload | null> {
  return value instanceof File && value.size > 0 ? { name: value.name, content: new Uint8Array(await value.arrayBuffer()) } : null;
}

/** The form's fields as a ticket with its typed request; the use case checks everything. */
async function ticketInput(form: z.infer<typeof ticketForm>): Promise<NewTicket> {
  const fields: Record<string, unknown> = {
    serviceId: form.serviceId,
    domainId: form.domainId,
    productCode: form.productCode,
    nameservers: form.nameservers,
    domainName: form.domainName,
    name: form['profile.name'],
    street: form['profile.street'],
    postalCode: form['profile.postalCode'],
    city: form['profile.city'],
    phone: form['profile.phone'],
  };
  return { subject: form.subject, department: form.department, priority: form.priority, body: form.body, request: form.kind ? { kind: form.kind, fields } : null, attachment: await uploadOf(form.attachment) };
}

/** Tickets of an account; mounted under the signed-in portal. */
export function ticketRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { tickets } = useCases;

  app.get('/accounts/:accountId/tickets', accountParam, validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const result = await tickets.list(c.var.actor, accountId, 'all', c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <TicketsPage page={pageOf(c)} accountId={accountId} tickets={result.value.items} next={result.value.next} mayOpen={c.var.areas?.openTicket ?? false} />);
  });

  const newPage = async (c: Context<AppEnv>, accountId: string, extra: { values?: Record<string, string>; failure?: Parameters<typeof formErrors>[1] } = {}) => {
    const options = await tickets.options(c.var.actor, accountId);
    if (!options.ok) return failurePage(c, options.error);
    const errs = extra.failure ? formErrors(c, extra.failure) : { errors: {} };
    return html(c, <NewTicketPage page={pageOf(c)} account={options.value.account} options={options.value} values={extra.values ?? {}} errors={errs.errors} error={errs.error} />, extra.failure ? statusOf(extra.failure.kind) : 200);
  };

  app.get('/accounts/:accountId/tickets/new', accountParam, (c) => newPage(c, c.req.valid('param').accountId));

  app.post('/accounts/:accountId/tickets', accountParam, validated('form', ticketForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.open(c.var.actor, accountId, await ticketInput(form), c.var.meta);
    if (result.ok) return c.redirect(`/accounts/${accountId}/tickets/${result.value.id}?notice=opened`, 303);
    if (result.error.kind === 'forbidden' && result.error.code === 'forbidden') return failurePage(c, result.error);
    const { attachment: _file, ...values } = form;
    return newPage(c, accountId, { values: values as Record<string, string>, failure: result.error });
  });

  app.get('/accounts/:accountId/tickets/:ticketId', ticketParam, validated('query', z.object({ notice: z.enum(['opened']).optional() })), async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const view = await tickets.show(c.var.actor, accountId, ticketId);
    if (!view.ok) return failurePage(c, view.error);
    const notice = c.req.valid('query').notice ? c.var.t('tickets.opened', { number: view.value.ticket.number }) : undefined;
    return html(c, <TicketPage page={pageOf(c)} accountId={accountId} view={view.value} mayReply={c.var.areas?.openTicket ?? false} notice={notice} />);
  });

  app.post('/accounts/:accountId/tickets/:ticketId/messages', ticketParam, validated('form', replyForm), async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.reply(c.var.actor, accountId, ticketId, { body: form.body, attachment: await uploadOf(form.attachment) }, c.var.meta);
    if (result.ok) return c.redirect(`/accounts/${accountId}/tickets/${ticketId}`, 303);
    const view = await tickets.show(c.var.actor, accountId, ticketId);
    if (result.error.kind !== 'invalid' || !view.ok) return failurePage(c, result.error);
    return html(c, <TicketPage page={pageOf(c)} accountId={accountId} view={view.value} mayReply errors={formErrors(c, result.error).errors} />, 422);
  });

  app.post('/accounts/:accountId/tickets/:ticketId/close', ticketParam, async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.close(c.var.actor, accountId, ticketId, c.var.meta);
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/accounts/${accountId}/tickets/${ticketId}`, 303);
  });

  app.get('/accounts/:accountId/tickets/:ticketId/files/:fileId', fileParam, async (c) => {
    const { accountId, ticketId, fileId } = c.req.valid('param');
    const found = await tickets.attachment(c.var.actor, ticketId, fileId, accountId);
    if (!found.ok) return failurePage(c, found.error);
    return documentResponse({ fileName: found.value.name, bytes: found.value.content, type: found.value.type });
  });

  return app;
}

/** Staff tickets and the client search and view; mounted under /staff. */
export function staffTicketRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { tickets, clients } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.var.staffAuth ? next() : c.redirect('/staff/sign-in', 303));
  for (const path of ['/tickets', '/tickets/*', '/clients', '/clients/*', '/users/*']) app.use(path, requireStaff);

  app.get('/tickets', validated('query', z.object({ status: z.enum(['all', 'open', 'answered', 'closed']).default('open'), after: z.string().max(200).optional() })), async (c) => {
    const { status, after } = c.req.valid('query');
    const result = await tickets.queue(c.var.staffAuth!.actor, status, after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffTicketsPage page={pageOf(c)} tickets={result.value.page.items} accounts={result.value.accounts} next={result.value.page.next} filter={status} />);
  });

  const show = async (c: Context<AppEnv>, ticketId: string, extra: { notice?: string; error?: string; status?: 200 | 403 | 409 | 422 } = {}) => {
    const view = await tickets.staffShow(c.var.staffAuth!.actor, ticketId);
    if (!view.ok) return failurePage(c, view.error);
    return html(c, <StaffTicketPage page={pageOf(c)} view={view.value} notice={extra.notice} error={extra.error} />, extra.status ?? 200);
  };

  app.get('/tickets/:ticketId', staffTicketParam, validated('query', z.object({ notice: z.enum(['carried', 'declined']).optional() })), (c) => {
    const notice = c.req.valid('query').notice;
    return show(c, c.req.valid('param').ticketId, notice ? { notice: c.var.t(`staff.tickets.${notice}`) } : {});
  });

  app.post('/tickets/:ticketId/messages', staffTicketParam, validated('form', replyForm), async (c) => {
    const { ticketId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.staffReply(c.var.staffAuth!.actor, ticketId, { body: form.body, attachment: await uploadOf(form.attachment), close: form.close === 'on' }, c.var.meta);
    if (result.ok) return c.redirect(`/staff/tickets/${ticketId}`, 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return show(c, ticketId, { error: error ?? Object.values(errors)[0] ?? '', status: 422 });
  });

  const decided = async (c: Context<AppEnv>, ticketId: string, result: Awaited<ReturnType<typeof tickets.carryOut>>, notice: 'carried' | 'declined') => {
    if (result.ok) return c.redirect(`/staff/tickets/${ticketId}?notice=${notice}`, 303);
    if (result.error.code === 'forbidden' || result.error.kind === 'not_found') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return show(c, ticketId, { error: error ?? Object.values(errors)[0] ?? '', status: statusOf(result.error.kind) as 403 | 409 | 422 });
  };

  app.post('/tickets/:ticketId/carry-out', staffTicketParam, async (c) => {
    const { ticketId } = c.req.valid('param');
    return decided(c, ticketId, await tickets.carryOut(c.var.staffAuth!.actor, ticketId, c.var.meta), 'carried');
  });

  app.post('/tickets/:ticketId/decline', staffTicketParam, validated('form', z.object({ reason: text(1000) })), async (c) => {
    const { ticketId } = c.req.valid('param');
    return decided(c, ticketId, await tickets.decline(c.var.staffAuth!.actor, ticketId, c.req.valid('form').reason, c.var.meta), 'declined');
  });

  app.get('/tickets/:ticketId/files/:fileId', fileParam, async (c) => {
    const { ticketId, fileId } = c.req.valid('param');
    const found = await tickets.attachment(c.var.staffAuth!.actor, ticketId, fileId);
    if (!found.ok) return failurePage(c, found.error);
    return documentResponse({ fileName: found.value.name, bytes: found.value.content, type: found.value.type });
  });

  app.get('/clients', validated('query', z.object({ q: z.string().max(200).optional() })), async (c) => {
    const q = c.req.valid('query').q ?? '';
    if (!q) return clients.mayUse(c.var.staffAuth!.actor) ? html(c, <ClientSearchPage page={pageOf(c)} query="" results={null} />) : failurePage(c, { kind: 'forbidden', code: 'forbidden', details: {} });
    const result = await clients.search(c.var.staffAuth!.actor, q);
    if (!result.ok && result.error.kind !== 'invalid') return failurePage(c, result.error);
    return html(c, <ClientSearchPage page={pageOf(c)} query={q} results={result.ok ? result.value : null} error={result.ok ? undefined : formErrors(c, result.error).errors['q']} />, result.ok ? 200 : 422);
  });

  app.post('/users/:userId/two-factor/reset', validated('param', z.object({ userId: z.uuid() }), notFound), validated('form', z.object({ reason: text(1000), accountId: z.uuid().optional() })), async (c) => {
    const form = c.req.valid('form');
    const result = await useCases.twoFactor.resetByStaff(c.var.staffAuth!.actor, c.req.valid('param').userId, form.reason, c.var.meta);
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(form.accountId ? `/staff/clients/${form.accountId}` : '/staff/clients', 303);
  });

  app.get('/clients/:accountId', accountParam, async (c) => {
    const result = await clients.view(c.var.staffAuth!.actor, c.req.valid('param').accountId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <ClientViewPage page={pageOf(c)} picture={result.value} />);
  });

  return app;
}
