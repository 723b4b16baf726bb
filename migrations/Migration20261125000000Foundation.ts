import { Migration } from '@mikro-orm/migrations';

/** Users, client accounts, staff, sessions, reset links, rate limits, mail and the audit log. */
export class Migration20261125000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null unique,
        name text not null,
        password_hash text null,
        locale text not null default 'hr' check (locale in ('hr', 'en')),
        created_at timestamptz not null,
        password_changed_at timestamptz null
      );

      create table client_accounts (
        id uuid primary key,
        entity_type text not null check (entity_type in ('doo', 'jdoo', 'dd', 'obrt', 'udruga', 'person')),
        name text not null,
        oib char(11) not null unique,
        email text not null,
        phone text not null,
        street text not null,
        postal_code text not null,
        city text not null,
        country char(2) not null default 'HR',
        owner_user_id uuid not null references users (id),
        created_at timestamptz not null
      );
      create index client_accounts_owner_idx on client_accounts (owner_user_id, name);

      create table staff_members (
        id uuid primary key,
        email text not null unique,
        name text not null,
        password_hash text not null,
        totp_secret text not null,
        last_totp_step integer not null default 0,
        roles text[] not null,
        active boolean not null default true,
        created_at timestamptz not null
      );

      create table sessions (
        id text primary key,
        subject text not null check (subject in ('user', 'staff')),
        subject_id uuid not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        absolute_expires_at timestamptz not null,
        client_address text not null,
        user_agent text not null
      );
      create index sessions_subject_idx on sessions (subject, subject_id);
      create index sessions_expiry_idx on sessions (expires_at);

      create table password_reset_tokens (
        token_hash text primary key,
        user_id uuid not null references users (id),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null
      );
      create index password_reset_tokens_user_idx on password_reset_tokens (user_id) where used_at is null;

      create table rate_limits (
        key text primary key,
        window_started_at timestamptz not null,
        hits integer not null
      );
      create index rate_limits_window_idx on rate_limits (window_started_at);

      create table mail_messages (
        id uuid primary key,
        account_id uuid null references client_accounts (id),
        user_id uuid null references users (id),
        topic text not null,
        to_address text not null,
        subject text not null,
        text_body text not null,
        html_body text not null,
        status text not null check (status in ('queued', 'sending', 'sent', 'failed')),
        attempts integer not null default 0,
        last_error text null,
        created_at timestamptz not null,
        sent_at timestamptz null
      );
      create index mail_messages_account_idx on mail_messages (account_id, created_at desc, id desc);

      create table audit_log (
        id uuid primary key,
        at timestamptz not null,
        actor_kind text not null,
        actor_id uuid null,
        account_id uuid null,
        action text not null,
        client_address text null,
        details jsonb not null default '{}'
      );
      create index audit_log_at_idx on audit_log (at desc, id desc);
      create index audit_log_account_idx on audit_log (account_id, at desc, id desc) where account_id is not null;
      create index audit_log_actor_idx on audit_log (actor_id, at desc, id desc) where actor_id is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table audit_log, mail_messages, rate_limits, password_reset_tokens, sessions, staff_members, client_accounts, users;');
  }
}
