import { Migration } from '@mikro-orm/migrations';

/**
 * Integrations: staff API tokens (SHA-256 only), Idempotency-Keys of the JSON API, webhook endpoints (the signing
 * secret sealed), the events raised with each change and their deliveries, one per event and endpoint; and when each
 * thing integrators sync last changed (`updated_since`), indexed per account.
 */
export class Migration20261202000000Integrations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table staff_api_tokens (
        id uuid primary key,
        name text not null,
        created_by_staff_id uuid not null references staff_members (id),
        token_hash text not null unique,
        roles text[] not null check (cardinality(roles) > 0 and not ('admin' = any(roles))),
        created_at timestamptz not null,
        last_used_at timestamptz null,
        revoked_at timestamptz null
      );
      create index staff_api_tokens_created_idx on staff_api_tokens (created_at desc, id desc);

      create table idempotency_keys (
        scope text not null,
        key text not null check (length(key) between 1 and 200),
        fingerprint text not null,
        resource_id uuid null,
        created_at timestamptz not null,
        primary key (scope, key)
      );
      create index idempotency_keys_created_idx on idempotency_keys (created_at);

      create table webhook_endpoints (
        id uuid primary key,
        account_id uuid null references client_accounts (id),
        name text not null,
        url text not null,
        sealed_secret text not null,
        events text[] not null,
        created_at timestamptz not null,
        disabled_at timestamptz null
      );
      create index webhook_endpoints_account_idx on webhook_endpoints (account_id) where disabled_at is null;
      create index webhook_endpoints_staff_idx on webhook_endpoints (created_at) where account_id is null and disabled_at is null;

      create table webhook_events (
        id uuid primary key,
        type text not null,
        account_id uuid not null references client_accounts (id),
        occurred_at timestamptz not null,
        data jsonb not null
      );
      create index webhook_events_account_idx on webhook_events (account_id, occurred_at desc);

      create table webhook_deliveries (
        id uuid primary key,
        event_id uuid not null references webhook_events (id),
        endpoint_id uuid not null references webhook_endpoints (id),
        status text not null check (status in ('pending', 'sending', 'delivered', 'retrying', 'failed')),
        attempts integer not null default 0,
        last_status_code integer null,
        last_response text null,
        last_error text null,
        created_at timestamptz not null,
        last_attempt_at timestamptz null,
        delivered_at timestamptz null,
        claimed_at timestamptz null,
        unique (event_id, endpoint_id)
      );
      create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc, id desc);

      alter table orders add column updated_at timestamptz not null default now();
      alter table services add column updated_at timestamptz not null default now();
      alter table domains add column updated_at timestamptz not null default now();
      alter table contacts add column updated_at timestamptz not null default now();
      alter table tickets add column updated_at timestamptz not null default now();
      update orders set updated_at = coalesce(decided_at, created_at);
      update services set updated_at = activated_at;
      update domains set updated_at = registered_at;
      update contacts set updated_at = coalesce(accepted_at, created_at);
      update tickets set updated_at = last_activity_at;
      -- An issued invoice still never changes: the amount paid and when it last moved are all that may.
      create or replace function invoices_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'paid_cents' - 'updated_at') <> (to_jsonb(old) - 'paid_cents' - 'updated_at') then
          raise exception 'issued invoice % cannot change', old.number;
        end if;
        return new;
      end $$;
      alter table invoices add column updated_at timestamptz not null default now();
      alter table invoices disable trigger invoices_immutable;
      update invoices set updated_at = issued_at;
      alter table invoices enable trigger invoices_immutable;
      create index orders_updated_idx on orders (account_id, updated_at);
      create index services_updated_idx on services (account_id, updated_at);
      create index domains_updated_idx on domains (account_id, updated_at);
      create index contacts_updated_idx on contacts (account_id, updated_at);
      create index tickets_updated_idx on tickets (account_id, updated_at);
      create index invoices_updated_idx on invoices (account_id, updated_at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table webhook_deliveries; drop table webhook_events; drop table webhook_endpoints; drop table idempotency_keys; drop table staff_api_tokens;
      alter table orders drop column updated_at; alter table services drop column updated_at; alter table domains drop column updated_at;
      alter table contacts drop column updated_at; alter table tickets drop column updated_at;
      alter table invoices disable trigger invoices_immutable;
      alter table invoices drop column updated_at;
      alter table invoices enable trigger invoices_immutable;
      create or replace function invoices_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'paid_cents') <> (to_jsonb(old) - 'paid_cents') then
          raise exception 'issued invoice % cannot change', old.number;
        end if;
        return new;
      end $$;
    `);
  }
}
