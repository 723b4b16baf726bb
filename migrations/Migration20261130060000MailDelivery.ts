import { Migration } from '@mikro-orm/migrations';

/**
 * Mail delivery that survives a crash and a long SMTP outage: when a sending attempt began (a stale claim is taken
 * again), and `undeliverable` once the retries are spent. Indexed for the sweep and the staff list.
 */
export class Migration20261130060000MailDelivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table mail_messages add column claimed_at timestamptz null;
      alter table mail_messages drop constraint mail_messages_status_check;
      alter table mail_messages add constraint mail_messages_status_check check (status in ('queued', 'sending', 'sent', 'failed', 'undeliverable'));
      create index mail_messages_pending_idx on mail_messages (status, created_at desc, id desc) where status <> 'sent';
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index mail_messages_pending_idx;
      update mail_messages set status = 'failed' where status = 'undeliverable';
      alter table mail_messages drop constraint mail_messages_status_check;
      alter table mail_messages add constraint mail_messages_status_check check (status in ('queued', 'sending', 'sent', 'failed'));
      alter table mail_messages drop column claimed_at;
    `);
  }
}
