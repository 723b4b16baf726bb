import { Migration } from '@mikro-orm/migrations';

/**
 * Lists that filter read an index of their own, so that a page of few matches among many rows does not walk them all:
 * a client's unpaid invoices (most invoices are paid: an account with years of paid invoices and three unpaid ones
 * read every invoice to find them), quotes and tickets by status.
 *
 * The client account of a matched payment, kept beside it, so that a client's latest payments are read from an index
 * of their own instead of from every payment joined to its invoice (the client view read all of them, more with every
 * payment recorded anywhere). The database keeps it from the payment's invoice: the domain's payment has no account.
 */
export class Migration20261205000000ListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table payments add column account_id uuid references client_accounts (id);');
    this.addSql('update payments p set account_id = i.account_id from invoices i where i.id = p.invoice_id;');
    this.addSql(`create function payments_account_of_invoice() returns trigger language plpgsql as $$
      begin
        new.account_id := (select i.account_id from invoices i where i.id = new.invoice_id);
        return new;
      end
    $$;`);
    this.addSql('create trigger payments_account before insert or update of invoice_id on payments for each row execute function payments_account_of_invoice();');
    this.addSql('create index payments_account_idx on payments (account_id, received_on desc, id desc) where account_id is not null;');
    this.addSql('create index invoices_unpaid_idx on invoices (account_id, issued_at desc, id desc) where paid_cents < gross_cents;');
    this.addSql('create index quotes_account_status_idx on quotes (account_id, status, issued_at desc, id desc);');
    this.addSql('create index tickets_account_status_idx on tickets (account_id, status, last_activity_at desc, id desc);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index tickets_account_status_idx;');
    this.addSql('drop index quotes_account_status_idx;');
    this.addSql('drop index invoices_unpaid_idx;');
    this.addSql('drop trigger payments_account on payments;');
    this.addSql('drop function payments_account_of_invoice();');
    this.addSql('alter table payments drop column account_id;');
  }
}
