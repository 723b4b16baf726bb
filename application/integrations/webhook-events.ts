import { WebhookDelivery, WebhookEvent, type WebhookEventType } from '../../domain/integrations/webhook.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';

/**
 * Raises an event in the transaction of the change that caused it: the event, a delivery for each endpoint that
 * listens (the account's own and the staff ones) and a job for each delivery commit with the change, or not at all.
 */
export async function raiseEvent(scope: TransactionScope, deps: Pick<Services, 'ids' | 'clock'>, input: { type: WebhookEventType; accountId: string; data: Record<string, string | number | boolean | null> }): Promise<void> {
  const endpoints = await scope.webhooks.endpointsFor(input.accountId, input.type);
  if (endpoints.length === 0) return;
  const now = deps.clock.now();
  const event = WebhookEvent.record({ id: deps.ids.newId(), type: input.type, accountId: input.accountId, data: input.data, now });
  await scope.webhooks.addEvent(event);
  for (const endpoint of endpoints) {
    const delivery = WebhookDelivery.queue({ id: deps.ids.newId(), eventId: event.id, endpointId: endpoint.id, now });
    await scope.webhooks.addDelivery(delivery);
    await scope.jobs.enqueue('webhooks.deliver', { deliveryId: delivery.id });
  }
}
