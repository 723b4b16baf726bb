import type { IdempotencyKeys, IdempotencyRecord, StaffApiTokenRepository, WebhookRepository } from '../../application/ports/integrations.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventType } from '../../domain/integrations/webhook.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';

export class InMemoryStaffApiTokenRepository implements StaffApiTokenRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(token: StaffApiToken): Promise<void> {
    if ([...this.store.staffTokens.values()].some((t) => t.tokenHash === token.tokenHash)) throw new Error('duplicate token');
    this.store.staffTokens.set(token.id, copy(token));
  }
  async findByHash(tokenHash: string): Promise<StaffApiToken | null> {
    const found = [...this.store.staffTokens.values()].find((t) => t.tokenHash === tokenHash);
    return found ? copy(found) : null;
  }
  async list(): Promise<StaffApiToken[]> {
    return [...this.store.staffTokens.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1)).map(copy);
  }
  async revoke(id: string, at: Date): Promise<boolean> {
    const found = this.store.staffTokens.get(id);
    if (!found || found.revokedAt) return false;
    this.store.staffTokens.set(id, Object.assign(copy(found), { revokedAt: at }));
    return true;
  }
  async touch(id: string, at: Date): Promise<void> {
    const found = this.store.staffTokens.get(id);
    if (found) this.store.staffTokens.set(id, Object.assign(copy(found), { lastUsedAt: at }));
  }
}

/** The in-memory unit of work runs one use case at a time, so a claim never has to wait. */
export class InMemoryIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly store: InMemoryStore) {}
  async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyRecord | null> {
    const found = this.store.idempotency.get(`${scope}|${key}`);
    if (found) return { ...found };
    this.store.idempotency.set(`${scope}|${key}`, { fingerprint, resourceId: null });
    return null;
  }
  async complete(scope: string, key: string, resourceId: string): Promise<void> {
    const found = this.store.idempotency.get(`${scope}|${key}`);
    if (found) this.store.idempotency.set(`${scope}|${key}`, { ...found, resourceId });
  }
}

export class InMemoryWebhookRepository implements WebhookRepository {
  constructor(private readonly store: InMemoryStore) {}
  async addEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.store.webhookEndpoints.set(endpoint.id, copy(endpoint));
  }
  async saveEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.store.webhookEndpoints.set(endpoint.id, copy(endpoint));
  }
  async findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    const found = this.store.webhookEndpoints.get(id);
    return found ? copy(found) : null;
  }
  async listEndpoints(accountId: string | null): Promise<WebhookEndpoint[]> {
    return [...this.store.webhookEndpoints.values()]
      .filter((e) => e.accountId === accountId && e.disabledAt === null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
  async endpointsFor(accountId: string, type: WebhookEventType): Promise<WebhookEndpoint[]> {
    return [...this.store.webhookEndpoints.values()].filter((e) => (e.accountId === accountId || e.accountId === null) && e.receives(type)).map(copy);
  }
  async addEvent(event: WebhookEvent): Promise<void> {
    this.store.webhookEvents.set(event.id, copy(event));
  }
  async findEvent(id: string): Promise<WebhookEvent | null> {
    const found = this.store.webhookEvents.get(id);
    return found ? copy(found) : null;
  }
  async addDelivery(delivery: WebhookDelivery): Promise<void> {
    if ([...this.store.webhookDeliveries.values()].some((d) => d.eventId === delivery.eventId && d.endpointId === delivery.endpointId)) throw new Error('duplicate delivery');
    this.store.webhookDeliveries.set(delivery.id, copy(delivery));
  }
  async findDelivery(id: string): Promise<WebhookDelivery | null> {
    const found = this.store.webhookDeliveries.get(id);
    return found ? copy(found) : null;
  }
  async listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    const page_ = pageDescending([...this.store.webhookDeliveries.values()].filter((d) => d.endpointId === endpointId), (d) => ({ at: d.createdAt, id: d.id }), page);
    return { items: page_.items.map(copy), next: page_.next };
  }
  async claimDelivery(id: string, now: Date, staleBefore: Date): Promise<WebhookDelivery | null> {
    const found = this.store.webhookDeliveries.get(id);
    if (!found) return null;
    const waiting = found.status === 'pending' || found.status === 'retrying';
    const stale = found.status === 'sending' && found.claimedAt !== null && found.claimedAt.getTime() < staleBefore.getTime();
    if (!waiting && !stale) return null;
    const claimed = Object.assign(copy(found), { status: 'sending' as const, claimedAt: now });
    this.store.webhookDeliveries.set(id, claimed);
    return copy(claimed);
  }
  async saveDelivery(delivery: WebhookDelivery): Promise<void> {
    this.store.webhookDeliveries.set(delivery.id, copy(delivery));
  }
}
