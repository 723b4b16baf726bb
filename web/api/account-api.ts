import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import { MAIL_STATUSES, MAIL_TOPICS, type OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, client, clientActor, json, listQuery, page, pagingOf, pathIds, sessionOnly, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

export const MailSchema = z
  .object({ id: z.uuid(), to: z.string(), subject: z.string(), text: z.string(), topic: z.enum(MAIL_TOPICS), status: z.enum(MAIL_STATUSES), createdAt: timestamp(), sentAt: timestamp().nullable() })
  .openapi('Mail', { description: 'A mail as it was sent; one-time links in personal mail are shown redacted' });
export const AuditEntrySchema = z
  .object({ id: z.uuid(), at: timestamp(), actorKind: z.enum(['anonymous', 'user', 'staff', 'system']), actorId: z.uuid().nullable(), action: z.string().openapi({ example: 'service.credentials_revealed' }), clientAddress: z.string().nullable(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })
  .openapi('AuditEntry');
const TokenSchema = z
  .object({ id: z.uuid(), name: z.string(), permissions: z.array(z.enum(PERMISSIONS)), createdAt: timestamp(), lastUsedAt: timestamp().nullable(), revokedAt: timestamp().nullable(), expiresAt: timestamp() })
  .openapi('ApiToken');
const NewTokenSchema = TokenSchema.extend({ token: z.string().openapi({ description: 'The token (pt_…): shown this once, stored only as a hash' }) }).openapi('NewApiToken');
const SessionSchema = z.object({ id: z.string(), current: z.boolean(), createdAt: timestamp(), expiresAt: timestamp(), clientAddress: z.string(), userAgent: z.string() }).openapi('Session');

export const mailJson = (m: OutgoingMail) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, topic: m.topic, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null });
export const auditJson = (e: AuditEntry) => ({ id: e.id, at: e.at.toISOString(), actorKind: e.actorKind, actorId: e.actorId, action: e.action, clientAddress: e.clientAddress, details: { ...e.details } });
const tokenJson = (t: ApiToken) => ({ id: t.id, name: t.name, permissions: t.permissions, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null, expiresAt: t.expiresAt.toISOString() });

const account = { ...client, tags: ['account'] };
const owner = { ...sessionOnly, tags: ['account'] };
const identity = { ...sessionOnly, tags: ['identity'] };

const emailsRoute = createRoute({ ...account, operationId: 'listEmails', method: 'get', path: '/accounts/{accountId}/emails', summary: 'The email history of an account, newest first (emails right)', request: { params: accountParams, query: listQuery }, responses: { 200: { description: 'A page of mails', content: json(page(MailSchema)) } } });
const emailRoute = createRoute({ ...account, operationId: 'getEmail', method: 'get', path: '/accounts/{accountId}/emails/{mailId}', summary: 'One mail of the history', request: { params: pathIds('accountId', 'mailId') }, responses: { 200: { description: 'The mail', content: json(MailSchema) } } });
const auditRoute = createRoute({ ...owner, operationId: 'listAccountAudit', method: 'get', path: '/accounts/{accountId}/audit', summary: "The account's audit log, newest first (the signed-in owner)", request: { params: accountParams, query: listQuery }, responses: { 200: { description: 'A page of entries', content: json(page(AuditEntrySchema)) } } });
const tokensRoute = createRoute({ ...owner, operationId: 'listApiTokens', method: 'get', path: '/accounts/{accountId}/api-tokens', summary: 'API tokens of the account (the signed-in owner)', request: { params: accountParams }, responses: { 200: { description: 'Tokens, newest first', content: json(z.object({ items: z.array(TokenSchema) })) } } });
const createTokenRoute = createRoute({
  ...owner,
  operationId: 'createApiToken',
  method: 'post',
  path: '/accounts/{accountId}/api-tokens',
  summary: 'Create an API token with a subset of the rights (the signed-in owner)',
  request: { params: accountParams, body: { required: true, content: json(z.object({ name: z.string().max(80).openapi({ example: 'Knjigovodstvo' }), permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length) }).openapi('NewApiTokenRequest')) } },
  responses: { 201: { description: 'The token, shown once', content: json(NewTokenSchema) } },
});
const revokeTokenRoute = createRoute({ ...owner, operationId: 'revokeApiToken', method: 'delete', path: '/accounts/{accountId}/api-tokens/{tokenId}', summary: 'Revoke an API token: it stops working at once', request: { params: pathIds('accountId', 'tokenId') }, responses: { 204: { description: 'Revoked' } } });
const sessionsRoute = createRoute({ ...identity, operationId: 'listSessions', method: 'get', path: '/me/sessions', summary: 'Where the signed-in person is signed in', responses: { 200: { description: 'Sessions', content: json(z.object({ items: z.array(SessionSchema) })) } } });
const endSessionRoute = createRoute({
  ...identity,
  operationId: 'endSession',
  method: 'delete',
  path: '/me/sessions/{sessionId}',
  summary: 'End one of the sessions at once',
  request: { params: z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/).openapi({ param: { name: 'sessionId', in: 'path' } }) }) },
  responses: { 204: { description: 'Ended' } },
});
const personalRoute = createRoute({ ...identity, operationId: 'listSecurityMessages', method: 'get', path: '/me/security-messages', summary: 'The personal mails sent to the signed-in person (one-time links redacted)', request: { query: listQuery }, responses: { 200: { description: 'A page of mails', content: json(page(MailSchema)) } } });

/** The account's mail, audit log and tokens, and the signed-in person's sessions: the same use cases as the pages. */
export function registerAccountApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(emailsRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.accountMails.list(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(mailJson), next: result.value.next }, 200);
  });
  api.openapi(emailRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, mailId } = c.req.valid('param');
    const result = await useCases.accountMails.show(actor, accountId, mailId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(mailJson(result.value), 200);
  });
  api.openapi(auditRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.accountAuditLog.execute(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(auditJson), next: result.value.next }, 200);
  });
  api.openapi(tokensRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.apiTokens.list(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(tokenJson) }, 200);
  });
  api.openapi(createTokenRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.apiTokens.create(actor, c.req.valid('param').accountId, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ ...tokenJson(result.value.record), token: result.value.token }, 201);
  });
  api.openapi(revokeTokenRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, tokenId } = c.req.valid('param');
    const result = await useCases.apiTokens.revoke(actor, accountId, tokenId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(sessionsRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.manageSessions.list(actor);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const current = c.get('auth')?.session.id;
    return c.json({ items: result.value.map((s) => ({ id: s.id, current: s.id === current, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString(), clientAddress: s.clientAddress, userAgent: s.userAgent })) }, 200);
  });
  api.openapi(endSessionRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.manageSessions.end(actor, c.req.valid('param').sessionId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(personalRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.accountMails.listPersonal(actor, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(mailJson), next: result.value.next }, 200);
  });
}
