import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { DeliveryView, WebhookOwner } from '../../application/integrations/webhooks.js';
import { WEBHOOK_EVENTS, type WebhookEndpoint } from '../../domain/integrations/webhook.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { clientActor, json, listQuery, page, pagingOf, pathIds, sessionOnly, staffActor, staffSessionOnly, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const SIGNING = [
  'Each delivery is a POST of the event as JSON (`id`, `type`, `occurredAt`, `accountId`, `data`) with the headers',
  '`Webhook-Id` (the event id: deduplicate by it), `Webhook-Timestamp` (Unix seconds) and',
  '`Webhook-Signature: t=<timestamp>,v1=<hex>`, where hex is HMAC-SHA256 under the endpoint secret of `<timestamp>.<body>`',
  '(the exact bytes received). Refuse a timestamp more than 5 minutes old. Any 2xx answer within 10 s counts as delivered;',
  'otherwise the delivery is tried again with a growing delay (30 s doubling, at most an hour apart) for about a day, then',
  'shows as failed and can be sent again. A delivered event is never sent twice. Targets must be https and public.',
].join(' ');

const EndpointSchema = z
  .object({ id: z.uuid(), name: z.string(), url: z.string().openapi({ example: 'https://integracija.primjer.hr/portal-webhook' }), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: timestamp() })
  .openapi('WebhookEndpoint', { description: SIGNING });
const NewEndpointSchema = EndpointSchema.extend({ secret: z.string().openapi({ description: 'The signing secret (whsec_…): shown this once' }) }).openapi('NewWebhookEndpoint');
const EndpointInput = z
  .object({ name: z.string().max(80).openapi({ example: 'ERP' }), url: z.string().max(500).openapi({ example: 'https://integracija.primjer.hr/portal-webhook' }), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length) })
  .openapi('WebhookEndpointRequest');
const DeliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    type: z.enum(WEBHOOK_EVENTS).nullable(),
    status: z.enum(['pending', 'sending', 'delivered', 'retrying', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable().openapi({ description: "The receiver's last HTTP status" }),
    lastResponse: z.string().nullable().openapi({ description: "The start of the receiver's last answer (1000 characters)" }),
    lastError: z.string().nullable(),
    createdAt: timestamp(),
    lastAttemptAt: timestamp().nullable(),
    deliveredAt: timestamp().nullable(),
    body: z.string().nullable().openapi({ description: 'The body that is sent' }),
  })
  .openapi('WebhookDelivery');

const endpointJson = (e: WebhookEndpoint) => ({ id: e.id, name: e.name, url: e.url, events: e.events, createdAt: e.createdAt.toISOString() });
const deliveryJson = ({ delivery: d, event }: DeliveryView) => ({
  id: d.id,
  eventId: d.eventId,
  type: event?.type ?? null,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastResponse: d.lastResponse,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  body: event?.body() ?? null,
});

/** The same five operations for an account's owner (its events) and for admins (every account's events). */
function routes(kind: 'account' | 'staff') {
  const account = kind === 'account';
  const base = account ? '/accounts/{accountId}/webhooks' : '/staff/webhooks';
  const settings = account ? { ...sessionOnly, tags: ['webhooks'] } : { ...staffSessionOnly, tags: ['webhooks', 'staff'] };
  const who = account ? 'the signed-in owner' : 'admin, signed in; every account';
  const id = (name: string) => `${name}${account ? '' : 'Staff'}`;
  const params = (...names: string[]) => pathIds(...(account ? ['accountId', ...names] : names));
  return {
    list: createRoute({ ...settings, operationId: id('listWebhooks'), method: 'get', path: base, summary: `Webhook endpoints (${who})`, description: SIGNING, ...(account ? { request: { params: params() } } : {}), responses: { 200: { description: 'Endpoints', content: json(z.object({ items: z.array(EndpointSchema) })) } } }),
    create: createRoute({
      ...settings,
      operationId: id('createWebhook'),
      method: 'post',
      path: base,
      summary: `Register a webhook endpoint (${who}); at most 10`,
      description: SIGNING,
      request: { ...(account ? { params: params() } : {}), body: { required: true, content: json(EndpointInput) } },
      responses: { 201: { description: 'The endpoint with its secret, shown once', content: json(NewEndpointSchema) }, 409: { description: 'Ten endpoints already' } },
    }),
    remove: createRoute({ ...settings, operationId: id('removeWebhook'), method: 'delete', path: `${base}/{endpointId}`, summary: 'Remove a webhook endpoint: nothing more is sent to it', request: { params: params('endpointId') }, responses: { 204: { description: 'Removed' } } }),
    deliveries: createRoute({
      ...settings,
      operationId: id('listWebhookDeliveries'),
      method: 'get',
      path: `${base}/{endpointId}/deliveries`,
      summary: "An endpoint's deliveries, newest first, with the receiver's answers",
      request: { params: params('endpointId'), query: listQuery },
      responses: { 200: { description: 'A page of deliveries', content: json(page(DeliverySchema)) } },
    }),
    replay: createRoute({
      ...settings,
      operationId: id('replayWebhookDelivery'),
      method: 'post',
      path: `${base}/{endpointId}/deliveries/{deliveryId}/replay`,
      summary: 'Send a delivery that did not get through once more, now',
      request: { params: params('endpointId', 'deliveryId') },
      responses: { 202: { description: 'Queued', content: json(DeliverySchema) }, 409: { description: 'Already delivered, or being sent' } },
    }),
  };
}

/** Webhooks over JSON, for account owners and for admins: the same use case behind both. */
export function registerWebhookApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { webhooks } = useCases;
  for (const kind of ['account', 'staff'] as const) {
    const r = routes(kind);
    const caller = (c: Context<AppEnv>) => (kind === 'account' ? clientActor(c) : staffActor(c));
    const ownerOf = (c: Context<AppEnv>): WebhookOwner => (kind === 'account' ? { accountId: c.req.param('accountId') ?? '' } : null);
    api.openapi(r.list, async (c) => {
      const actor = caller(c);
      if (!actor) return unauthenticated(c) as never;
      const result = await webhooks.list(actor, ownerOf(c));
      if (!result.ok) return failureResponse(c, result.error) as never;
      return c.json({ items: result.value.map(endpointJson) }, 200);
    });
    api.openapi(r.create, async (c) => {
      const actor = caller(c);
      if (!actor) return unauthenticated(c) as never;
      const result = await webhooks.create(actor, ownerOf(c), c.req.valid('json'), c.get('meta'));
      if (!result.ok) return failureResponse(c, result.error) as never;
      return c.json({ ...endpointJson(result.value.endpoint), secret: result.value.secret }, 201);
    });
    api.openapi(r.remove, async (c) => {
      const actor = caller(c);
      if (!actor) return unauthenticated(c) as never;
      const result = await webhooks.remove(actor, ownerOf(c), String(c.req.valid('param').endpointId), c.get('meta'));
      if (!result.ok) return failureResponse(c, result.error) as never;
      return c.body(null, 204);
    });
    api.openapi(r.deliveries, async (c) => {
      const actor = caller(c);
      if (!actor) return unauthenticated(c) as never;
      const result = await webhooks.deliveries(actor, ownerOf(c), String(c.req.valid('param').endpointId), pagingOf(c.req.valid('query')));
      if (!result.ok) return failureResponse(c, result.error) as never;
      return c.json({ items: result.value.items.map(deliveryJson), next: result.value.next }, 200);
    });
    api.openapi(r.replay, async (c) => {
      const actor = caller(c);
      if (!actor) return unauthenticated(c) as never;
      const { endpointId, deliveryId } = c.req.valid('param');
      const result = await webhooks.replay(actor, ownerOf(c), String(endpointId), String(deliveryId), c.get('meta'));
      if (!result.ok) return failureResponse(c, result.error) as never;
      return c.json(deliveryJson(result.value), 202);
    });
  }
}
