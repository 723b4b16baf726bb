import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import { SUBSCRIPTIONS, type Contact } from '../../domain/contacts/contact.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { client, clientActor, json, page, pagingOf, pathIds, syncQuery, timestamp, unauthenticated } from './api-common.js';
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
    invitationExpiresAt: timestamp().nullable(),
    acceptedAt: timestamp().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('Contact');

const ContactChange = z
  .object({
    name: z.string().max(200).openapi({ example: 'Ana Knjigovođa' }),
    permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).default([]).openapi({ example: ['quotes', 'invoices'] }),
    scope: z
      .object({ serviceIds: z.array(z.uuid()).max(500).default([]), domainIds: z.array(z.uuid()).max(500).default([]) })
      .nullable()
      .default(null)
      .openapi({ description: 'null: the whole account; otherwise only these services and domains' }),
    subscriptions: z.array(z.enum(SUBSCRIPTIONS)).max(SUBSCRIPTIONS.length).default([]).openapi({ example: ['billing'] }),
  })
  .openapi('ContactChange');

const NewContact = ContactChange.extend({ email: z.string().max(254).openapi({ example: 'racunovodstvo@demo-firma.hr' }), login: z.boolean().default(true).openapi({ description: 'true: mail an invitation to sign in; false: the contact only receives mail' }) }).openapi('NewContact');

const contactParams = pathIds('accountId', 'contactId');
const accountParams = pathIds('accountId');
const refused = { 409: { description: 'The address is a contact already, or the invitation was accepted' } };

const common = { ...client, tags: ['contacts'] };

const listRoute = createRoute({ ...common, operationId: 'listContacts', method: 'get', path: '/accounts/{accountId}/contacts', summary: 'Contacts of an account (contacts right)', request: { params: accountParams, query: syncQuery }, responses: { 200: { description: 'A page of contacts (50 unless limit says otherwise)', content: json(page(ContactSchema)) } } });
const addRoute = createRoute({
  ...common,
  operationId: 'addContact',
  method: 'post',
  path: '/accounts/{accountId}/contacts',
  summary: 'Add a contact (and mail an invitation valid 7 days)',
  description: 'A contact with the contacts right can give only rights and a scope it holds itself.',
  request: { params: accountParams, body: { required: true, content: json(NewContact) } },
  responses: { 201: { description: 'The contact', content: json(ContactSchema) }, ...refused },
});
const getRoute = createRoute({ ...common, operationId: 'getContact', method: 'get', path: '/accounts/{accountId}/contacts/{contactId}', summary: 'One contact', request: { params: contactParams }, responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused } });
const changeRoute = createRoute({
  ...common,
  operationId: 'changeContact',
  method: 'put',
  path: '/accounts/{accountId}/contacts/{contactId}',
  summary: "Change a contact's name, rights, scope and subscriptions",
  description: 'Takes effect on the contact’s very next request. Nobody changes their own contact.',
  request: { params: contactParams, body: { required: true, content: json(ContactChange) } },
  responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused },
});
const removeRoute = createRoute({ ...common, operationId: 'removeContact', method: 'delete', path: '/accounts/{accountId}/contacts/{contactId}', summary: 'Remove a contact: what it allowed ends at once', request: { params: contactParams }, responses: { 204: { description: 'Removed' }, ...refused } });
const inviteRoute = createRoute({ ...common, operationId: 'inviteContact', method: 'post', path: '/accounts/{accountId}/contacts/{contactId}/invitation', summary: 'Mail a new invitation (the previous link stops working)', request: { params: contactParams }, responses: { 200: { description: 'The contact', content: json(ContactSchema) }, ...refused } });

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
    updatedAt: c.updatedAt.toISOString(),
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
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await contacts.list(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    const now = new Date();
    return c.json({ items: result.value.items.map((x) => contactJson(x, now)), next: result.value.next }, 200);
  });
  api.openapi(addRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const result = await contacts.add(actor, c.req.valid('param').accountId, { ...inputOf(body), email: body.email, login: body.login }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 201);
  });
  api.openapi(getRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.show(actor, accountId, contactId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value.contact, new Date()), 200);
  });
  api.openapi(changeRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.update(actor, accountId, contactId, inputOf(c.req.valid('json')), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 200);
  });
  api.openapi(removeRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.remove(actor, accountId, contactId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(inviteRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, contactId } = c.req.valid('param');
    const result = await contacts.invite(actor, accountId, contactId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(contactJson(result.value, new Date()), 200);
  });
}
