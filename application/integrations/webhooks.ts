import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { checkWebhookUrl, WEBHOOK_EVENTS, WebhookEndpoint, type WebhookDelivery, type WebhookEvent, type WebhookEventType } from '../../domain/integrations/webhook.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { WebhookSender } from '../ports/integrations.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { pageRequest, type Paging } from '../shared/paging.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/** Whose endpoints: an account's (its owner manages them) or the staff ones that receive every account's events. */
export type WebhookOwner = { readonly accountId: string } | null;

export const MAX_ENDPOINTS = 10;
/** A sending claim older than this is taken to be a sender that died; the receiver dedupes by the event id. */
const STALE_CLAIM_MS = 5 * 60_000;
const RESPONSE_EXCERPT = 1000;

export interface NewEndpoint {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
}

export interface DeliveryView {
  readonly delivery: WebhookDelivery;
  readonly event: WebhookEvent | null;
}

type Deps = Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings'>;

/**
 * Webhooks: endpoints registered by an account's owner (for that account) or by admins (for every account), the
 * deliveries of the events raised by the use cases, each signed and retried by the job queue until a 2xx answer,
 * visible with the receiver's answers and sent again on request when they did not get through.
 */
export class Webhooks {
  constructor(
    private readonly deps: Deps,
    private readonly sender: WebhookSender | null = null,
  ) {}

  private allowed(actor: Actor, owner: WebhookOwner): boolean {
    return can(actor, owner ? { type: 'account.webhooks', accountId: owner.accountId } : { type: 'staff.webhooks' }).allowed;
  }

  private get portalIsLocal(): boolean {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(this.deps.settings.appUrl).hostname);
  }

  async create(actor: Actor, owner: WebhookOwner, input: NewEndpoint, meta: RequestMeta): Promise<Result<{ endpoint: WebhookEndpoint; secret: string }, DomainFailure>> {
    if (!this.allowed(actor, owner) || actor.kind === 'anonymous') return fail(new Forbidden('forbidden'));
    const name = input.name.trim();
    if (name.length < 2 || name.length > 80) return fail(new InvalidInput('webhook.name', 'name'));
    const url = checkWebhookUrl(input.url, this.portalIsLocal);
    if (!url.ok) return url;
    const events = input.events.filter((e): e is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (events.length === 0 || events.length !== input.events.length) return fail(new InvalidInput('webhook.events', 'events'));
    const secret = `whsec_${this.deps.tokens.generate()}`;
    return this.deps.uow.run(async (scope) => {
      if (owner && !(await scope.accounts.findById(owner.accountId))) return fail(new NotFound('not_found'));
      if ((await scope.webhooks.listEndpoints(owner?.accountId ?? null)).length >= MAX_ENDPOINTS) return fail(new Conflict('webhook.too_many'));
      const endpoint = WebhookEndpoint.create({ id: this.deps.ids.newId(), accountId: owner?.accountId ?? null, name, url: url.value, sealedSecret: this.deps.secrets.seal(secret), events, now: this.deps.clock.now() });
      await scope.webhooks.addEndpoint(endpoint);
      await this.audited(scope, actor, owner, meta, 'webhook.created', { endpoint: endpoint.id, url: endpoint.url, events: events.join(',') });
      return ok({ endpoint, secret });
    });
  }

  async list(actor: Actor, owner: WebhookOwner): Promise<Result<WebhookEndpoint[], DomainFailure>> {
    if (!this.allowed(actor, owner)) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.webhooks.listEndpoints(owner?.accountId ?? null)));
  }

  async remove(actor: Actor, owner: WebhookOwner, endpointId: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (!this.allowed(actor, owner)) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const endpoint = await this.endpointOf(scope, owner, endpointId);
      if (!endpoint) return fail(new NotFound('not_found'));
      endpoint.disabledAt = this.deps.clock.now();
      await scope.webhooks.saveEndpoint(endpoint);
      await this.audited(scope, actor, owner, meta, 'webhook.removed', { endpoint: endpoint.id });
      return ok(undefined);
    });
  }

  async deliveries(actor: Actor, owner: WebhookOwner, endpointId: string, paging: string | null | Paging): Promise<Result<Page<DeliveryView>, DomainFailure>> {
    if (!this.allowed(actor, owner)) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      if (!(await this.endpointOf(scope, owner, endpointId))) return fail(new NotFound('not_found'));
      const page = await scope.webhooks.listDeliveries(endpointId, pageRequest(paging, 25));
      const items: DeliveryView[] = [];
      for (const delivery of page.items) items.push({ delivery, event: await scope.webhooks.findEvent(delivery.eventId) });
      return ok({ items, next: page.next });
    });
  }

  /** Sends a delivery that did not get through once more (at once); one that was delivered is never sent again. */
  async replay(actor: Actor, owner: WebhookOwner, endpointId: string, deliveryId: string, meta: RequestMeta): Promise<Result<DeliveryView, DomainFailure>> {
    if (!this.allowed(actor, owner)) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const endpoint = await this.endpointOf(scope, owner, endpointId);
      const delivery = endpoint ? await scope.webhooks.findDelivery(deliveryId) : null;
      if (!delivery || delivery.endpointId !== endpointId) return fail(new NotFound('not_found'));
      // A sending claim that went stale belongs to a sender that died: it may be sent again.
      const stale = delivery.status === 'sending' && delivery.claimedAt !== null && delivery.claimedAt.getTime() < this.deps.clock.now().getTime() - STALE_CLAIM_MS;
      if (delivery.status === 'delivered' || (delivery.status === 'sending' && !stale)) return fail(new Conflict('webhook.not_replayable'));
      delivery.status = 'pending';
      await scope.webhooks.saveDelivery(delivery);
      await scope.jobs.enqueue('webhooks.deliver', { deliveryId: delivery.id });
      await this.audited(scope, actor, owner, meta, 'webhook.replayed', { endpoint: endpointId, delivery: delivery.id });
      return ok({ delivery, event: await scope.webhooks.findEvent(delivery.eventId) });
    });
  }

  /**
   * The job: claims the delivery (so two workers never both send it), signs and sends it, and records the answer.
   * Anything but a 2xx throws, so the queue tries again later with a growing delay.
   */
  async deliver(deliveryId: string): Promise<void> {
    if (!this.sender) throw new Error('no webhook sender');
    const now = this.deps.clock.now();
    const claimed = await this.deps.uow.run(async (scope) => {
      const delivery = await scope.webhooks.claimDelivery(deliveryId, now, new Date(now.getTime() - STALE_CLAIM_MS));
      if (!delivery) return null;
      const endpoint = await scope.webhooks.findEndpoint(delivery.endpointId);
      const event = await scope.webhooks.findEvent(delivery.eventId);
      return endpoint && event ? { delivery, endpoint, event } : null;
    });
    if (!claimed) return;
    const { endpoint, event } = claimed;
    const answer =
      endpoint.disabledAt !== null
        ? ({ ok: false, error: 'the endpoint was removed' } as const)
        : await this.sender.send({ url: endpoint.url, id: event.id, timestamp: Math.floor(this.deps.clock.now().getTime() / 1000), body: event.body(), secret: this.deps.secrets.open(endpoint.sealedSecret) });
    const delivered = answer.ok && answer.status >= 200 && answer.status < 300;
    await this.deps.uow.run(async (scope) => {
      const delivery = await scope.webhooks.findDelivery(deliveryId);
      if (!delivery) return;
      const at = this.deps.clock.now();
      delivery.attempts += 1;
      delivery.lastAttemptAt = at;
      delivery.claimedAt = null;
      delivery.lastStatusCode = answer.ok ? answer.status : null;
      delivery.lastResponse = answer.ok ? answer.body.slice(0, RESPONSE_EXCERPT) : null;
      delivery.lastError = answer.ok ? (delivered ? null : `HTTP ${answer.status}`) : answer.error.slice(0, 500);
      delivery.status = delivered ? 'delivered' : endpoint.disabledAt !== null ? 'failed' : 'retrying';
      if (delivered) delivery.deliveredAt = at;
      await scope.webhooks.saveDelivery(delivery);
    });
    if (!delivered && endpoint.disabledAt === null) throw new Error(`webhook delivery ${deliveryId} not accepted: ${answer.ok ? `HTTP ${answer.status}` : answer.error}`);
  }

  /** The retries are spent (the dead-letter queue): the delivery shows as failed, and can be sent again by hand. */
  async giveUp(deliveryId: string): Promise<void> {
    await this.deps.uow.run(async (scope) => {
      const delivery = await scope.webhooks.findDelivery(deliveryId);
      if (!delivery || delivery.status === 'delivered') return;
      delivery.status = 'failed';
      delivery.claimedAt = null;
      await scope.webhooks.saveDelivery(delivery);
    });
  }

  private async endpointOf(scope: TransactionScope, owner: WebhookOwner, endpointId: string): Promise<WebhookEndpoint | null> {
    const endpoint = await scope.webhooks.findEndpoint(endpointId);
    if (!endpoint || endpoint.disabledAt !== null || endpoint.accountId !== (owner?.accountId ?? null)) return null;
    return endpoint;
  }

  private async audited(scope: TransactionScope, actor: Actor, owner: WebhookOwner, meta: RequestMeta, action: string, details: Record<string, string>): Promise<void> {
    const actorId = actor.kind === 'user' ? actor.userId : actor.kind === 'staff' ? actor.staffId : null;
    await audit(scope, this.deps, meta, { action, actorKind: actor.kind === 'staff' ? 'staff' : 'user', actorId, accountId: owner?.accountId ?? null, details });
  }
}
