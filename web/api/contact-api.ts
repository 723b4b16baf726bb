import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import { SUBSCRIPTIONS, type Contact } from '../../domain/contacts/contact.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { CLIENT_AUTH, denied, page, problemContent, requireCaller, unauthenticated, afterQuery } from './api-common.js';
import { failureResponse } from './problem.js';

const ContactSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    status: z.enum(['mail_only', 'invited', 'expired', 'active']),
    permissions: z.array(z.enum(PERMISSIONS)),
    scope: z.object({ serviceIds: z.array(z.uuid()), domainIds: z.array(z.uuid()) }).nullable().openapi({ description: 'null: the whole account' }),
    subscriptions: z.array(z.enum(SUBSCRIPTIONS)),
    invitationExpiresAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Contact');

const ContactChange = z
  .object({
    name: z.string().max(200),
    permissions: z.array(z.string().max(40)).max(20).default([]),
    scope: z.object({ serviceIds: z.array(z.uuid()).max(500).default([]), domainIds: z.array(z.uuid()).max(500).default([]) }).nullable().default(null),
    subscriptions: z.array(z.string().max(40)).max(10).default([]),
  })
  .openapi('ContactChange');

const NewContact = ContactChange.extend({ email: z.string().max(254), login: z.boolean().default(true).openapi({ description: 'true: mail an invitation to sign in; false: the contact only receives mail' }) }).openapi('NewContact');

const contactParams = z.object({
  accountId: z.uuid().openapi({ param: { name: 'accountId', in: 'path' } }),
  contactId: z.uuid().openapi({ param: { name: 'contactId', in: 'path' } }),
});
const accountParams = contactParams.pick({ accountId: true });
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const refused = { ...denied, 404: { description: 'No such contact in this account', content: problemContent }, 409: { description: 'Conflict', content: problemContent }, 422: { description: 'Invalid input', content: problemContent } };

const common = { tags: ['contacts'], security: CLIENT_AUTH, middleware: requireCaller };

const listRoute = createRoute({ ...common, method: 'get', path: '/accounts/{accountId}/contacts', summary: 'Contacts of an account', request: { params: accountParams, query: afterQuery }, responses: { 200: { description: 'A page of contacts', content: json(page(ContactSchema)) }, ...denied } });
const addRoute = createRoute({
  ...common,
  method: 'post',
  path: '/accounts/{accountId}/contacts',
  summary: 'Add a contact (and mail an invitation valid 7 days)',
  description: 'A contact with the contacts right can give only rights and a scope it holds itself.',
  request: { params: accountParams, body: { required: true, content: json(NewContact) } },
  responses: { 201: { description: 'The contact', content: json(ContactSchema) }, ...refused },
});
const getRoute = createRoute({ ...common, method: 'get', path: '/accounts/{accountId}/contacts/{contactId}', summary: 'One contact', request: { params: contactParams }, responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused } });
const changeRoute = createRoute({
  ...common,
  method: 'put',
  path: '/accounts/{accountId}/contacts/{contactId}',
  summary: "Change a contact's name, rights, scope and subscriptions",
  description: 'Takes effect on the contact’s very next request. Nobody changes their own contact.',
  request: { params: contactParams, body: { required: true, content: json(ContactChange) } },
  responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused },
});
const removeRoute = createRoute({ ...common, method: 'delete', path: '/accounts/{accountId}/contacts/{contactId}', summary: 'Remove a contact: what it allowed ends at once', request: { params: contactParams }, responses: { 204: { description: 'Removed' }, ...refused } });
const inviteRoute = createRoute({ ...common, method: 'post', path: '/accounts/{accountId}/contacts/{contactId}/invitation', summary: 'Mail a new invitation (the previous link stops working)', request: { params: contactParams }, responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused } });

function contactJson(c: Contact, now: Date) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    status: c.status(now),
    permissions: c.permissions,
    scope: c.scope() ? { serviceIds: [...(c.scopeServiceIds ?? [])], domainIds: [...(c.scopeDomainIds ?? [])] } : null,
    subscriptions: c.subscriptions,
    invitationExpiresAt: c.invitationExpiresAt?.toISOString() ?? null,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

const inputOf = (body: z.infer<typeof ContactChange>) => ({
  name: body.name,
  permissions: body.permissions,
  scope: body.scope ? ('chosen' as const) : ('account' as const),
  serviceIds: body.scope?.serviceIds ?? [],
  domainIds: body.scope?.domainIds ?? [],
  subscriptions: body.subscriptions,
});

/** Contacts over JSON: the same use cases, so the same policy, as the portal pages. */
export function registerContactApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { contacts } = useCases;
  api.openapi(listRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await contacts.list(c.var.apiActor, c.req.valid('param').accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const now = new Date();
    return c.json({ items: result.value.items.map((x) => contactJson(x, now)), next: result.value.next }, 200);
  });
  api.openapi(addRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const result = await contacts.add(c.var.apiActor, c.req.valid('param').accountId, { ...inputOf(body), email: body.email, login: body.login }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 201);
  });
  api.openapi(getRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.show(c.var.apiActor, accountId, contactId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value.contact, new Date()), 200);
  });
  api.openapi(changeRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.update(c.var.apiActor, accountId, contactId, inputOf(c.req.valid('json')), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 200);
  });
  api.openapi(removeRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.remove(c.var.apiActor, accountId, contactId, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(inviteRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.invite(c.var.apiActor, accountId, contactId, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 200);
  });
}
