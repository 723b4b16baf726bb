import { Migration } from '@mikro-orm/migrations';

/**
 * The public email-change form keeps what it received until a job looks the OIB up (so its answer takes the same
 * time for every OIB), and requests of one account no longer block each other: one approved closes the rest.
 */
export class Migration20261130020000PublicEmailChange extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table email_change_submissions (
        id uuid primary key,
        oib text not null,
        new_email text not null,
        document_type text not null,
        document_bytes integer not null,
        document_sha256 text not null,
        locale text not null,
        client_address text not null,
        user_agent text not null,
        created_at timestamptz not null,
        sealed text not null
      );
      alter table email_change_requests drop constraint email_change_requests_status_check;
      alter table email_change_requests add constraint email_change_requests_status_check
        check (status in ('awaiting_confirmation', 'awaiting_review', 'approved', 'rejected', 'cancelled', 'expired', 'superseded'));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table email_change_submissions;
      alter table email_change_requests drop constraint email_change_requests_status_check;
      alter table email_change_requests add constraint email_change_requests_status_check
        check (status in ('awaiting_confirmation', 'awaiting_review', 'approved', 'rejected', 'cancelled', 'expired'));
    `);
  }
}
