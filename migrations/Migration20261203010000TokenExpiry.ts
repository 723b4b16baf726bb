import { Migration } from '@mikro-orm/migrations';

/** API keys, a client's and staff's, work for a year from their creation. */
export class Migration20261203010000TokenExpiry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table api_tokens add column expires_at timestamptz null;
      update api_tokens set expires_at = created_at + interval '365 days';
      alter table api_tokens alter column expires_at set not null;
      alter table staff_api_tokens add column expires_at timestamptz null;
      update staff_api_tokens set expires_at = created_at + interval '365 days';
      alter table staff_api_tokens alter column expires_at set not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('alter table api_tokens drop column expires_at; alter table staff_api_tokens drop column expires_at;');
  }
}
