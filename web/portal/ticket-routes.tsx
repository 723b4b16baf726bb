import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { NewTicket } from '../../application/support/tickets.js';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { documentResponse } from '../http/pdf.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { accountParam, listPaging, listQuery, notFound } from '../http/params.js';
import { fileField, replyForm, text, ticketFileParam, uploadOf } from '../http/forms.js';
import type { UseCases } from '../use-cases.js';
import { NewTicketPage, TicketPage, TicketsPage } from '../views/ticket-pages.js';

const ticketParam = validated('param', z.object({ accountId: z.uuid(), ticketId: z.uuid() }), notFound);

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
  attachment: fileField,
});


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

  app.get('/accounts/:accountId/tickets', accountParam, validated('query', z.object(listQuery), notFound), async (c) => {
    const { accountId } = c.req.valid('param');
    const query = c.req.valid('query');
    const result = await tickets.list(c.get('actor'), accountId, 'all', listPaging(query));
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <TicketsPage page={pageOf(c)} accountId={accountId} tickets={result.value.items} next={result.value.next} mayOpen={c.get('areas')?.openTicket ?? false} list={query} />);
  });

  const newPage = async (c: Context<AppEnv>, accountId: string, extra: { values?: Record<string, string>; failure?: Parameters<typeof formErrors>[1] } = {}) => {
    const options = await tickets.options(c.get('actor'), accountId);
    if (!options.ok) return failurePage(c, options.error);
    const errs = extra.failure ? formErrors(c, extra.failure) : { errors: {} };
    return html(c, <NewTicketPage page={pageOf(c)} account={options.value.account} options={options.value} values={extra.values ?? {}} errors={errs.errors} error={errs.error} />, extra.failure ? FAILURE_STATUS[extra.failure.kind] : 200);
  };

  // The kind chosen (and what was typed, without JavaScript) comes back as the query: the form shows that kind's fields.
  app.get('/accounts/:accountId/tickets/new', accountParam, async (c) => {
    const typed = ticketForm.omit({ attachment: true }).partial().safeParse(c.req.query());
    const values = typed.success ? Object.fromEntries(Object.entries(typed.data).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')) : {};
    return newPage(c, c.req.valid('param').accountId, { values });
  });

  app.post('/accounts/:accountId/tickets', accountParam, validated('form', ticketForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.open(c.get('actor'), accountId, await ticketInput(form), c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/tickets/${result.value.id}?notice=opened`, 303);
    if (result.error.kind === 'forbidden' && result.error.code === 'forbidden') return failurePage(c, result.error);
    const { attachment: _file, ...values } = form;
    return newPage(c, accountId, { values: values as Record<string, string>, failure: result.error });
  });

  app.get('/accounts/:accountId/tickets/:ticketId', ticketParam, validated('query', z.object({ notice: z.enum(['opened']).optional() })), async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const view = await tickets.show(c.get('actor'), accountId, ticketId);
    if (!view.ok) return failurePage(c, view.error);
    const notice = c.req.valid('query').notice ? c.get('t')('tickets.opened', { number: view.value.ticket.number }) : undefined;
    return html(c, <TicketPage page={pageOf(c)} accountId={accountId} view={view.value} mayReply={c.get('areas')?.openTicket ?? false} notice={notice} />);
  });

  app.post('/accounts/:accountId/tickets/:ticketId/messages', ticketParam, validated('form', replyForm), async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.reply(c.get('actor'), accountId, ticketId, { body: form.body, attachment: await uploadOf(form.attachment) }, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/tickets/${ticketId}`, 303);
    const view = await tickets.show(c.get('actor'), accountId, ticketId);
    if (result.error.kind !== 'invalid' || !view.ok) return failurePage(c, result.error);
    return html(c, <TicketPage page={pageOf(c)} accountId={accountId} view={view.value} mayReply errors={formErrors(c, result.error).errors} />, 422);
  });

  app.post('/accounts/:accountId/tickets/:ticketId/close', ticketParam, async (c) => {
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.close(c.get('actor'), accountId, ticketId, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/accounts/${accountId}/tickets/${ticketId}`, 303);
  });

  app.get('/accounts/:accountId/tickets/:ticketId/files/:fileId', ticketFileParam, async (c) => {
    const { accountId, ticketId, fileId } = c.req.valid('param');
    const found = await tickets.attachment(c.get('actor'), ticketId, fileId, accountId);
    if (!found.ok) return failurePage(c, found.error);
    return documentResponse({ fileName: found.value.name, bytes: found.value.content, type: found.value.type });
  });

  return app;
}
