import { Migration } from '@mikro-orm/migrations';

/** Renewals: one row per item and period, whose stage only moves forward. */
export class Migration20261125030000Renewals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table renewals (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        item_kind text not null check (item_kind in ('service', 'domain')),
        item_id uuid not null,
        item_name text not null,
        period_end timestamptz not null,
        quote_id uuid not null,
        stage text not null check (stage in ('quoted', 'reminded', 'suspended', 'cancelled', 'renewed')),
        updated_at timestamptz not null,
        unique (item_kind, item_id, period_end)
      );
      create index renewals_open_idx on renewals (period_end, id) where stage in ('quoted', 'reminded', 'suspended');
      alter table quotes add column renewal_id uuid null references renewals (id) deferrable initially deferred;
      alter table renewals add constraint renewals_quote_fk foreign key (quote_id) references quotes (id) deferrable initially deferred;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('alter table quotes drop column renewal_id; drop table renewals;');
  }
}
