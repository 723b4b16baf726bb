import { EntitySchema } from '@mikro-orm/core';
import { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../domain/integrations/webhook.js';

/** Staff API tokens and webhooks (idempotency keys are plain SQL). */
export const StaffApiTokenSchema = new EntitySchema<StaffApiToken>({
  class: StaffApiToken,
  tableName: 'staff_api_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'string', columnType: 'text' },
    createdByStaffId: { type: 'uuid' },
    tokenHash: { type: 'string', columnType: 'text', unique: true },
    roles: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastUsedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const WebhookEndpointSchema = new EntitySchema<WebhookEndpoint>({
  class: WebhookEndpoint,
  tableName: 'webhook_endpoints',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid', nullable: true },
    name: { type: 'string', columnType: 'text' },
    url: { type: 'string', columnType: 'text' },
    sealedSecret: { type: 'string', columnType: 'text' },
    events: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    disabledAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export const WebhookEventSchema = new EntitySchema<WebhookEvent>({
  class: WebhookEvent,
  tableName: 'webhook_events',
  properties: {
    id: { type: 'uuid', primary: true },
    type: { type: 'string', columnType: 'text' },
    accountId: { type: 'uuid' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    data: { type: 'json', columnType: 'jsonb' },
  },
});

export const WebhookDeliverySchema = new EntitySchema<WebhookDelivery>({
  class: WebhookDelivery,
  tableName: 'webhook_deliveries',
  properties: {
    id: { type: 'uuid', primary: true },
    eventId: { type: 'uuid' },
    endpointId: { type: 'uuid' },
    status: { type: 'string', columnType: 'text' },
    attempts: { type: 'integer' },
    lastStatusCode: { type: 'integer', nullable: true },
    lastResponse: { type: 'string', columnType: 'text', nullable: true },
    lastError: { type: 'string', columnType: 'text', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastAttemptAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    deliveredAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    claimedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export const INTEGRATION_SCHEMAS = [StaffApiTokenSchema, WebhookEndpointSchema, WebhookEventSchema, WebhookDeliverySchema];
