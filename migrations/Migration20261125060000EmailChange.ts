import { Migration } from '@mikro-orm/migrations';

/** Profile locks, email-change requests and their documents (sealed, deleted after the retention period). */
export class Migration20261125060000EmailChange extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table client_accounts add column locked_fields text[] not null default '{}';
      create table email_change_requests (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        old_email text not null,
        new_email text not null,
        channel text not null check (channel in ('owner', 'public')),
        requested_by_user_id uuid null references users (id),
        status text not null check (status in ('awaiting_confirmation', 'awaiting_review', 'approved', 'rejected', 'cancelled', 'expired')),
        confirm_token_hash text null unique,
        cancel_token_hash text null unique,
        document_type text not null,
        document_bytes integer not null,
        document_sha256 text not null,
        document_deleted_at timestamptz null,
        created_at timestamptz not null,
        confirmed_at timestamptz null,
        decided_at timestamptz null,
        decided_by_staff_id uuid null references staff_members (id),
        reason text null
      );
      create index email_change_requests_account_idx on email_change_requests (account_id, created_at desc);
      create index email_change_requests_queue_idx on email_change_requests (status, created_at, id);
      create index email_change_requests_retention_idx on email_change_requests (decided_at) where document_deleted_at is null;
      create table email_change_documents (
        request_id uuid primary key references email_change_requests (id),
        sealed text not null
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table email_change_documents; drop table email_change_requests; alter table client_accounts drop column locked_fields;');
  }
}
