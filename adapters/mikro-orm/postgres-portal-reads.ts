import type { ContactGrant, DashboardData, DashboardQuery, PortalReads, SignedInUser } from '../../application/ports/portal-reads.js';
import { AnnouncementSchema } from './help-schemas.js';
import { rowMapper } from './row-mapper.js';
import type { SqlReader } from './sql-reader.js';
import { ClientAccountSchema, ContactSchema, HostedServiceSchema, InvoiceSchema, QuoteSchema, RegisteredDomainSchema, UserSchema } from './schemas.js';

type Json = Record<string, unknown>;

const toUser = rowMapper(UserSchema);
const toContact = rowMapper(ContactSchema);
const toAccount = rowMapper(ClientAccountSchema);
const toService = rowMapper(HostedServiceSchema);
const toDomain = rowMapper(RegisteredDomainSchema);
const toQuote = rowMapper(QuoteSchema);
const toInvoice = rowMapper(InvoiceSchema);
const toAnnouncement = rowMapper(AnnouncementSchema);

/** The user, the accounts they own and their accepted contacts: one statement, on every request. */
const SIGNED_IN_USER = `
  select to_jsonb(u) as "user",
    (select coalesce(json_agg(a.id order by a.name, a.id), '[]') from client_accounts a where a.owner_user_id = u.id) as owned,
    (select coalesce(json_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from contacts c where c.user_id = u.id and c.accepted_at is not null) as contacts
  from users u where u.id = $1`;

/**
 * The whole dashboard in one statement: the chosen account (or the first the person may see, by name), then each part
 * as a subquery over its own index (the account's services, domains, open quotes and unpaid invoices, newest first and
 * limited; the person's unread announcements). A part is null unless the chosen account is among those whose part the
 * policy lets the person see; a contact limited to some services or domains sees only those ids.
 */
const DASHBOARD = `
  with chosen as (
    select coalesce($5::uuid, (select a.id from client_accounts a where a.id = any($1::uuid[]) order by a.name, a.id limit 1)) as id
  )
  select
    (select coalesce(json_agg(to_jsonb(a) order by a.name, a.id), '[]') from client_accounts a where a.id = any($1::uuid[])) as accounts,
    (select coalesce(json_agg(x.j), '[]') from (
       select to_jsonb(n) as j from announcements n
        where n.withdrawn_at is null and n.published_at >= $3
          and not exists (select 1 from announcement_reads r where r.user_id = $2 and r.announcement_id = n.id)
        order by n.published_at desc, n.id desc limit $4) x) as notices,
    (select to_jsonb(a) from client_accounts a where a.id = chosen.id) as account,
    case when chosen.id = any($6::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select to_jsonb(s) as j from services s
        where s.account_id = chosen.id and (not chosen.id = any($7::uuid[]) or s.id = any($8::uuid[]))
        order by s.activated_at desc, s.id desc limit $14) x) end as services,
    case when chosen.id = any($9::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select to_jsonb(d) as j from domains d
        where d.account_id = chosen.id and (not chosen.id = any($10::uuid[]) or d.id = any($11::uuid[]))
        order by d.registered_at desc, d.id desc limit $14) x) end as domains,
    case when chosen.id = any($12::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select to_jsonb(q) as j from quotes q where q.account_id = chosen.id and q.status = 'open'
        order by q.issued_at desc, q.id desc limit $15) x) end as quotes,
    case when chosen.id = any($13::uuid[]) then (select coalesce(json_agg(x.j), '[]') from (
       select to_jsonb(i) as j from invoices i where i.account_id = chosen.id and i.paid_cents < i.gross_cents
        order by i.issued_at desc, i.id desc limit $14) x) end as invoices
  from chosen`;

/** Open quotes shown on the dashboard at most (as the quote repository lists them). */
const OPEN_QUOTES = 100;

export class PostgresPortalReads implements PortalReads {
  constructor(private readonly read: SqlReader) {}

  async signedInUser(userId: string): Promise<SignedInUser | null> {
    const [row] = await this.read<{ user: Json; owned: string[]; contacts: Json[] }>('portal-signed-in-user', SIGNED_IN_USER, [userId]);
    if (!row) return null;
    const grants: ContactGrant[] = row.contacts.map((json) => {
      const contact = toContact(json);
      return { accountId: contact.accountId, permissions: contact.permissions, scope: contact.scope() };
    });
    return { user: toUser(row.user), ownedAccountIds: row.owned, grants };
  }

  async dashboard(q: DashboardQuery): Promise<DashboardData> {
    const [row] = await this.read<{ accounts: Json[]; notices: Json[]; account: Json | null; services: Json[] | null; domains: Json[] | null; quotes: Json[] | null; invoices: Json[] | null }>('portal-dashboard', DASHBOARD, [
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
      OPEN_QUOTES,
    ]);
    const account = row?.account ? toAccount(row.account) : null;
    const part = <T>(rows: Json[] | null | undefined, map: (json: Json) => T) => (account && rows ? rows.map(map) : null);
    return {
      accounts: (row?.accounts ?? []).map(toAccount),
      notices: (row?.notices ?? []).map(toAnnouncement),
      account,
      services: part(row?.services, toService),
      domains: part(row?.domains, toDomain),
      openQuotes: part(row?.quotes, toQuote),
      unpaidInvoices: part(row?.invoices, toInvoice),
    };
  }
}
