import { Migration } from '@mikro-orm/migrations';

/** Catalog, orders, quotes, services and domains, and the gapless counters behind their numbers. */
export class Migration20261125010000Ordering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table products (
        id uuid primary key,
        code text not null unique,
        kind text not null check (kind in ('hosting', 'mailbox', 'ssl', 'domain')),
        name_hr text not null,
        name_en text not null,
        description_hr text not null,
        description_en text not null,
        period_months integer not null check (period_months > 0),
        price_cents integer not null check (price_cents >= 0),
        vat_rate_percent integer not null,
        tld text null,
        active boolean not null default true,
        sort_order integer not null default 0
      );
      create index products_active_idx on products (sort_order, code) where active;

      create table counters (
        series text not null,
        year integer not null,
        value integer not null,
        primary key (series, year)
      );

      create table orders (
        id uuid primary key,
        number text not null unique,
        account_id uuid null references client_accounts (id),
        placed_by_user_id uuid null references users (id),
        source text not null check (source in ('public', 'portal', 'api')),
        status text not null check (status in ('pending', 'accepted', 'rejected')),
        lines jsonb not null,
        unlinked_customer jsonb null,
        idempotency_key text null,
        created_at timestamptz not null,
        decided_at timestamptz null,
        decided_by_staff_id uuid null references staff_members (id),
        rejection_reason text null
      );
      create index orders_account_idx on orders (account_id, created_at desc, id desc);
      create index orders_pending_idx on orders (created_at desc, id desc) where status = 'pending';
      create unique index orders_idempotency_idx on orders (account_id, idempotency_key) where idempotency_key is not null;

      create table quotes (
        id uuid primary key,
        number text not null unique,
        account_id uuid not null references client_accounts (id),
        order_id uuid null references orders (id),
        lines jsonb not null,
        net_cents integer not null,
        vat_cents integer not null,
        gross_cents integer not null,
        status text not null check (status in ('open', 'accepted', 'expired', 'cancelled')),
        issued_at timestamptz not null,
        valid_until timestamptz not null
      );
      create index quotes_account_idx on quotes (account_id, issued_at desc, id desc);
      create index quotes_order_idx on quotes (order_id);

      create table services (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        order_id uuid not null references orders (id),
        product_id uuid not null references products (id),
        product_code text not null,
        kind text not null check (kind in ('hosting', 'mailbox', 'ssl')),
        name text not null,
        domain_name text not null,
        status text not null check (status in ('pending', 'active', 'suspended', 'cancelled', 'expired')),
        period_months integer not null,
        activated_at timestamptz not null,
        expires_at timestamptz not null,
        sealed_credentials text null
      );
      create index services_account_idx on services (account_id, activated_at desc, id desc);
      create index services_expiry_idx on services (expires_at) where status in ('active', 'suspended');

      create table domains (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        order_id uuid not null references orders (id),
        name text not null,
        status text not null check (status in ('pending', 'active', 'suspended', 'cancelled', 'expired')),
        period_months integer not null,
        registered_at timestamptz not null,
        expires_at timestamptz not null,
        nameservers text[] not null
      );
      create index domains_account_idx on domains (account_id, registered_at desc, id desc);
      create unique index domains_live_name_idx on domains (name) where status <> 'cancelled';
      create index domains_expiry_idx on domains (expires_at) where status in ('active', 'suspended');
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table domains, services, quotes, orders, counters, products;');
  }
}
