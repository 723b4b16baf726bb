import type { ContactGrant, DashboardData, DashboardQuery, PortalReads, ReadDetail, SignedInUser } from '../../application/ports/portal-reads.js';
import type { InvoiceFilter, Page, PageRequest, QuoteFilter, TicketFilter, TicketVisibility } from '../../application/ports/repositories.js';
import type { SessionInfo, SessionSubject } from '../../domain/identity/session.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { Invoice, InvoiceSummary } from '../../domain/billing/invoice.js';
import type { Quote, QuoteSummary } from '../../domain/billing/quote.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { Ticket } from '../../domain/support/ticket.js';
import { AnnouncementSchema } from './help-schemas.js';
import { rowMapper } from './row-mapper.js';
import { billingRead, statementsByDetail } from './billing-summaries.js';
import type { SqlReader } from './sql-reader.js';
import type { NotifiedCache } from '../postgres/notified-cache.js';
import { changeTag } from '../postgres/change-tags.js';
import { keysetPageOf, keysetSelect, statementName, type Json, type KeysetList } from './sql-keyset.js';
import { ClientAccountSchema, ContactSchema, HostedServiceSchema, InvoiceSchema, QuoteSchema, RegisteredDomainSchema, StaffMemberSchema, TicketSchema, UserSchema } from './schemas.js';

const toUser = rowMapper(UserSchema);
const toContact = rowMapper(ContactSchema);
const toAccount = rowMapper(ClientAccountSchema);
const toService = rowMapper(HostedServiceSchema);
const toDomain = rowMapper(RegisteredDomainSchema);
const toQuote = rowMapper(QuoteSchema);
const toInvoice = rowMapper(InvoiceSchema);
const toAnnouncement = rowMapper(AnnouncementSchema);
const toStaff = rowMapper(StaffMemberSchema);
const toTicket = rowMapper(TicketSchema);

const quoteList = (accountId: string, filter: QuoteFilter): KeysetList => ({ table: 'quotes', time: 'issued_at', where: ['t.account_id = $1', ...(filter === 'all' ? [] : ['t.status = $2'])], params: [accountId, ...(filter === 'all' ? [] : [filter])], search: ['number'] });

const invoiceList = (accountId: string, filter: InvoiceFilter): KeysetList => {
  const paid = filter === 'all' ? [] : [filter === 'paid' ? 't.paid_cents >= t.gross_cents' : 't.paid_cents < t.gross_cents'];
  return { table: 'invoices', time: 'issued_at', where: ['t.account_id = $1', ...paid], params: [accountId], search: ['number'], synced: true };
};

const toSession = (row: Json): SessionInfo => ({
  id: String(row['id']),
  subject: row['subject'] as SessionSubject,
  subjectId: String(row['subject_id']),
  createdAt: new Date(row['created_at'] as string),
  expiresAt: new Date(row['expires_at'] as string),
  absoluteExpiresAt: new Date(row['absolute_expires_at'] as string),
  clientAddress: String(row['client_address']),
  userAgent: String(row['user_agent']),
});

/** The session, the user, the accounts they own and their accepted contacts: one statement, on every request. */
const USER_SESSION = `
  select row_to_json(s) as session, row_to_json(u) as "user",
    (select coalesce(json_agg(a.id order by a.name, a.id), '[]') from client_accounts a where a.owner_user_id = u.id) as owned,
    (select coalesce(json_agg(row_to_json(c) order by c.created_at, c.id), '[]') from contacts c where c.user_id = u.id and c.accepted_at is not null) as contacts
  from sessions s join users u on u.id = s.subject_id
  where s.id = $1 and s.subject = 'user'`;

const STAFF_SESSION = `
  select row_to_json(s) as session, row_to_json(m) as staff
  from sessions s join staff_members m on m.id = s.subject_id
  where s.id = $1 and s.subject = 'staff'`;

/** The user, the accounts they own and their accepted contacts: one statement, on every request. */
const SIGNED_IN_USER = `
  select row_to_json(u) as "user",
    (select coalesce(json_agg(a.id order by a.name, a.id), '[]') from client_accounts a where a.owner_user_id = u.id) as owned,
    (select coalesce(json_agg(row_to_json(c) order by c.created_at, c.id), '[]') from contacts c where c.user_id = u.id and c.accepted_at is not null) as contacts
  from users u where u.id = $1`;

/**
 * The whole dashboard in one statement: the chosen account (or the first the person may see, by name), then each part
 * as a subquery over its own index (the account's services, domains, open quotes and unpaid invoices, newest first and
 * limited; the person's unread announcements). A part is null unless the chosen account is among those whose part the
 * policy lets the person see; a contact limited to some services or domains sees only those ids.
 */
const dashboardSql = (quote: string, invoice: string) => `
  with chosen as (
    select coalesce($5::uuid, (select a.id from client_accounts a where a.id = any($1::uuid[]) order by a.name, a.id limit 1)) as id
  )
  select
    (select coalesce(json_agg(row_to_json(a) order by a.name, a.id), '[]') from client_accounts a where a.id = any($1::uuid[])) as accounts,
    (select coalesce(json_agg(x.j), '[]') from (
       select row_to_json(n) as j from announcements n
        where n.withdrawn_at is null and n.published_at >= $3
          and not exists (select 1 from announcement_reads r where r.user_id = $2 and r.announcement_id = n.id)
        order by n.published_at desc, n.id desc limit $4) x) as notices,
    (select row_to_json(a) from client_accounts a where a.id = chosen.id) as account,
    case when chosen.id = any($6::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select row_to_json(s) as j from services s
        where s.account_id = chosen.id and (not chosen.id = any($7::uuid[]) or s.id = any($8::uuid[]))
        order by s.activated_at desc, s.id desc limit $14) x) end as services,
    case when chosen.id = any($9::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select row_to_json(d) as j from domains d
        where d.account_id = chosen.id and (not chosen.id = any($10::uuid[]) or d.id = any($11::uuid[]))
        order by d.registered_at desc, d.id desc limit $14) x) end as domains,
    case when chosen.id = any($12::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select ${quote} as j from quotes q where q.account_id = chosen.id and q.status = 'open'
        order by q.issued_at desc, q.id desc limit $14) x) end as quotes,
    case when chosen.id = any($13::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select ${invoice} as j from invoices i where i.account_id = chosen.id and i.paid_cents < i.gross_cents
        order by i.issued_at desc, i.id desc limit $14) x) end as invoices
  from chosen`;

/** The dashboard's statement by how much of each quote and invoice it reads (see ReadDetail). */
const DASHBOARD = statementsByDetail('portal-dashboard', (detail) => dashboardSql(billingRead.quoteJson(detail, 'q'), billingRead.invoiceJson(detail, 'i')));

type UserSession = { readonly session: SessionInfo; readonly signedIn: SignedInUser };
type StaffSession = { readonly session: SessionInfo; readonly staff: StaffMember };

/** A kept session is shared by the requests that follow: nothing may change it in place (down to a grant's scope). */
function frozen<T extends object>(value: T, depth = 6): T {
  if (depth > 0) for (const inner of Object.values(value)) if (inner && typeof inner === 'object' && !(inner instanceof Date)) frozen(inner as object, depth - 1);
  return Object.freeze(value);
}

/**
 * The read models of the client's pages. Given the session cache (outside a transaction only), a live session with its
 * person is read once and then kept until the database announces a change behind it (see NotifiedCache).
 */
export class PostgresPortalReads implements PortalReads {
  constructor(
    private readonly read: SqlReader,
    private readonly sessions: NotifiedCache<unknown> | null = null,
  ) {}

  userSession(sessionId: string): Promise<UserSession | null> {
    return this.kept(`user ${sessionId}`, async () => {
      const [row] = await this.read<{ session: Json; user: Json; owned: string[]; contacts: Json[] }>('portal-user-session', USER_SESSION, [sessionId]);
      return row ? frozen({ session: toSession(row.session), signedIn: signedInOf(row) }) : null;
    }, (found) => [changeTag.session(sessionId), changeTag.user(found.signedIn.user.id)]);
  }

  staffSession(sessionId: string): Promise<StaffSession | null> {
    return this.kept(`staff ${sessionId}`, async () => {
      const [row] = await this.read<{ session: Json; staff: Json }>('portal-staff-session', STAFF_SESSION, [sessionId]);
      return row ? frozen({ session: toSession(row.session), staff: toStaff(row.staff) }) : null;
    }, (found) => [changeTag.session(sessionId), changeTag.staff(found.staff.id)]);
  }

  /** Through the session cache when there is one (outside a transaction), else straight from the database. */
  private kept<T extends object>(key: string, read: () => Promise<T | null>, tagsOf: (value: T) => readonly string[]): Promise<T | null> {
    return this.sessions ? this.sessions.through(key, read, tagsOf) : read();
  }

  async signedInUser(userId: string): Promise<SignedInUser | null> {
    const [row] = await this.read<{ user: Json; owned: string[]; contacts: Json[] }>('portal-signed-in-user', SIGNED_IN_USER, [userId]);
    return row ? signedInOf(row) : null;
  }

  services(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<HostedService>> {
    return this.list({ table: 'services', time: 'activated_at', where: ['t.account_id = $1', ...(only ? ['t.id = any($2::uuid[])'] : [])], params: [accountId, ...(only ? [only] : [])], synced: true, order: 'desc' }, page, toService);
  }

  domains(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<RegisteredDomain>> {
    return this.list({ table: 'domains', time: 'registered_at', where: ['t.account_id = $1', ...(only ? ['t.id = any($2::uuid[])'] : [])], params: [accountId, ...(only ? [only] : [])], synced: true, order: 'desc' }, page, toDomain);
  }

  quotes(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<Quote>> {
    return this.list(quoteList(accountId, filter), page, toQuote);
  }

  invoices(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>> {
    return this.list(invoiceList(accountId, filter), page, toInvoice);
  }

  quoteSummaries(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<QuoteSummary>> {
    return this.list(quoteList(accountId, filter), page, billingRead.quote('summary'), billingRead.quoteSummaryColumns);
  }

  invoiceSummaries(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<InvoiceSummary>> {
    return this.list(invoiceList(accountId, filter), page, billingRead.invoice('summary'), billingRead.invoiceSummaryColumns);
  }

  tickets(accountId: string, filter: TicketFilter, page: PageRequest, visibleTo: TicketVisibility | null): Promise<Page<Ticket>> {
    const where = ['t.account_id = $1'];
    const params: unknown[] = [accountId];
    if (filter !== 'all') {
      params.push(filter);
      where.push(`t.status = $${params.length}`);
    }
    if (visibleTo) {
      // A scoped contact sees the tickets they opened and those about their services and domains.
      params.push(visibleTo.userId, visibleTo.serviceIds, visibleTo.domainIds);
      const n = params.length;
      where.push(`(t.opened_by_user_id = $${n - 2} or t.service_id = any($${n - 1}::uuid[]) or t.domain_id = any($${n}::uuid[]))`);
    }
    return this.list({ table: 'tickets', time: 'last_activity_at', where, params, search: ['subject', 'number'], synced: true }, page, toTicket);
  }

  /**
   * One keyset page of a table (the repository's order, search and cursor), as plain rows mapped without the ORM.
   * Plain rather than `to_jsonb(t)`: building JSON of each row cost PostgreSQL several times the read itself (an
   * invoice page's statement took 0.83 ms of the server's time as JSON and 0.28 ms as plain rows).
   */
  private async list<T>(list: KeysetList, page: PageRequest, map: (json: Json) => T, columns?: string): Promise<Page<T>> {
    const { sql, params } = keysetSelect(list, page, columns);
    const rows = await this.read<Json>(statementName('portal-list', sql), sql, params);
    return keysetPageOf(rows, list.time, page, map);
  }

  async dashboard<D extends ReadDetail>(q: DashboardQuery<D>): Promise<DashboardData<D>> {
    const statement = DASHBOARD[q.detail];
    const [row] = await this.read<{ accounts: Json[]; notices: Json[]; account: Json | null; services: Json[] | null; domains: Json[] | null; quotes: Json[] | null; invoices: Json[] | null }>(statement.name, statement.sql, [
      q.accountIds,
      q.userId,
      q.announcementsSince,
      q.announcementLimit,
      q.accountId,
      q.services.accounts,
      q.services.scopedAccounts ?? [],
      q.services.only ?? [],
      q.domains.accounts,
      q.domains.scopedAccounts ?? [],
      q.domains.only ?? [],
      q.quotes.accounts,
      q.invoices.accounts,
      q.limit,
    ]);
    const account = row?.account ? toAccount(row.account) : null;
    const part = <T>(rows: Json[] | null | undefined, map: (json: Json) => T) => (account && rows ? rows.map(map) : null);
    return {
      accounts: (row?.accounts ?? []).map(toAccount),
      notices: (row?.notices ?? []).map(toAnnouncement),
      account,
      services: part(row?.services, toService),
      domains: part(row?.domains, toDomain),
      openQuotes: part(row?.quotes, billingRead.quote(q.detail)),
      unpaidInvoices: part(row?.invoices, billingRead.invoice(q.detail)),
    };
  }
}

function signedInOf(row: { user: Json; owned: string[]; contacts: Json[] }): SignedInUser {
  const grants: ContactGrant[] = row.contacts.map((json) => {
    const contact = toContact(json);
    return { accountId: contact.accountId, permissions: contact.permissions, scope: contact.scope() };
  });
  return { user: toUser(row.user), ownedAccountIds: row.owned, grants };
}
