import { Migration } from '@mikro-orm/migrations';

/** API tokens of accounts: the SHA-256 of the token, its rights, last use and revocation. */
export class Migration20261125040000ApiTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table api_tokens (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        name text not null,
        created_by_user_id uuid not null references users (id),
        token_hash text not null unique,
        permissions text[] not null,
        created_at timestamptz not null,
        last_used_at timestamptz null,
        revoked_at timestamptz null
      );
      create index api_tokens_account_idx on api_tokens (account_id, created_at desc);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table api_tokens;');
  }
}
