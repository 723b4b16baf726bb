import { Migration } from '@mikro-orm/migrations';

/**
 * Lawful invoicing with the Tax Administration: the fiscalization of consumers' invoices (ZKI at issue, the JIR when
 * it comes), eRačuni on their way through the intermediary, reports of their payments (eIzvještavanje), and the bank
 * statements imported, and a foreign buyer's request for eRačuni. One row per invoice or payment (the primary key), so nothing is sent twice; the queues are
 * indexed on what they list.
 */
export class Migration20261201000000Fiscalization extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table client_accounts add column einvoice_requested boolean not null default false;

      create table fiscal_records (
        invoice_id uuid primary key references invoices (id),
        security_code char(32) not null check (security_code ~ '^[a-f0-9]{32}$'),
        jir varchar(36) null,
        status varchar(16) not null check (status in ('pending', 'sending', 'fiscalized', 'failed')),
        attempts integer not null default 0,
        last_error varchar(1000) null,
        issued_without_jir boolean not null default false,
        created_at timestamptz not null,
        claimed_at timestamptz null,
        fiscalized_at timestamptz null,
        check ((status = 'fiscalized') = (jir is not null))
      );
      create index fiscal_records_waiting_idx on fiscal_records (created_at, invoice_id) where status <> 'fiscalized';

      create table einvoice_dispatches (
        invoice_id uuid primary key references invoices (id),
        intermediary varchar(40) not null,
        status varchar(16) not null check (status in ('queued', 'sending', 'sent', 'delivered', 'rejected', 'refused', 'undeliverable')),
        document_id varchar(64) null,
        attempts integer not null default 0,
        last_error varchar(1000) null,
        rejection_reason varchar(1000) null,
        created_at timestamptz not null,
        claimed_at timestamptz null,
        sent_at timestamptz null,
        delivered_at timestamptz null,
        rejected_at timestamptz null,
        updated_at timestamptz not null
      );
      create unique index einvoice_dispatches_document_idx on einvoice_dispatches (intermediary, document_id) where document_id is not null;
      create index einvoice_dispatches_open_idx on einvoice_dispatches (updated_at, invoice_id) where status = 'sent';
      create index einvoice_dispatches_action_idx on einvoice_dispatches (updated_at, invoice_id) where status in ('rejected', 'refused', 'undeliverable');

      create table payment_reports (
        payment_id uuid primary key references payments (id),
        invoice_id uuid not null references invoices (id),
        amount_cents bigint not null check (amount_cents > 0),
        paid_on date not null,
        status varchar(16) not null check (status in ('pending', 'sending', 'accepted', 'refused')),
        attempts integer not null default 0,
        last_error varchar(1000) null,
        request_id varchar(64) null,
        answer text null,
        created_at timestamptz not null,
        claimed_at timestamptz null,
        reported_at timestamptz null
      );
      create index payment_reports_invoice_idx on payment_reports (invoice_id, created_at);
      create index payment_reports_waiting_idx on payment_reports (created_at, payment_id) where status <> 'accepted';

      create table bank_statement_imports (
        id uuid primary key,
        statement_id varchar(200) not null,
        sha256 char(64) not null,
        file_name varchar(200) not null,
        credits integer not null,
        booked integer not null,
        duplicates integer not null,
        unmatched integer not null,
        imported_by_staff_id uuid not null,
        imported_at timestamptz not null
      );
      create index bank_statement_imports_time_idx on bank_statement_imports (imported_at desc, id desc);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table bank_statement_imports;
      drop table payment_reports;
      drop table einvoice_dispatches;
      drop table fiscal_records;
      alter table client_accounts drop column einvoice_requested;
    `);
  }
}
