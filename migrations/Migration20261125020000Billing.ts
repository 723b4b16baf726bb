import { Migration } from '@mikro-orm/migrations';

/** Invoices and credit notes, payments, and the payment reference of quotes. */
export class Migration20261125020000Billing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table quotes add column payment_reference jsonb null;
      update quotes set payment_reference = jsonb_build_object('model', 'HR00', 'number', '1-' || split_part(number, '-', 2) || '-' || ltrim(split_part(number, '-', 3), '0'));
      alter table quotes alter column payment_reference set not null;
      create unique index quotes_reference_idx on quotes ((payment_reference->>'number'));

      create table invoices (
        id uuid primary key,
        kind text not null check (kind in ('invoice', 'credit_note')),
        number text not null,
        year integer not null,
        sequence integer not null,
        premises text not null,
        device text not null,
        account_id uuid not null references client_accounts (id),
        quote_id uuid null references quotes (id),
        corrects_invoice_id uuid null references invoices (id),
        issued_at timestamptz not null,
        delivery_date timestamptz not null,
        due_date timestamptz not null,
        seller jsonb not null,
        buyer jsonb not null,
        lines jsonb not null,
        vat_groups jsonb not null,
        net_cents integer not null,
        vat_cents integer not null,
        gross_cents integer not null,
        payment_reference jsonb not null,
        paid_cents integer not null default 0,
        unique (year, premises, device, sequence)
      );
      create index invoices_account_idx on invoices (account_id, issued_at desc, id desc);
      create unique index invoices_reference_idx on invoices ((payment_reference->>'number'));
      create unique index invoices_quote_idx on invoices (quote_id) where quote_id is not null;
      create unique index invoices_credit_idx on invoices (corrects_invoice_id) where corrects_invoice_id is not null;

      -- An issued document never changes: only the amount paid may move.
      create function invoices_immutable() returns trigger language plpgsql as $$
      begin
        if (to_jsonb(new) - 'paid_cents') <> (to_jsonb(old) - 'paid_cents') then
          raise exception 'issued invoice % cannot change', old.number;
        end if;
        return new;
      end $$;
      create trigger invoices_immutable before update on invoices for each row execute function invoices_immutable();
      create function invoices_undeletable() returns trigger language plpgsql as $$
      begin
        raise exception 'issued invoice % cannot be deleted', old.number;
      end $$;
      create trigger invoices_undeletable before delete on invoices for each row execute function invoices_undeletable();

      create table payments (
        id uuid primary key,
        bank_transaction_id text not null unique,
        amount_cents integer not null check (amount_cents > 0),
        received_on timestamptz not null,
        reference text not null,
        payer_name text not null,
        invoice_id uuid null references invoices (id),
        recorded_by_staff_id uuid not null references staff_members (id),
        recorded_at timestamptz not null
      );
      create index payments_recorded_idx on payments (recorded_at desc, id desc);
      create index payments_unmatched_idx on payments (recorded_at desc, id desc) where invoice_id is null;
      create index payments_invoice_idx on payments (invoice_id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table payments;
      drop table invoices;
      drop function invoices_immutable();
      drop function invoices_undeletable();
      drop index quotes_reference_idx;
      alter table quotes drop column payment_reference;
    `);
  }
}
