import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DOCUMENT_MAX_BYTES } from '../../domain/email-change/document.js';
import type { AppEnv } from '../http/env.js';
import { documentResponse } from '../http/pdf.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, binary, client, clientActor, idempotencyHeader, json, listQuery, page, pagingOf, pathIds, staff, staffActor, syncQuery, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';
import { detailJson, NewTicketSchema, OptionsSchema, TicketDetailSchema, TicketSchema, ticketJson } from './ticket-schemas.js';

const common = { ...client, tags: ['tickets'] };
const ticketParams = pathIds('accountId', 'ticketId');
const staffTicketParams = pathIds('ticketId');
const conflict = { 409: { description: 'The request is not pending' } };
const upload = z
  .object({
    body: z.string().max(20_000).openapi({ description: 'The message the file comes with' }),
    file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: `PDF, JPEG or PNG, at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB, judged by its content` }),
  })
  .openapi('TicketAttachmentUpload');
const files = { ...binary('application/pdf', 'A PDF'), ...binary('image/jpeg', 'A JPEG'), ...binary('image/png', 'A PNG') };

const listRoute = createRoute({ ...common, operationId: 'listTickets', method: 'get', path: '/accounts/{accountId}/tickets', summary: 'Tickets of an account, latest activity first (tickets right)', request: { params: accountParams, query: syncQuery }, responses: { 200: { description: 'A page (25 unless limit says otherwise)', content: json(page(TicketSchema)) } } });
const optionsRoute = createRoute({ ...common, operationId: 'getTicketOptions', method: 'get', path: '/accounts/{accountId}/ticket-options', summary: 'The requests the caller may make, and on what', request: { params: accountParams }, responses: { 200: { description: 'Options', content: json(OptionsSchema) } } });
const openRoute = createRoute({
  ...common,
  operationId: 'openTicket',
  method: 'post',
  path: '/accounts/{accountId}/tickets',
  summary: 'Open a ticket, optionally with a typed request',
  description: 'A request the policy would refuse the caller is refused here (403 request.not_allowed).',
  request: { params: accountParams, headers: idempotencyHeader, body: { required: true, content: json(NewTicketSchema) } },
  responses: { 201: { description: 'The ticket (also for a repeat with the same Idempotency-Key)', content: json(TicketSchema) } },
});
const showRoute = createRoute({ ...common, operationId: 'getTicket', method: 'get', path: '/accounts/{accountId}/tickets/{ticketId}', summary: 'A ticket with its messages', request: { params: ticketParams }, responses: { 200: { description: 'The ticket', content: json(TicketDetailSchema) } } });
const replyRoute = createRoute({
  ...common,
  operationId: 'replyToTicket',
  method: 'post',
  path: '/accounts/{accountId}/tickets/{ticketId}/messages',
  summary: 'Answer a ticket',
  request: { params: ticketParams, headers: idempotencyHeader, body: { required: true, content: json(z.object({ body: z.string().max(20_000) }).openapi('TicketReply')) } },
  responses: { 201: { description: 'The ticket', content: json(TicketSchema) } },
});
const attachRoute = createRoute({
  ...common,
  operationId: 'attachToTicket',
  method: 'post',
  path: '/accounts/{accountId}/tickets/{ticketId}/attachments',
  summary: 'Answer a ticket with a file',
  request: { params: ticketParams, headers: idempotencyHeader, body: { required: true, content: { 'multipart/form-data': { schema: upload } } } },
  responses: { 201: { description: 'The ticket', content: json(TicketSchema) } },
});
const closeRoute = createRoute({ ...common, operationId: 'closeTicket', method: 'post', path: '/accounts/{accountId}/tickets/{ticketId}/close', summary: 'Close a ticket (a new message opens it again)', request: { params: ticketParams }, responses: { 200: { description: 'The ticket', content: json(TicketSchema) } } });
const fileRoute = createRoute({ ...common, operationId: 'getTicketFile', method: 'get', path: '/accounts/{accountId}/tickets/{ticketId}/files/{fileId}', summary: 'A file of a ticket', request: { params: pathIds('accountId', 'ticketId', 'fileId') }, responses: { 200: { description: 'The file', content: files } } });

const staffListRoute = createRoute({
  ...staff,
  operationId: 'listTicketQueue',
  method: 'get',
  path: '/staff/tickets',
  summary: 'The ticket queue (admin, support, billing)',
  request: { query: listQuery.extend({ status: z.enum(['all', 'open', 'answered', 'closed']).default('open').openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: { description: 'A page', content: json(page(TicketSchema)) } },
});
const staffShowRoute = createRoute({ ...staff, operationId: 'getStaffTicket', method: 'get', path: '/staff/tickets/{ticketId}', summary: "A ticket with the policy's verdict on its request", request: { params: staffTicketParams }, responses: { 200: { description: 'The ticket', content: json(TicketDetailSchema) } } });
const staffReplyRoute = createRoute({
  ...staff,
  operationId: 'answerTicket',
  method: 'post',
  path: '/staff/tickets/{ticketId}/messages',
  summary: 'Answer a ticket (and close it)',
  request: { params: staffTicketParams, headers: idempotencyHeader, body: { required: true, content: json(z.object({ body: z.string().max(20_000), close: z.boolean().default(false) }).openapi('StaffTicketReply')) } },
  responses: { 201: { description: 'The ticket', content: json(TicketSchema) } },
});
const staffAttachRoute = createRoute({
  ...staff,
  operationId: 'attachToTicketStaff',
  method: 'post',
  path: '/staff/tickets/{ticketId}/attachments',
  summary: 'Answer a ticket with a file',
  request: { params: staffTicketParams, headers: idempotencyHeader, body: { required: true, content: { 'multipart/form-data': { schema: upload } } } },
  responses: { 201: { description: 'The ticket', content: json(TicketSchema) } },
});
const staffFileRoute = createRoute({ ...staff, operationId: 'getStaffTicketFile', method: 'get', path: '/staff/tickets/{ticketId}/files/{fileId}', summary: 'A file of a ticket', request: { params: pathIds('ticketId', 'fileId') }, responses: { 200: { description: 'The file', content: files } } });
const staffDecideRoute = createRoute({
  ...staff,
  operationId: 'decideTicketRequest',
  method: 'post',
  path: '/staff/tickets/{ticketId}/request',
  summary: "Carry out or decline the ticket's request",
  description: 'Carrying out is refused (403 request.not_authorized) unless the policy allows the request for the requester now; it calls the same use case as the portal.',
  request: { params: staffTicketParams, body: { required: true, content: json(z.object({ action: z.enum(['carry_out', 'decline']), reason: z.string().max(1000).default('') }).openapi('TicketRequestDecision')) } },
  responses: { 200: { description: 'The ticket', content: json(TicketSchema) }, ...conflict },
});

const uploaded = async (file: File) => ({ name: file.name.slice(0, 200), content: new Uint8Array(await file.arrayBuffer()) });

/** Tickets over JSON, for clients and staff: the same use cases as the pages. */
export function registerTicketApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { tickets } = useCases;
  api.openapi(listRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await tickets.list(actor, c.req.valid('param').accountId, 'all', pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(ticketJson), next: result.value.next }, 200);
  });
  api.openapi(optionsRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await tickets.options(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const o = result.value;
    return c.json({ kinds: [...o.kinds], manageableServiceIds: o.manageableServices.map((s) => s.id), credentialServiceIds: o.credentialServices.map((s) => s.id), manageableDomainIds: o.manageableDomains.map((d) => d.id) }, 200);
  });
  api.openapi(openRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const request = body.request ? (({ kind, ...fields }) => ({ kind, fields }))(body.request) : null;
    const input = { subject: body.subject, department: body.department, priority: body.priority, body: body.body, request, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null };
    const result = await tickets.open(actor, c.req.valid('param').accountId, input, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(showRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.show(actor, accountId, ticketId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detailJson(result.value), 200);
  });
  api.openapi(replyRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.reply(actor, accountId, ticketId, { body: c.req.valid('json').body, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(attachRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await tickets.reply(actor, accountId, ticketId, { body: form.body, attachment: await uploaded(form.file), idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(closeRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, ticketId } = c.req.valid('param');
    const result = await tickets.close(actor, accountId, ticketId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 200);
  });
  api.openapi(fileRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, ticketId, fileId } = c.req.valid('param');
    const result = await tickets.attachment(actor, ticketId, fileId, accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return documentResponse({ fileName: result.value.name, bytes: result.value.content, type: result.value.type }) as never;
  });
  api.openapi(staffListRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await tickets.queue(actor, query.status, pagingOf(query));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(ticketJson), next: result.value.page.next }, 200);
  });
  api.openapi(staffShowRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await tickets.staffShow(actor, c.req.valid('param').ticketId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detailJson(result.value), 200);
  });
  api.openapi(staffReplyRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const result = await tickets.staffReply(actor, c.req.valid('param').ticketId, { body: body.body, close: body.close, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(staffAttachRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const form = c.req.valid('form');
    const result = await tickets.staffReply(actor, c.req.valid('param').ticketId, { body: form.body, attachment: await uploaded(form.file), idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 201);
  });
  api.openapi(staffFileRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { ticketId, fileId } = c.req.valid('param');
    const result = await tickets.attachment(actor, ticketId, fileId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return documentResponse({ fileName: result.value.name, bytes: result.value.content, type: result.value.type }) as never;
  });
  api.openapi(staffDecideRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { ticketId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = body.action === 'carry_out' ? await tickets.carryOut(actor, ticketId, c.get('meta')) : await tickets.decline(actor, ticketId, body.reason, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(ticketJson(result.value), 200);
  });
}
