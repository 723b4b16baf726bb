import type { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventType } from '../../domain/integrations/webhook.js';
import type { Page, PageRequest } from './repositories.js';

export interface StaffApiTokenRepository {
  add(token: StaffApiToken): Promise<void>;
  findByHash(tokenHash: string): Promise<StaffApiToken | null>;
  list(): Promise<StaffApiToken[]>;
  /** False when there is no such live token. */
  revoke(id: string, at: Date): Promise<boolean>;
  touch(id: string, at: Date): Promise<void>;
}

/** What a request with an Idempotency-Key left behind: the body it carried (as a hash) and what it made. */
export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly resourceId: string | null;
}

export interface IdempotencyKeys {
  /**
   * Takes the key for this transaction: the first caller inserts it, a concurrent one waits here until the first
   * commits (or rolls back) and then reads what it left. Returns null when the key is new.
   */
  claim(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyRecord | null>;
  /** Records what the request made, in the same transaction as the change. */
  complete(scope: string, key: string, resourceId: string): Promise<void>;
}

export interface WebhookRepository {
  addEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  saveEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  findEndpoint(id: string): Promise<WebhookEndpoint | null>;
  /** The live endpoints of an account, or the staff ones (null), oldest first. */
  listEndpoints(accountId: string | null): Promise<WebhookEndpoint[]>;
  /** The live endpoints to tell about an event of this account: its own and the staff ones. */
  endpointsFor(accountId: string, type: WebhookEventType): Promise<WebhookEndpoint[]>;
  addEvent(event: WebhookEvent): Promise<void>;
  findEvent(id: string): Promise<WebhookEvent | null>;
  addDelivery(delivery: WebhookDelivery): Promise<void>;
  findDelivery(id: string): Promise<WebhookDelivery | null>;
  /** An endpoint's deliveries, newest first. */
  listDeliveries(endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
  /**
   * Moves a delivery that waits (pending or retrying), or whose sending claim is older than `staleBefore`, to
   * sending and returns it; null when delivered, failed, being sent now, or absent.
   */
  claimDelivery(id: string, now: Date, staleBefore: Date): Promise<WebhookDelivery | null>;
  /** Stores the outcome of an attempt (the delivery as it is after it). */
  saveDelivery(delivery: WebhookDelivery): Promise<void>;
}

export interface WebhookRequest {
  readonly url: string;
  /** The event id (Webhook-Id), the moment of signing (Webhook-Timestamp, Unix seconds) and the exact body. */
  readonly id: string;
  readonly timestamp: number;
  readonly body: string;
  readonly secret: string;
}

export type WebhookAnswer = { readonly ok: true; readonly status: number; readonly body: string } | { readonly ok: false; readonly error: string };

/** Sends one signed POST and reports the receiver's answer (status and the start of its body) or why none came. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookAnswer>;
}
