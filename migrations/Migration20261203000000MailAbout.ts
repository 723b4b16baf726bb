import { Migration } from '@mikro-orm/migrations';

/**
 * What a mail is about (services, domains, a ticket), so that the account's email history shows each mail only to a
 * member who may read what it is about. Mails stored before this are about the whole account: a member scoped to part
 * of it no longer sees those of services, domains or support.
 */
export class Migration20261203000000MailAbout extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table mail_messages add column about jsonb null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table mail_messages drop column about;');
  }
}
