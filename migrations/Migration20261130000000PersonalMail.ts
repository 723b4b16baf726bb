import { Migration } from '@mikro-orm/migrations';

/**
 * Mail that carries a one-time secret is personal and keeps the secret only sealed until it is delivered. Mail
 * stored before this had its links and transfer codes in clear: they are redacted here, and those mails (with every
 * security mail) become personal, out of the accounts' shared history.
 */
export class Migration20261130000000PersonalMail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table mail_messages add column personal boolean not null default false, add column sealed_secret text null;
      update mail_messages set
        personal = true,
        text_body = regexp_replace(text_body, '(/password-reset/|/invitations/|/email-change/confirm/|/email-change/cancel/)[A-Za-z0-9_-]+', '\\1{{secret}}', 'g'),
        html_body = regexp_replace(html_body, '(/password-reset/|/invitations/|/email-change/confirm/|/email-change/cancel/)[A-Za-z0-9_-]+', '\\1{{secret}}', 'g')
      where topic = 'security' or text_body ~ '(/password-reset/|/invitations/|/email-change/(confirm|cancel)/)[A-Za-z0-9_-]{16,}';
      update mail_messages set
        personal = true,
        text_body = regexp_replace(text_body, ': [A-Z2-7]{16}\\M', ': {{secret}}', 'g'),
        html_body = regexp_replace(html_body, ': [A-Z2-7]{16}\\M', ': {{secret}}', 'g')
      where subject ~ '(kod za prijenos|transfer code)';
      drop index mail_messages_account_idx;
      create index mail_messages_account_idx on mail_messages (account_id, created_at desc, id desc) where not personal;
      create index mail_messages_personal_idx on mail_messages (user_id, created_at desc, id desc) where personal;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index mail_messages_personal_idx;
      drop index mail_messages_account_idx;
      create index mail_messages_account_idx on mail_messages (account_id, created_at desc, id desc);
      alter table mail_messages drop column personal, drop column sealed_secret;
    `);
  }
}
