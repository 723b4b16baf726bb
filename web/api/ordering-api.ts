import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ENTITY_TYPES } from '../../domain/accounts/client-account.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, client, clientActor, idempotencyHeader, json, listQuery, page, pagingOf, pathIds, staff, staffActor, syncQuery, unauthenticated } from './api-common.js';
import { OrderSchema, orderJson, QuoteSchema, quoteJson } from './billing-schemas.js';
import { failureResponse } from './problem.js';

const common = { ...client, tags: ['ordering'] };
const orderParams = pathIds('accountId', 'orderId');
const staffOrderParams = pathIds('orderId');

const PlaceOrderSchema = z
  .object({
    items: z
      .array(z.object({ productCode: z.string().max(40).openapi({ example: 'DOM-HR' }), domainName: z.string().max(253).openapi({ example: 'moja-firma.hr' }) }))
      .min(1)
      .max(20),
  })
  .openapi('PlaceOrder');
const OrderDetailSchema = z.object({ order: OrderSchema, quote: z.union([QuoteSchema, z.null()]) }).openapi('OrderDetail');
const StaffOrderSchema = z
  .object({ order: OrderSchema, accountId: z.uuid().nullable(), accountName: z.string().nullable(), quote: z.union([QuoteSchema, z.null()]), customer: z.object({ name: z.string(), oib: z.string(), email: z.string() }).nullable() })
  .openapi('StaffOrder');

const PublicOrderSchema = z
  .object({
    items: PlaceOrderSchema.shape.items,
    customer: z
      .object({
        entityType: z.enum(ENTITY_TYPES),
        name: z.string().max(200).openapi({ example: 'Nova Firma d.o.o.' }),
        oib: z.string().max(20).openapi({ example: '12345678903' }),
        email: z.string().max(254).openapi({ example: 'vlasnik@nova-firma.hr' }),
        phone: z.string().max(60),
        street: z.string().max(300),
        postalCode: z.string().max(20),
        city: z.string().max(200),
        vatRegistered: z.boolean().default(true).openapi({ description: 'For companies, crafts and associations: in the VAT system' }),
        acceptTerms: z.boolean(),
      })
      .openapi('NewCustomer'),
  })
  .openapi('PublicOrder');

const publicOrderRoute = createRoute({
  tags: ['ordering'],
  operationId: 'placePublicOrder',
  method: 'post',
  path: '/orders',
  summary: 'Become a client by ordering (the public order form)',
  description: 'Creates the account, its owner and the quote, and mails a link to set the password. Always 202 for valid input, whether or not the OIB already has an account (then the account is told).',
  request: { body: { required: true, content: json(PublicOrderSchema) } },
  responses: { 202: { description: 'Received' } },
});

const ordersRoute = createRoute({
  ...common,
  operationId: 'listOrders',
  method: 'get',
  path: '/accounts/{accountId}/orders',
  summary: 'Orders of an account, newest first (orders right)',
  request: { params: accountParams, query: syncQuery },
  responses: { 200: { description: 'A page of orders (25 unless limit says otherwise)', content: json(page(OrderSchema)) } },
});
const orderRoute = createRoute({ ...common, operationId: 'getOrder', method: 'get', path: '/accounts/{accountId}/orders/{orderId}', summary: 'One order with its quote', request: { params: orderParams }, responses: { 200: { description: 'The order', content: json(OrderDetailSchema) } } });
const placeOrderRoute = createRoute({
  ...common,
  operationId: 'placeOrder',
  method: 'post',
  path: '/accounts/{accountId}/orders',
  summary: 'Place an order for an account (orders right); its quote is issued with it',
  request: { params: accountParams, headers: idempotencyHeader, body: { required: true, content: json(PlaceOrderSchema) } },
  responses: { 201: { description: 'The order (also for a repeat with the same Idempotency-Key)', content: json(OrderSchema) } },
});
const pendingRoute = createRoute({
  ...staff,
  operationId: 'listPendingOrders',
  method: 'get',
  path: '/staff/orders',
  summary: 'Orders waiting for a decision, oldest first (admin, support, billing)',
  request: { query: listQuery },
  responses: { 200: { description: 'A page of orders', content: json(page(OrderSchema).extend({ count: z.number().int() })) } },
});
const staffOrderRoute = createRoute({ ...staff, operationId: 'getStaffOrder', method: 'get', path: '/staff/orders/{orderId}', summary: 'One order, with its account or (unlinked) customer', request: { params: staffOrderParams }, responses: { 200: { description: 'The order', content: json(StaffOrderSchema) } } });
const decide = (action: 'accept' | 'reject' | 'link', summary: string) =>
  createRoute({
    ...staff,
    operationId: `${action}Order`,
    method: 'post',
    path: `/staff/orders/{orderId}/${action}`,
    summary,
    request: action === 'reject' ? { params: staffOrderParams, body: { required: true, content: json(z.object({ reason: z.string().max(500).openapi({ example: 'Domena nije dostupna' }) }).openapi('OrderRejection')) } } : { params: staffOrderParams },
    responses: { 200: { description: 'The order', content: json(OrderSchema) }, 409: { description: 'Already decided or linked' } },
  });
const acceptRoute = decide('accept', 'Accept an order: its services and domains are created with sealed access data, and mailed');
const rejectRoute = decide('reject', 'Reject an order with a reason, mailed to the customer');
const linkRoute = decide('link', "Link a public order for a known OIB to that OIB's account and issue its quote");

/** Orders over JSON, for clients and for the staff queue: the same use cases as the pages. */
export function registerOrderingApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(publicOrderRoute, async (c) => {
    const result = await useCases.placeOrder.asNewcomer(c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });
  api.openapi(ordersRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.portfolio.orders(actor, c.req.valid('param').accountId, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(orderJson), next: result.value.next }, 200);
  });
  api.openapi(orderRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, orderId } = c.req.valid('param');
    const result = await useCases.portfolio.order(actor, accountId, orderId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ order: orderJson(result.value.order), quote: result.value.quote ? quoteJson(result.value.quote) : null }, 200);
  });
  api.openapi(placeOrderRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const input = { accountId: c.req.valid('param').accountId, items: c.req.valid('json').items, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null, source: 'api' as const };
    const result = await useCases.placeOrder.asMember(actor, input, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(orderJson(result.value), 201);
  });
  api.openapi(pendingRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await useCases.decideOrder.pending(actor, { after: query.after ?? null, limit: query.limit });
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(orderJson), next: result.value.next, count: result.value.count }, 200);
  });
  api.openapi(staffOrderRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.decideOrder.show(actor, c.req.valid('param').orderId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    const { order, quote, accountName } = result.value;
    const customer = order.unlinkedCustomer ? { name: order.unlinkedCustomer.name, oib: order.unlinkedCustomer.oib, email: order.unlinkedCustomer.email } : null;
    return c.json({ order: orderJson(order), accountId: order.accountId, accountName, quote: quote ? quoteJson(quote) : null, customer }, 200);
  });
  api.openapi(acceptRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.decideOrder.accept(actor, c.req.valid('param').orderId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(orderJson(result.value), 200);
  });
  api.openapi(rejectRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = (await c.req.json().catch(() => ({}))) as { reason?: unknown };
    const result = await useCases.decideOrder.reject(actor, c.req.valid('param').orderId, typeof body.reason === 'string' ? body.reason : '', c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(orderJson(result.value), 200);
  });
  api.openapi(linkRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.decideOrder.link(actor, c.req.valid('param').orderId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(orderJson(result.value), 200);
  });
}
