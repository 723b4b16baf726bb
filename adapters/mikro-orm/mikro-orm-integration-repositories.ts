import type { IdempotencyKeys, IdempotencyRecord, StaffApiTokenRepository, WebhookRepository } from '../../application/ports/integrations.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventType } from '../../domain/integrations/webhook.js';
import { keysetPage } from './mikro-orm-repositories.js';
import { StaffApiTokenSchema, WebhookDeliverySchema, WebhookEndpointSchema, WebhookEventSchema } from './integration-schemas.js';
import { execute, type Em } from './orm.js';

export class MikroOrmStaffApiTokenRepository implements StaffApiTokenRepository {
  constructor(private readonly em: Em) {}
  async add(token: StaffApiToken): Promise<void> {
    this.em.persist(token);
    await this.em.flush();
  }
  findByHash(tokenHash: string): Promise<StaffApiToken | null> {
    return this.em.findOne(StaffApiTokenSchema, { tokenHash });
  }
  list(): Promise<StaffApiToken[]> {
    return this.em.find(StaffApiTokenSchema, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  }
  async revoke(id: string, at: Date): Promise<boolean> {
    return (await execute(this.em, 'update staff_api_tokens set revoked_at = $1 where id = $2 and revoked_at is null returning id', [at, id])).length === 1;
  }
  async touch(id: string, at: Date): Promise<void> {
    await execute(this.em, 'update staff_api_tokens set last_used_at = $1 where id = $2', [at, id]);
  }
}

/**
 * One row per scope and key. The insert waits on a concurrent transaction's uncommitted row of the same key (the
 * primary key), so of many requests with one key the first does the work and the others read what it left.
 */
export class PostgresIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly em: Em) {}
  async claim(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyRecord | null> {
    const inserted = await execute(this.em, 'insert into idempotency_keys (scope, key, fingerprint, created_at) values ($1, $2, $3, $4) on conflict do nothing returning key', [scope, key, fingerprint, now]);
    if (inserted.length) return null;
    const [row] = await execute<{ fingerprint: string; resource_id: string | null }>(this.em, 'select fingerprint, resource_id from idempotency_keys where scope = $1 and key = $2 for update', [scope, key]);
    return row ? { fingerprint: row.fingerprint, resourceId: row.resource_id } : null;
  }
  async complete(scope: string, key: string, resourceId: string): Promise<void> {
    await execute(this.em, 'update idempotency_keys set resource_id = $3 where scope = $1 and key = $2', [scope, key, resourceId]);
  }
}

export class MikroOrmWebhookRepository implements WebhookRepository {
  constructor(private readonly em: Em) {}
  async addEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.em.persist(endpoint);
    await this.em.flush();
  }
  async saveEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.em.persist(endpoint);
    await this.em.flush();
  }
  findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    return this.em.findOne(WebhookEndpointSchema, { id });
  }
  listEndpoints(accountId: string | null): Promise<WebhookEndpoint[]> {
    return this.em.find(WebhookEndpointSchema, { accountId, disabledAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 100 });
  }
  async endpointsFor(accountId: string, type: WebhookEventType): Promise<WebhookEndpoint[]> {
    const rows = await execute<{ id: string }>(this.em, 'select id from webhook_endpoints where (account_id = $1 or account_id is null) and disabled_at is null and $2 = any(events)', [accountId, type]);
    return rows.length ? this.em.find(WebhookEndpointSchema, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'asc' } }) : [];
  }
  async addEvent(event: WebhookEvent): Promise<void> {
    this.em.persist(event);
    await this.em.flush();
  }
  findEvent(id: string): Promise<WebhookEvent | null> {
    return this.em.findOne(WebhookEventSchema, { id });
  }
  async addDelivery(delivery: WebhookDelivery): Promise<void> {
    this.em.persist(delivery);
    await this.em.flush();
  }
  findDelivery(id: string): Promise<WebhookDelivery | null> {
    return this.em.findOne(WebhookDeliverySchema, { id }, { refresh: true });
  }
  listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
    return keysetPage(
      (keyset, limit) => this.em.find(WebhookDeliverySchema, { endpointId, ...keyset }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
      'createdAt',
      (d) => ({ at: d.createdAt, id: d.id }),
      page,
    );
  }
  async claimDelivery(id: string, now: Date, staleBefore: Date): Promise<WebhookDelivery | null> {
    const claimed = await execute<{ id: string }>(
      this.em,
      `update webhook_deliveries set status = 'sending', claimed_at = $2
        where id = $1 and (status in ('pending', 'retrying') or (status = 'sending' and claimed_at < $3))
        returning id`,
      [id, now, staleBefore],
    );
    if (claimed.length === 0) return null;
    return this.em.findOne(WebhookDeliverySchema, { id }, { refresh: true });
  }
  async saveDelivery(delivery: WebhookDelivery): Promise<void> {
    this.em.persist(delivery);
    await this.em.flush();
  }
}
