import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { PROFILE_FIELDS } from '../../domain/accounts/client-account.js';
import { STAFF_TOKEN_ROLES, type StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { AuditEntrySchema, auditJson } from './account-api.js';
import { accountParams, json, listQuery, page, pagingOf, pathIds, staff, staffActor, staffSessionOnly, timestamp, unauthenticated } from './api-common.js';
import { InvoiceSchema, invoiceJson, QuoteSchema, quoteJson } from './billing-schemas.js';
import { failureResponse } from './problem.js';

const ClientSchema = z.object({ id: z.uuid(), name: z.string(), oib: z.string(), email: z.string(), city: z.string() }).openapi('ClientSummary');
const StaffProfileSchema = z
  .object({ id: z.uuid(), name: z.string(), oib: z.string(), email: z.string(), street: z.string(), postalCode: z.string(), city: z.string(), phone: z.string(), lockedFields: z.array(z.enum(PROFILE_FIELDS)) })
  .openapi('StaffProfile');
const ClientViewSchema = z
  .object({
    account: StaffProfileSchema,
    owner: z.object({ id: z.uuid(), name: z.string(), email: z.string(), twoFactor: z.boolean() }).nullable(),
    services: z.array(z.object({ id: z.uuid(), name: z.string(), domainName: z.string(), status: z.string(), expiresAt: timestamp() })),
    domains: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string(), expiresAt: timestamp() })),
    openQuotes: z.array(QuoteSchema),
    unpaidInvoices: z.array(InvoiceSchema),
    contacts: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), permissions: z.array(z.string()) })),
    tickets: z.array(z.object({ id: z.uuid(), number: z.string(), subject: z.string(), status: z.string() })),
    emailChangesUnderWay: z.number().int(),
    audit: z.array(AuditEntrySchema),
  })
  .openapi('ClientView');
const StaffTokenSchema = z
  .object({ id: z.uuid(), name: z.string(), roles: z.array(z.enum(STAFF_TOKEN_ROLES)), createdByStaffId: z.uuid(), createdAt: timestamp(), lastUsedAt: timestamp().nullable(), revokedAt: timestamp().nullable(), expiresAt: timestamp() })
  .openapi('StaffApiToken');

const profileJson = (a: ClientAccount) => ({ id: a.id, name: a.name, oib: a.oib, email: a.email, street: a.street, postalCode: a.postalCode, city: a.city, phone: a.phone, lockedFields: a.lockedFields });
const tokenJson = (t: StaffApiToken) => ({ id: t.id, name: t.name, roles: t.roles, createdByStaffId: t.createdByStaffId, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null, expiresAt: t.expiresAt.toISOString() });

const searchRoute = createRoute({ ...staff, operationId: 'searchClients', method: 'get', path: '/staff/clients', summary: 'Find clients by name, OIB, email or domain (prefix; every role but editor)', request: { query: z.object({ q: z.string().max(200).openapi({ param: { name: 'q', in: 'query' }, example: 'demo' }) }) }, responses: { 200: { description: 'At most 50 matches', content: json(z.object({ items: z.array(ClientSchema) })) } } });
const viewRoute = createRoute({ ...staff, operationId: 'getClient', method: 'get', path: '/staff/clients/{accountId}', summary: 'Everything about one client', request: { params: accountParams }, responses: { 200: { description: 'The client', content: json(ClientViewSchema) } } });
const profileRoute = createRoute({ ...staff, operationId: 'getStaffProfile', method: 'get', path: '/staff/accounts/{accountId}/profile', summary: 'Client details with the locked fields (admin, support)', request: { params: accountParams }, responses: { 200: { description: 'The details', content: json(StaffProfileSchema) } } });
const locksRoute = createRoute({
  ...staff,
  operationId: 'setProfileLocks',
  method: 'put',
  path: '/staff/accounts/{accountId}/locks',
  summary: 'Lock profile fields against self-service (admin, support); the list replaces the locks',
  request: { params: accountParams, body: { required: true, content: json(z.object({ fields: z.array(z.enum(PROFILE_FIELDS)).max(3) }).openapi('ProfileLocks')) } },
  responses: { 200: { description: 'The details', content: json(StaffProfileSchema) } },
});
const resetTwoFactorRoute = createRoute({
  ...staff,
  operationId: 'resetTwoFactor',
  method: 'post',
  path: '/staff/users/{userId}/two-factor/reset',
  summary: "Switch off a client's two-factor sign-in after checking who they are (admin, support); audited and mailed",
  request: { params: pathIds('userId'), body: { required: true, content: json(z.object({ reason: z.string().max(1000).openapi({ example: 'Izgubljen mobitel; identitet provjeren telefonom' }) }).openapi('TwoFactorReset')) } },
  responses: { 204: { description: 'Switched off' } },
});
const staffAuditRoute = createRoute({ ...staff, operationId: 'listStaffAudit', method: 'get', path: '/staff/audit', summary: 'The whole audit log, newest first (admin)', request: { query: listQuery }, responses: { 200: { description: 'A page of entries', content: json(page(AuditEntrySchema)) } } });
const tokensRoute = createRoute({ ...staffSessionOnly, operationId: 'listStaffApiTokens', method: 'get', path: '/staff/api-tokens', summary: 'Staff API tokens (admin, signed in)', responses: { 200: { description: 'Tokens, newest first', content: json(z.object({ items: z.array(StaffTokenSchema) })) } } });
const createTokenRoute = createRoute({
  ...staffSessionOnly,
  operationId: 'createStaffApiToken',
  method: 'post',
  path: '/staff/api-tokens',
  summary: 'Create a staff API token with some of the roles support, billing, verifier, editor (admin, signed in); audited',
  request: { body: { required: true, content: json(z.object({ name: z.string().max(80).openapi({ example: 'Knjigovodstveni program' }), roles: z.array(z.enum(STAFF_TOKEN_ROLES)).min(1).max(4) }).openapi('NewStaffApiTokenRequest')) } },
  responses: { 201: { description: 'The token (st_…), shown once', content: json(StaffTokenSchema.extend({ token: z.string() }).openapi('NewStaffApiToken')) } },
});
const revokeTokenRoute = createRoute({ ...staffSessionOnly, operationId: 'revokeStaffApiToken', method: 'delete', path: '/staff/api-tokens/{tokenId}', summary: 'Revoke a staff API token (admin, signed in); audited', request: { params: pathIds('tokenId') }, responses: { 204: { description: 'Revoked' } } });

/** The back office's client search and client picture, profile locks, 2FA reset, audit log and staff tokens. */
export function registerStaffClientsApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(searchRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.clients.search(actor, c.req.valid('query').q);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map((a) => ({ id: a.id, name: a.name, oib: a.oib, email: a.email, city: a.city })) }, 200);
  });
  api.openapi(viewRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.clients.view(actor, c.req.valid('param').accountId, 'full');
    if (!result.ok) return failureResponse(c, result.error) as never;
    const v = result.value;
    return c.json(
      {
        account: profileJson(v.account),
        owner: v.owner ? { id: v.owner.id, name: v.owner.name, email: v.owner.email, twoFactor: v.owner.totpSealed !== null } : null,
        services: v.services.map((s) => ({ id: s.id, name: s.name, domainName: s.domainName, status: s.status, expiresAt: s.expiresAt.toISOString() })),
        domains: v.domains.map((d) => ({ id: d.id, name: d.name, status: d.status, expiresAt: d.expiresAt.toISOString() })),
        openQuotes: v.openQuotes.map(quoteJson),
        unpaidInvoices: v.unpaidInvoices.map(invoiceJson),
        contacts: v.contacts.map((x) => ({ id: x.id, name: x.name, email: x.email, permissions: [...x.permissions] })),
        tickets: v.tickets.map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status })),
        emailChangesUnderWay: v.emailChanges.length,
        audit: v.audit.map(auditJson),
      },
      200,
    );
  });
  api.openapi(profileRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.profile.show(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value.account), 200);
  });
  api.openapi(locksRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.profile.lock(actor, c.req.valid('param').accountId, c.req.valid('json').fields, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(profileJson(result.value), 200);
  });
  api.openapi(resetTwoFactorRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.twoFactor.resetByStaff(actor, c.req.valid('param').userId, c.req.valid('json').reason, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(staffAuditRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.listAuditLog.execute(actor, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(auditJson), next: result.value.next }, 200);
  });
  api.openapi(tokensRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.staffTokens.list(actor);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(tokenJson) }, 200);
  });
  api.openapi(createTokenRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.staffTokens.create(actor, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ ...tokenJson(result.value.record), token: result.value.token }, 201);
  });
  api.openapi(revokeTokenRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.staffTokens.revoke(actor, c.req.valid('param').tokenId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
}
