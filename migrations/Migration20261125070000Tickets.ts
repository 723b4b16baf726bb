import { Migration } from '@mikro-orm/migrations';

/** Tickets with typed requests, their messages and sealed attachments; indexes for the staff client search. */
export class Migration20261125070000Tickets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table tickets (
        id uuid primary key,
        account_id uuid not null references client_accounts (id),
        number text not null unique,
        subject text not null,
        department text not null check (department in ('technical', 'billing', 'sales')),
        priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
        status text not null check (status in ('open', 'answered', 'closed')),
        opened_by_user_id uuid not null references users (id),
        created_at timestamptz not null,
        last_activity_at timestamptz not null,
        closed_at timestamptz null,
        request_kind text null,
        request_payload jsonb null,
        request_status text null check (request_status in ('pending', 'done', 'declined')),
        request_decided_at timestamptz null,
        request_decided_by_staff_id uuid null references staff_members (id),
        request_outcome text null
      );
      create index tickets_account_idx on tickets (account_id, last_activity_at desc, id desc);
      create index tickets_queue_idx on tickets (status, last_activity_at desc, id desc);
      create table ticket_messages (
        id uuid primary key,
        ticket_id uuid not null references tickets (id),
        author_kind text not null check (author_kind in ('user', 'staff')),
        author_id uuid not null,
        author_name text not null,
        body text not null,
        created_at timestamptz not null
      );
      create index ticket_messages_ticket_idx on ticket_messages (ticket_id, created_at, id);
      create table ticket_attachments (
        id uuid primary key,
        ticket_id uuid not null references tickets (id),
        message_id uuid not null references ticket_messages (id),
        file_name text not null,
        type text not null,
        bytes integer not null,
        sha256 text not null,
        created_at timestamptz not null,
        sealed text not null
      );
      create index ticket_attachments_ticket_idx on ticket_attachments (ticket_id, created_at);
      create index client_accounts_name_search_idx on client_accounts (lower(name) text_pattern_ops);
      create index client_accounts_email_search_idx on client_accounts (lower(email) text_pattern_ops);
      create index domains_name_search_idx on domains (name text_pattern_ops);
      create index services_domain_search_idx on services (domain_name text_pattern_ops);
      create index contacts_email_search_idx on contacts (lower(email) text_pattern_ops);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table ticket_attachments; drop table ticket_messages; drop table tickets;
      drop index client_accounts_name_search_idx; drop index client_accounts_email_search_idx;
      drop index domains_name_search_idx; drop index services_domain_search_idx; drop index contacts_email_search_idx;
    `);
  }
}
