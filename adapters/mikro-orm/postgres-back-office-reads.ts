import { COUNT_CAP, type ActorName, type BackOfficeReads, type ClientPicture, type ClientPictureLimits, type QueuePage, type StaffCounts, type StaffCountsQuery } from '../../application/ports/back-office-reads.js';
import type { Page, PageRequest, TicketFilter } from '../../application/ports/repositories.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { Order } from '../../domain/ordering/order.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';
import type { Ticket } from '../../domain/support/ticket.js';
import { ClientNoteSchema } from './backoffice-schemas.js';
import { rowMapper } from './row-mapper.js';
import { billingRead, statementsByDetail } from './billing-summaries.js';
import type { ReadDetail } from '../../application/ports/portal-reads.js';
import {
  ClientAccountSchema,
  ContactSchema,
  EmailChangeRequestSchema,
  HostedServiceSchema,
  OrderSchema,
  OutgoingMailSchema,
  PaymentSchema,
  RegisteredDomainSchema,
  TicketSchema,
  UserSchema,
} from './schemas.js';
import { keysetPageOf, keysetSelect, statementName, type Json, type KeysetList } from './sql-keyset.js';
import type { SqlReader } from './sql-reader.js';

const toAccount = rowMapper(ClientAccountSchema);
const toUser = rowMapper(UserSchema);
const toOrder = rowMapper(OrderSchema);
const toTicket = rowMapper(TicketSchema);
const toEmailChange = rowMapper(EmailChangeRequestSchema);
const toPayment = rowMapper(PaymentSchema);
const toMail = rowMapper(OutgoingMailSchema);
const toService = rowMapper(HostedServiceSchema);
const toDomain = rowMapper(RegisteredDomainSchema);
const toContact = rowMapper(ContactSchema);
const toNote = rowMapper(ClientNoteSchema);
const toAudit = (row: Json): AuditEntry => ({
  id: String(row['id']),
  at: new Date(row['at'] as string),
  actorKind: row['actor_kind'] as AuditEntry['actorKind'],
  actorId: (row['actor_id'] as string | null) ?? null,
  accountId: (row['account_id'] as string | null) ?? null,
  action: String(row['action']),
  clientAddress: (row['client_address'] as string | null) ?? null,
  details: (row['details'] as AuditEntry['details']) ?? {},
});

const UNDECIDED = `('awaiting_confirmation', 'awaiting_review')`;
/** As the dispatch repository counts them: refused or undeliverable eRačuni not yet corrected by a credit note. */
const NEEDING_ACTION = `d.status in ('rejected', 'refused', 'undeliverable') and not exists (select 1 from invoices c where c.corrects_invoice_id = d.invoice_id)`;

/**
 * The staff home's counts in one statement, each stopping at COUNT_CAP + 1 rows ($7; the order queue passes it as a
 * number); a count the staff member may not see is not run (CASE skips it).
 */
const capped = (from: string, limit: string | number = '$7') => `(select count(*) from (select 1 from ${from} limit ${limit}) x)`;
const COUNTS = `
  select
    case when $1 then ${capped(`orders where status = 'pending'`)} end as orders,
    case when $2 then ${capped('payments where invoice_id is null')} end as payments,
    case when $3 then ${capped(`email_change_requests where status = 'awaiting_review'`)} end as email_changes,
    case when $4 then ${capped(`tickets where status = 'open'`)} end as tickets,
    case when $5 then ${capped(`mail_messages where status = 'undeliverable'`)} end as undelivered_mail,
    case when $6 then ${capped(`fiscal_records where status <> 'fiscalized'`)} end as waiting_fiscal,
    case when $6 then ${capped(`einvoice_dispatches d where ${NEEDING_ACTION}`)} end as needing_action`;

/**
 * The whole client view in one statement: the account, then each part as a subquery over its own index, newest first
 * and limited ($2: a section, $3: the recent few), the audit entries once (a CTE) with the names of who acted in them.
 */
const clientPictureSql = (json: { quote: string; invoice: string }) => `
  with acc as (select * from client_accounts where id = $1),
  log as (select * from audit_log where account_id = $1 order by at desc, id desc limit $3)
  select
    row_to_json(acc) as account,
    (select row_to_json(u) from users u where u.id = acc.owner_user_id) as owner,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(s) as j from services s where s.account_id = acc.id order by s.activated_at desc, s.id desc limit $2) x) as services,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(d) as j from domains d where d.account_id = acc.id order by d.registered_at desc, d.id desc limit $2) x) as domains,
    (select coalesce(json_agg(x.j), '[]') from (select ${json.quote} as j from quotes q where q.account_id = acc.id and q.status = 'open' order by q.issued_at desc, q.id desc limit 100) x) as open_quotes,
    (select coalesce(json_agg(x.j), '[]') from (select ${json.invoice} as j from invoices i where i.account_id = acc.id and i.paid_cents < i.gross_cents order by i.issued_at desc, i.id desc limit $2) x) as unpaid_invoices,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(c) as j from contacts c where c.account_id = acc.id order by c.created_at desc, c.id desc limit $2) x) as contacts,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(t) as j from tickets t where t.account_id = acc.id order by t.last_activity_at desc, t.id desc limit $3) x) as tickets,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(r) as j from email_change_requests r where r.account_id = acc.id and r.status in ${UNDECIDED} order by r.created_at desc, r.id desc limit 20) x) as email_changes,
    (select coalesce(json_agg(row_to_json(l) order by l.at desc, l.id desc), '[]') from log l) as audit,
    (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)), '[]') from users u where u.id in (select actor_id from log where actor_kind <> 'staff')) as audit_users,
    (select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'roles', m.roles)), '[]') from staff_members m where m.id in (select actor_id from log where actor_kind = 'staff')) as audit_staff,
    (select coalesce(json_agg(x.j), '[]') from (select ${json.invoice} as j from invoices i where i.account_id = acc.id order by i.issued_at desc, i.id desc limit $3) x) as invoices,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(p) as j from payments p where p.account_id = acc.id order by p.received_on desc, p.id desc limit $3) x) as payments,
    (select coalesce(json_agg(x.j), '[]') from (select row_to_json(n) as j from client_notes n where n.account_id = acc.id order by n.created_at desc, n.id desc limit $3) x) as notes
  from acc`;

/** The client view's statement by how much of each quote and invoice it reads (see ReadDetail). */
const CLIENT_PICTURE = statementsByDetail('backoffice-client-picture', (detail) => clientPictureSql({ quote: billingRead.quoteJson(detail, 'q'), invoice: billingRead.invoiceJson(detail, 'i') }));

interface PictureRow {
  account: Json;
  owner: Json | null;
  services: Json[];
  domains: Json[];
  open_quotes: Json[];
  unpaid_invoices: Json[];
  contacts: Json[];
  tickets: Json[];
  email_changes: Json[];
  audit: Json[];
  audit_users: Array<{ id: string; name: string }>;
  audit_staff: Array<{ id: string; name: string; roles: StaffRole[] }>;
  invoices: Json[];
  payments: Json[];
  notes: Json[];
}

const count = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export class PostgresBackOfficeReads implements BackOfficeReads {
  constructor(private readonly read: SqlReader) {}

  async counts(which: StaffCountsQuery): Promise<StaffCounts> {
    const [row] = await this.read<Record<string, unknown>>('backoffice-counts', COUNTS, [which.orders, which.payments, which.emailChanges, which.tickets, which.undeliveredMail, which.deliveries, COUNT_CAP + 1]);
    return {
      orders: count(row?.['orders']),
      payments: count(row?.['payments']),
      emailChanges: count(row?.['email_changes']),
      tickets: count(row?.['tickets']),
      undeliveredMail: count(row?.['undelivered_mail']),
      deliveries: which.deliveries ? { waitingFiscal: Number(row?.['waiting_fiscal'] ?? 0), needingAction: Number(row?.['needing_action'] ?? 0) } : null,
    };
  }

  async orderQueue(page: PageRequest): Promise<QueuePage<Order> & { count: number }> {
    const { extra, ...queue } = await this.queue({ table: 'orders', time: 'created_at', where: [`t.status = 'pending'`], params: [], search: ['number'] }, page, toOrder, capped(`orders where status = 'pending'`, COUNT_CAP + 1));
    return { ...queue, count: Number(extra) };
  }

  ticketQueue(filter: TicketFilter, page: PageRequest): Promise<QueuePage<Ticket>> {
    const status = filter === 'all' ? { where: [], params: [] } : { where: ['t.status = $1'], params: [filter] };
    return this.queue({ table: 'tickets', time: 'last_activity_at', ...status, search: ['subject', 'number'] }, page, toTicket);
  }

  emailChangeQueue(page: PageRequest): Promise<QueuePage<EmailChangeRequest>> {
    return this.queue({ table: 'email_change_requests', time: 'created_at', where: [`t.status in ${UNDECIDED}`], params: [], order: 'asc' }, page, toEmailChange);
  }

  payments(filter: 'all' | 'unmatched', page: PageRequest): Promise<Page<Payment>> {
    return this.list({ table: 'payments', time: 'recorded_at', where: filter === 'unmatched' ? ['t.invoice_id is null'] : [], params: [], search: ['reference', 'bank_transaction_id', 'payer_name'] }, page, toPayment);
  }

  undeliveredMail(page: PageRequest): Promise<Page<OutgoingMail>> {
    return this.list({ table: 'mail_messages', time: 'created_at', where: [`t.status in ('failed', 'undeliverable')`], params: [], order: 'desc' }, page, toMail);
  }

  async clientPicture<D extends ReadDetail>(accountId: string, limits: ClientPictureLimits, detail: D): Promise<ClientPicture<D> | null> {
    const statement = CLIENT_PICTURE[detail];
    const [row] = await this.read<PictureRow>(statement.name, statement.sql, [accountId, limits.section, limits.recent]);
    if (!row) return null;
    const account = toAccount(row.account);
    const people: Record<string, ActorName> = {};
    for (const user of row.audit_users) people[user.id] = { name: user.name, role: user.id === account.ownerUserId ? 'owner' : 'contact' };
    for (const member of row.audit_staff) people[member.id] = { name: member.name, role: 'staff', staffRoles: member.roles };
    return {
      account,
      owner: row.owner ? toUser(row.owner) : null,
      services: row.services.map(toService),
      domains: row.domains.map(toDomain),
      openQuotes: row.open_quotes.map(billingRead.quote(detail)),
      unpaidInvoices: row.unpaid_invoices.map(billingRead.invoice(detail)),
      contacts: row.contacts.map(toContact),
      tickets: row.tickets.map(toTicket),
      emailChanges: row.email_changes.map(toEmailChange),
      audit: row.audit.map(toAudit),
      people,
      invoices: row.invoices.map(billingRead.invoice(detail)),
      payments: row.payments.map(toPayment),
      notes: row.notes.map(toNote),
    };
  }

  private async list<T>(list: KeysetList, page: PageRequest, map: (json: Json) => T): Promise<Page<T>> {
    // Plain rows, not `to_jsonb(t)`: see PostgresPortalReads.list.
    const { sql, params } = keysetSelect(list, page);
    const rows = await this.read<Json>(statementName('backoffice-list', sql), sql, params);
    return keysetPageOf(rows, list.time, page, map);
  }

  /** A queue's page and the accounts of its items in one statement (and one more figure, such as a count, when asked). */
  private async queue<T>(list: KeysetList, page: PageRequest, map: (json: Json) => T, extra = 'null'): Promise<QueuePage<T> & { extra: unknown }> {
    const { sql, params, direction } = keysetSelect(list, page);
    const text = `with p as (${sql})
      select (select coalesce(json_agg(row_to_json(p) order by p.${list.time} ${direction}, p.id ${direction}), '[]') from p) as items,
        (select coalesce(json_agg(row_to_json(a)), '[]') from client_accounts a where a.id in (select account_id from p)) as accounts,
        ${extra} as extra`;
    const [row] = await this.read<{ items: Json[]; accounts: Json[]; extra: unknown }>(statementName('backoffice-queue', text), text, params);
    const found = keysetPageOf(row?.items ?? [], list.time, page, map);
    // The statement read one row past the page (to know of a next page): its account is not the page's.
    const shown = new Set((row?.items ?? []).slice(0, page.limit).map((item) => item['account_id']));
    const accounts = (row?.accounts ?? []).filter((a) => shown.has(a['id'])).map(toAccount);
    return { page: found, accounts: new Map(accounts.map((a) => [a.id, a])), extra: row?.extra };
  }
}
