import { Migration } from '@mikro-orm/migrations';

/** Contacts of accounts (rights, scope, mail subscriptions, invitations) and optional two-factor sign-in for users. */
export class Migration20261125050000Contacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table contacts (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        name text not null,
        email text not null,
        locale text not null,
        user_id uuid null references users (id),
        login boolean not null,
        permissions text[] not null,
        scope_service_ids uuid[] null,
        scope_domain_ids uuid[] null,
        subscriptions text[] not null,
        invitation_hash text null unique,
        invitation_expires_at timestamptz null,
        accepted_at timestamptz null,
        created_at timestamptz not null,
        constraint contacts_account_email_key unique (account_id, email),
        constraint contacts_account_user_key unique (account_id, user_id),
        constraint contacts_scope_check check ((scope_service_ids is null) = (scope_domain_ids is null))
      );
      create index contacts_account_idx on contacts (account_id, created_at desc, id desc);
      create index contacts_user_idx on contacts (user_id) where user_id is not null;
      alter table users add column totp_sealed text null, add column last_totp_step integer not null default 0;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table contacts; alter table users drop column totp_sealed, drop column last_totp_step;');
  }
}
