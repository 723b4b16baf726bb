import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { TicketView } from '../../application/support/tickets.js';
import { DEPARTMENTS, PRIORITIES, type Ticket } from '../../domain/support/ticket.js';
import { REQUEST_KINDS } from '../../domain/support/ticket-request.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { CLIENT_AUTH, denied, problemContent, requireCaller, requireStaff, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const refused = { ...denied, 404: { description: 'Not found', content: problemContent }, 409: { description: 'Conflict', content: problemContent }, 422: { description: 'Invalid input', content: problemContent } };
const accountParams = z.object({ accountId: z.uuid().openapi({ param: { name: 'accountId', in: 'path' } }) });
const ticketParams = accountParams.extend({ ticketId: z.uuid().openapi({ param: { name: 'ticketId', in: 'path' } }) });
const staffTicketParams = z.object({ ticketId: z.uuid().openapi({ param: { name: 'ticketId', in: 'path' } }) });
const afterQuery = z.object({ after: z.string().max(200).optional() });

const TicketSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    number: z.string(),
    subject: z.string(),
    department: z.enum(DEPARTMENTS),
    priority: z.enum(PRIORITIES),
    status: z.enum(['open', 'answered', 'closed']),
    createdAt: z.string(),
    lastActivityAt: z.string(),
    request: z.object({ kind: z.string(), payload: z.record(z.string(), z.unknown()), status: z.string(), outcome: z.string().nullable() }).nullable(),
  })
  .openapi('Ticket');
const MessageSchema = z.object({ id: z.uuid(), author: z.enum(['user', 'staff']), name: z.string(), body: z.string(), createdAt: z.string() });
const TicketDetail = TicketSchema.extend({
  messages: z.array(MessageSchema),
  attachments: z.array(z.object({ id: z.uuid(), messageId: z.uuid(), fileName: z.string(), type: z.string(), bytes: z.number().int() })),
  verdict: z.object({ allowed: z.boolean(), grantedBy: z.string().optional(), reason: z.string().optional() }).nullable().openapi({ description: "For staff: the policy's verdict on the request for the requester now" }),
}).openapi('TicketDetail');
const NewTicketSchema = z
  .object({
    subject: z.string().max(300),
    department: z.string().max(20),
    priority: z.string().max(20).default('normal'),
    body: z.string().max(20_000),
    request: z
      .object({ kind: z.enum(REQUEST_KINDS) })
      .catchall(z.unknown())
      .nullable()
      .default(null)
      .openapi({ description: 'A typed request: kind plus its fields (serviceId, domainId, productCode, nameservers, domainName, name, street, postalCode, city, phone)' }),
  })
  .openapi('NewTicket');
const OptionsSchema = z
  .object({
    kinds: z.array(z.enum(REQUEST_KINDS)),
    manageableServiceIds: z.array(z.uuid()),
    credentialServiceIds: z.array(z.uuid()),
    manageableDomainIds: z.array(z.uuid()),
  })
  .openapi('TicketRequestOptions');

const client = { tags: ['tickets'], security: CLIENT_AUTH, middleware: requireCaller };
const staff = { tags: ['staff'], security: [{ staffSession: [] }], middleware: requireStaff };
const pageOf = (schema: z.ZodType) => z.object({ items: z.array(schema), next: z.string().nullable() });

const listRoute = createRoute({ ...client, method: 'get', path: '/accounts/{accountId}/tickets', summary: 'Tickets of an account', request: { params: accountParams, query: afterQuery }, responses: { 200: { description: 'A page', content: json(pageOf(TicketSchema)) }, ...refused } });
const optionsRoute = createRoute({ ...client, method: 'get', path: '/accounts/{accountId}/ticket-options', summary: 'The requests the caller may make, and on what', request: { params: accountParams }, responses: { 200: { description: 'Options', content: json(OptionsSchema) }, ...refused } });
const openRoute = createRoute({
  ...client,
  method: 'post',
  path: '/accounts/{accountId}/tickets',
  summary: 'Open a ticket, optionally with a typed request',
  description: 'A request the policy would refuse the caller is refused here (403 request.not_allowed).',
  request: { params: accountParams, body: { required: true, content: json(NewTicketSchema) } },
  responses: { 201: { description: 'The ticket', content: json(TicketSchema) }, ...refused },
});
const showRoute = createRoute({ ...client, method: 'get', path: '/accounts/{accountId}/tickets/{ticketId}', summary: 'A ticket with its messages', request: { params: ticketParams }, responses: { 200: { description: 'The ticket', content: json(TicketDetail) }, ...refused } });
const replyRoute = createRoute({ ...client, method: 'post', path: '/accounts/{accountId}/tickets/{ticketId}/messages', summary: 'Answer a ticket', request: { params: ticketParams, body: { required: true, content: json(z.object({ body: z.string().max(20_000) })) } }, responses: { 201: { description: 'The ticket', content: json(TicketSchema) }, ...refused } });
const staffListRoute = createRoute({ ...staff, method: 'get', path: '/staff/tickets', summary: 'The ticket queue', request: { query: afterQuery.extend({ status: z.enum(['all', 'open', 'answered', 'closed']).default('open') }) }, responses: { 200: { description: 'A page', content: json(pageOf(TicketSchema)) }, ...refused } });
const staffShowRoute = createRoute({ ...staff, method: 'get', path: '/staff/tickets/{ticketId}', summary: "A ticket with the policy's verdict on its request", request: { params: staffTicketParams }, responses: { 200: { description: 'The ticket', content: json(TicketDetail) }, ...refused } });
const staffReplyRoute = createRoute({ ...staff, method: 'post', path: '/staff/tickets/{ticketId}/messages', summary: 'Answer a ticket', request: { params: staffTicketParams, body: { required: true, content: json(z.object({ body: z.string().max(20_000), close: z.boolean().default(false) })) } }, responses: { 201: { description: 'The ticket', content: json(TicketSchema) }, ...refused } });
const staffDecideRoute = createRoute({
  ...staff,
  method: 'post',
  path: '/staff/tickets/{ticketId}/request',
  summary: "Carry out or decline the ticket's request",
  description: 'Carrying out is refused (403 request.not_authorized) unless the policy allows the request for the requester now; it calls the same use case as the portal.',
  request: { params: staffTicketParams, body: { required: true, content: json(z.object({ action: z.enum(['carry_out', 'decline']), reason: z.string().max(1000).default('') })) } },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, ...refused },
});
const clientsRoute = createRoute({
  ...staff,
  method: 'get',
  path: '/staff/clients',
  summary: 'Find clients by name, OIB, email or domain',
  request: { query: z.object({ q: z.string().max(200) }) },
  responses: { 200: { description: 'Matches', content: json(z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), oib: z.string(), email: z.string(), city: z.string() })) })) }, ...refused },
});

function ticketJson(t: Ticket) {
  return {
    id: t.id,
    accountId: t.accountId,
    number: t.number,
    subject: t.subject,
    department: t.department,
    priority: t.priority,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    request: t.requestKind ? { kind: t.requestKind, payload: t.requestPayload ?? {}, status: t.requestStatus ?? 'pending', outcome: t.requestStatus === 'declined' ? t.requestOutcome : null } : null,
  };
}

function detailJson(v: TicketView) {
  return {
    ...ticketJson(v.ticket),
    messages: v.messages.map((m) => ({ id: m.id, author: m.authorKind, name: m.authorName, body: m.body, createdAt: m.createdAt.toISOString() })),
    attachments: v.attachments.map((a) => ({ id: a.id, messageId: a.messageId, fileName: a.fileName, type: a.type, bytes: a.bytes })),
    verdict: v.verdict ? (v.verdict.allowed ? { allowed: true, grantedBy: v.verdict.grantedBy } : { allowed: false, reason: v.verdict.reason }) : null,
  };
}

/** Tickets and the staff back office over JSON: the same use cases as the pages. */
export function registerTicketApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { tickets, clients } = useCases;
  api.openapi(listRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await tickets.list(c.var.apiActor, c.req.valid('param').accountId, 'all', c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(ticketJson), next: result.value.next }, 200);
  });
  api.openapi(optionsRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await tickets.options(c.var.apiActor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const o = result.value;
    return c.json({ kinds: [...o.kinds], manageableServiceIds: o.manageableServices.map((s) => s.id), credentialServiceIds: o.credentialServices.map((s) => s.id), manageableDomainIds: o.manageableDomains.map((d) => d.id) }, 200);
  });
  api.openapi(openRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const { kind, ...fields } = body.request ?? { kind: '' };
    const result = await tickets.open(c.var.apiActor, c.req.valid('param').accountId, { subject: body.subject, department: body.department, priority: body.priority, body: body.body, request: kind ? { kind, fields } : null }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(showRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.show(c.var.apiActor, accountId, ticketId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detailJson(result.value), 200);
  });
  api.openapi(replyRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.reply(c.var.apiActor, accountId, ticketId, { body: c.req.valid('json').body }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(staffListRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await tickets.queue(auth.actor, query.status, query.after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(ticketJson), next: result.value.page.next }, 200);
  });
  api.openapi(staffShowRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await tickets.staffShow(auth.actor, c.req.valid('param').ticketId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detailJson(result.value), 200);
  });
  api.openapi(staffReplyRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const result = await tickets.staffReply(auth.actor, c.req.valid('param').ticketId, { body: body.body, close: body.close }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(staffDecideRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const { ticketId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = body.action === 'carry_out' ? await tickets.carryOut(auth.actor, ticketId, c.var.meta) : await tickets.decline(auth.actor, ticketId, body.reason, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 200);
  });
  api.openapi(clientsRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await clients.search(auth.actor, c.req.valid('query').q);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map((a) => ({ id: a.id, name: a.name, oib: a.oib, email: a.email, city: a.city })) }, 200);
  });
}
