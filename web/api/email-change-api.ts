import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { PROFILE_FIELDS } from '../../domain/accounts/client-account.js';
import { DOCUMENT_MAX_BYTES } from '../../domain/email-change/document.js';
import { EMAIL_CHANGE_STATUSES, type EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { AppEnv } from '../http/env.js';
import { documentResponse } from '../http/pdf.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, binary, client, clientActor, json, listQuery, page, pagingOf, pathIds, sessionOnly, staff, staffActor, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const requestParams = pathIds('requestId');
/** The document travels as a file in a multipart form, never inside JSON: a large JSON body is refused before it is read. */
const documentFile = z
  .instanceof(File)
  .openapi({ type: 'string', format: 'binary', description: `The document (PDF, JPEG or PNG, at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB); its type is judged by its content` });
const multipart = <T extends z.ZodType>(schema: T) => ({ 'multipart/form-data': { schema } });

const EmailChangeSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    oldEmail: z.string(),
    newEmail: z.string(),
    channel: z.enum(['owner', 'public']),
    status: z.enum(EMAIL_CHANGE_STATUSES),
    document: z.object({ type: z.string(), bytes: z.number().int(), sha256: z.string(), deleted: z.boolean() }),
    createdAt: timestamp(),
    confirmedAt: timestamp().nullable(),
    decidedAt: timestamp().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('EmailChange');

const ProfileSchema = z
  .object({ id: z.uuid(), name: z.string(), oib: z.string().openapi({ example: '12345678903' }), email: z.string(), street: z.string(), postalCode: z.string(), city: z.string(), phone: z.string(), lockedFields: z.array(z.enum(PROFILE_FIELDS)) })
  .openapi('Profile');
const ProfileChange = z
  .object({ name: z.string().max(300).openapi({ example: 'Demo Firma d.o.o.' }), street: z.string().max(300), postalCode: z.string().max(20), city: z.string().max(200), phone: z.string().max(60) })
  .openapi('ProfileChange');

const profileRoutes = { ...client, tags: ['profile'] };
const owner = { ...sessionOnly, tags: ['email change'] };

const getProfile = createRoute({ ...profileRoutes, operationId: 'getProfile', method: 'get', path: '/accounts/{accountId}/profile', summary: 'Client details (profile right)', request: { params: accountParams }, responses: { 200: { description: 'The details', content: json(ProfileSchema) } } });
const putProfile = createRoute({
  ...profileRoutes,
  operationId: 'changeProfile',
  method: 'put',
  path: '/accounts/{accountId}/profile',
  summary: 'Change name, address or phone (profile right; locked fields refused); the OIB never changes',
  request: { params: accountParams, body: { required: true, content: json(ProfileChange) } },
  responses: { 200: { description: 'The details', content: json(ProfileSchema) } },
});
const getCurrent = createRoute({
  ...owner,
  operationId: 'getEmailChange',
  method: 'get',
  path: '/accounts/{accountId}/email-change',
  summary: 'The email change under way, if any (the signed-in owner)',
  request: { params: accountParams },
  responses: { 200: { description: 'The request or null', content: json(z.object({ request: z.union([EmailChangeSchema, z.null()]) })) } },
});
const ownerRequest = createRoute({
  ...owner,
  operationId: 'requestEmailChange',
  method: 'post',
  path: '/accounts/{accountId}/email-change',
  summary: "Ask to change the account's email address (the signed-in owner, with the current password)",
  request: { params: accountParams, body: { required: true, content: multipart(z.object({ password: z.string().max(1024), newEmail: z.string().max(254), document: documentFile }).openapi('EmailChangeByOwner')) } },
  responses: { 201: { description: 'The request; links are mailed to both addresses', content: json(EmailChangeSchema) }, 409: { description: 'A request is under way' } },
});
const publicRequest = createRoute({
  tags: ['email change'],
  operationId: 'requestEmailChangePublic',
  method: 'post',
  path: '/email-change',
  summary: 'Ask to change the email address when locked out (names the OIB)',
  description: 'Always 202 for well-formed input, whether or not the OIB belongs to a client.',
  request: { body: { required: true, content: multipart(z.object({ oib: z.string().max(20), newEmail: z.string().max(254), document: documentFile }).openapi('EmailChangePublic')) } },
  responses: { 202: { description: 'Accepted' } },
});
const staffQueue = createRoute({ ...staff, operationId: 'listEmailChanges', method: 'get', path: '/staff/email-changes', summary: 'Undecided email changes, oldest first (verifier)', request: { query: listQuery }, responses: { 200: { description: 'A page', content: json(page(EmailChangeSchema)) } } });
const staffOne = createRoute({ ...staff, operationId: 'getStaffEmailChange', method: 'get', path: '/staff/email-changes/{requestId}', summary: 'One email change (verifier)', request: { params: requestParams }, responses: { 200: { description: 'The request', content: json(EmailChangeSchema) } } });
const staffDocument = createRoute({
  ...staff,
  operationId: 'getEmailChangeDocument',
  method: 'get',
  path: '/staff/email-changes/{requestId}/document',
  summary: 'The document of an email change (verifier); every opening is audited, gone after the retention period',
  request: { params: requestParams },
  responses: { 200: { description: 'The document as uploaded', content: { ...binary('application/pdf', 'A PDF'), ...binary('image/jpeg', 'A JPEG'), ...binary('image/png', 'A PNG') } } },
});
const staffDecision = createRoute({
  ...staff,
  operationId: 'decideEmailChange',
  method: 'post',
  path: '/staff/email-changes/{requestId}/decision',
  summary: 'Approve or reject (verifier); approval is refused before the new address is confirmed',
  request: { params: requestParams, body: { required: true, content: json(z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().max(1000).default('') }).openapi('EmailChangeDecision')) } },
  responses: { 200: { description: 'The decided request', content: json(EmailChangeSchema) }, 409: { description: 'Not confirmed yet, or decided already' } },
});

function requestJson(r: EmailChangeRequest, now: Date) {
  return {
    id: r.id,
    accountId: r.accountId,
    oldEmail: r.oldEmail,
    newEmail: r.newEmail,
    channel: r.channel,
    status: r.statusAt(now),
    document: { type: r.documentType, bytes: r.documentBytes, sha256: r.documentSha256, deleted: r.documentDeletedAt !== null },
    createdAt: r.createdAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
  };
}

const profileJson = (a: ClientAccount) => ({ id: a.id, name: a.name, oib: a.oib, email: a.email, street: a.street, postalCode: a.postalCode, city: a.city, phone: a.phone, lockedFields: a.lockedFields });
const bytes = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** Profile and email change over JSON: the same use cases as the pages. */
export function registerEmailChangeApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { profile, emailChange } = useCases;
  api.openapi(getProfile, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await profile.show(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value.account), 200);
  });
  api.openapi(putProfile, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await profile.update(actor, c.req.valid('param').accountId, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value), 200);
  });
  api.openapi(getCurrent, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await emailChange.current(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ request: result.value ? requestJson(result.value, new Date()) : null }, 200);
  });
  api.openapi(ownerRequest, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = c.req.valid('form');
    const result = await emailChange.requestAsOwner(actor, c.req.valid('param').accountId, { password: body.password, newEmail: body.newEmail, document: await bytes(body.document) }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value, new Date()), 201);
  });
  api.openapi(publicRequest, async (c) => {
    const body = c.req.valid('form');
    const result = await emailChange.requestPublic({ oib: body.oib, newEmail: body.newEmail, document: await bytes(body.document) }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });
  api.openapi(staffQueue, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await emailChange.queue(actor, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    const now = new Date();
    return c.json({ items: result.value.items.map((v) => requestJson(v.request, now)), next: result.value.next }, 200);
  });
  api.openapi(staffOne, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await emailChange.detail(actor, c.req.valid('param').requestId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value.request, new Date()), 200);
  });
  api.openapi(staffDocument, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await emailChange.document(actor, c.req.valid('param').requestId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return documentResponse({ fileName: result.value.name, bytes: result.value.content, type: result.value.type }) as never;
  });
  api.openapi(staffDecision, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { requestId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = body.decision === 'approve' ? await emailChange.approve(actor, requestId, c.get('meta')) : await emailChange.reject(actor, requestId, body.reason, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value, new Date()), 200);
  });
}
