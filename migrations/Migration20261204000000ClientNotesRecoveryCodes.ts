import { Migration } from '@mikro-orm/migrations';

/** Recovery codes of two-factor sign-in (their hashes), and the staff's internal notes about a client. */
export class Migration20261204000000ClientNotesRecoveryCodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table users add column recovery_codes text[] not null default '{}';`);
    this.addSql(`create table client_notes (
      id uuid primary key,
      account_id uuid not null references client_accounts (id),
      staff_id uuid not null,
      staff_name text not null,
      body text not null,
      created_at timestamptz not null
    );`);
    this.addSql('create index client_notes_account_idx on client_notes (account_id, created_at desc, id desc);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table client_notes;');
    this.addSql('alter table users drop column recovery_codes;');
  }
}
