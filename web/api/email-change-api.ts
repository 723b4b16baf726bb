import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { DOCUMENT_MAX_BYTES } from '../../domain/email-change/document.js';
import { EMAIL_CHANGE_STATUSES, type EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { CLIENT_AUTH, denied, problemContent, requireCaller, requireStaff, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const refused = { ...denied, 404: { description: 'Not found', content: problemContent }, 409: { description: 'Conflict', content: problemContent }, 422: { description: 'Invalid input', content: problemContent }, 429: { description: 'Too many requests', content: problemContent } };
const accountParams = z.object({ accountId: z.uuid().openapi({ param: { name: 'accountId', in: 'path' } }) });
const requestParams = z.object({ requestId: z.uuid().openapi({ param: { name: 'requestId', in: 'path' } }) });
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
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('EmailChange');

const ProfileSchema = z
  .object({ id: z.uuid(), name: z.string(), oib: z.string(), email: z.string(), street: z.string(), postalCode: z.string(), city: z.string(), phone: z.string(), lockedFields: z.array(z.enum(['name', 'address', 'phone'])) })
  .openapi('Profile');
const ProfileChange = z.object({ name: z.string().max(300), street: z.string().max(300), postalCode: z.string().max(20), city: z.string().max(200), phone: z.string().max(60) }).openapi('ProfileChange');

const client = { security: CLIENT_AUTH, middleware: requireCaller };
const staff = { tags: ['staff'], security: [{ staffSession: [] }], middleware: requireStaff };

const getProfile = createRoute({ ...client, tags: ['profile'], method: 'get', path: '/accounts/{accountId}/profile', summary: 'Client details', request: { params: accountParams }, responses: { 200: { description: 'The details', content: json(ProfileSchema) }, ...refused } });
const putProfile = createRoute({
  ...client,
  tags: ['profile'],
  method: 'put',
  path: '/accounts/{accountId}/profile',
  summary: 'Change name, address or phone (profile right; locked fields refused)',
  request: { params: accountParams, body: { required: true, content: json(ProfileChange) } },
  responses: { 200: { description: 'The details', content: json(ProfileSchema) }, ...refused },
});
const getCurrent = createRoute({
  ...client,
  tags: ['email change'],
  method: 'get',
  path: '/accounts/{accountId}/email-change',
  summary: 'The email change under way, if any (owner)',
  request: { params: accountParams },
  responses: { 200: { description: 'The request or null', content: json(z.object({ request: EmailChangeSchema.nullable() })) }, ...refused },
});
const ownerRequest = createRoute({
  tags: ['email change'],
  security: [{ session: [] }],
  middleware: requireCaller,
  method: 'post',
  path: '/accounts/{accountId}/email-change',
  summary: "Ask to change the account's email address (owner, signed in, current password)",
  request: { params: accountParams, body: { required: true, content: multipart(z.object({ password: z.string().max(1024), newEmail: z.string().max(254), document: documentFile }).openapi('EmailChangeByOwner')) } },
  responses: { 201: { description: 'The request; links are mailed to both addresses', content: json(EmailChangeSchema) }, ...refused },
});
const publicRequest = createRoute({
  tags: ['email change'],
  method: 'post',
  path: '/email-change',
  summary: 'Ask to change the email address when locked out (names the OIB)',
  description: 'Always 202 for well-formed input, whether or not the OIB belongs to a client.',
  request: { body: { required: true, content: multipart(z.object({ oib: z.string().max(20), newEmail: z.string().max(254), document: documentFile }).openapi('EmailChangePublic')) } },
  responses: { 202: { description: 'Accepted' }, 422: refused[422], 429: refused[429] },
});
const staffQueue = createRoute({ ...staff, method: 'get', path: '/staff/email-changes', summary: 'Undecided email changes, oldest first (verifier)', request: { query: z.object({ after: z.string().max(200).optional() }) }, responses: { 200: { description: 'A page', content: json(z.object({ items: z.array(EmailChangeSchema), next: z.string().nullable() })) }, ...refused } });
const staffOne = createRoute({ ...staff, method: 'get', path: '/staff/email-changes/{requestId}', summary: 'One email change (verifier)', request: { params: requestParams }, responses: { 200: { description: 'The request', content: json(EmailChangeSchema) }, ...refused } });
const staffDecision = createRoute({
  ...staff,
  method: 'post',
  path: '/staff/email-changes/{requestId}/decision',
  summary: 'Approve or reject (verifier); approval is refused before the new address is confirmed',
  request: { params: requestParams, body: { required: true, content: json(z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().max(1000).default('') }).openapi('EmailChangeDecision')) } },
  responses: { 200: { description: 'The decided request', content: json(EmailChangeSchema) }, ...refused },
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
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await profile.show(c.var.apiActor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value.account), 200);
  });
  api.openapi(putProfile, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await profile.update(c.var.apiActor, c.req.valid('param').accountId, c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value), 200);
  });
  api.openapi(getCurrent, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await emailChange.current(c.var.apiActor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ request: result.value ? requestJson(result.value, new Date()) : null }, 200);
  });
  api.openapi(ownerRequest, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const body = c.req.valid('form');
    const result = await emailChange.requestAsOwner(c.var.apiActor, c.req.valid('param').accountId, { password: body.password, newEmail: body.newEmail, document: await bytes(body.document) }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value, new Date()), 201);
  });
  api.openapi(publicRequest, async (c) => {
    const body = c.req.valid('form');
    const result = await emailChange.requestPublic({ oib: body.oib, newEmail: body.newEmail, document: await bytes(body.document) }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });
  api.openapi(staffQueue, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await emailChange.queue(auth.actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const now = new Date();
    return c.json({ items: result.value.items.map((v) => requestJson(v.request, now)), next: result.value.next }, 200);
  });
  api.openapi(staffOne, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await emailChange.detail(auth.actor, c.req.valid('param').requestId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value.request, new Date()), 200);
  });
  api.openapi(staffDecision, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const { requestId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = body.decision === 'approve' ? await emailChange.approve(auth.actor, requestId, c.var.meta) : await emailChange.reject(auth.actor, requestId, body.reason, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(requestJson(result.value, new Date()), 200);
  });
}
