import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { AccessScope } from '../../domain/authorization/actor.js';
import type { Permission } from '../../domain/authorization/permission.js';
import type { Invoice, InvoiceSummary } from '../../domain/billing/invoice.js';
import type { Quote, QuoteSummary } from '../../domain/billing/quote.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { User } from '../../domain/identity/user.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { Ticket } from '../../domain/support/ticket.js';
import type { InvoiceFilter, Page, PageRequest, QuoteFilter, TicketFilter, TicketVisibility } from './repositories.js';

/** An accepted contact's rights on one account, as the policy reads them. */
export interface ContactGrant {
  readonly accountId: string;
  readonly permissions: readonly Permission[];
  readonly scope: AccessScope | null;
}

/** The person behind a session with everything the policy needs about them, read in one go on every request. */
export interface SignedInUser {
  readonly user: User;
  /** Accounts the user owns, by name. */
  readonly ownedAccountIds: readonly string[];
  /** Accounts where the user is an accepted contact, oldest first. */
  readonly grants: readonly ContactGrant[];
}

/** Which accounts' part of the dashboard the person may see, and the accounts where they see only some items. */
export interface DashboardPart {
  readonly accounts: readonly string[];
  /** Accounts where a contact is limited to chosen items, and those items' ids (of all such accounts together). */
  readonly scopedAccounts?: readonly string[];
  readonly only?: readonly string[];
}

/**
 * What the dashboard asks for, filled by the use case from the policy: the accounts the person may switch between,
 * and for each part which accounts' part they may see. The chosen account is `accountId`, or when null the first of
 * `accountIds` by name.
 */
/** How much of each quote and invoice a read model reads: what a list shows (the pages), or all of it (the JSON API). */
export type ReadDetail = 'summary' | 'full';
export type QuoteRead<D extends ReadDetail> = D extends 'full' ? Quote : QuoteSummary;
export type InvoiceRead<D extends ReadDetail> = D extends 'full' ? Invoice : InvoiceSummary;

export interface DashboardQuery<D extends ReadDetail = ReadDetail> {
  readonly detail: D;
  readonly userId: string;
  readonly accountIds: readonly string[];
  readonly accountId: string | null;
  readonly services: DashboardPart;
  readonly domains: DashboardPart;
  readonly quotes: DashboardPart;
  readonly invoices: DashboardPart;
  readonly announcementsSince: Date;
  /** Unread announcements at most (0: none). */
  readonly announcementLimit: number;
  /** Services, domains, open quotes and unpaid invoices at most, each. */
  readonly limit: number;
}

export interface DashboardData<D extends ReadDetail = ReadDetail> {
  /** The accounts to switch between, by name. */
  readonly accounts: readonly ClientAccount[];
  readonly notices: readonly Announcement[];
  /** The chosen account; null when it does not exist (or there is none to choose). */
  readonly account: ClientAccount | null;
  /** Each part null when the person may not see it for the chosen account. */
  readonly services: readonly HostedService[] | null;
  readonly domains: readonly RegisteredDomain[] | null;
  readonly openQuotes: readonly QuoteRead<D>[] | null;
  readonly unpaidInvoices: readonly InvoiceRead<D>[] | null;
}

/**
 * Read models of the pages a signed-in person opens most: each answers in one statement, outside any transaction,
 * without loading entities through the ORM. What is returned is for reading only. The scope of a contact comes in
 * as ids the policy computed; the read model never decides access itself.
 */
export interface PortalReads {
  /**
   * A user's session as stored (by the session's id, see SessionManager.idOf) with the person and their memberships,
   * in one statement; null when there is no such session or person. Whether the session is still live is for
   * SessionManager.check to say. An adapter may answer from memory, but only until a committed change behind it is
   * announced (the PostgreSQL adapter drops what the database announces; see NotifiedCache). What it hands out
   * may be shared between requests: callers never change it (the PostgreSQL adapter freezes it).
   */
  userSession(sessionId: string): Promise<{ readonly session: SessionInfo; readonly signedIn: SignedInUser } | null>;
  /** A staff member's session as stored, with the staff member, in one statement. */
  staffSession(sessionId: string): Promise<{ readonly session: SessionInfo; readonly staff: StaffMember } | null>;
  signedInUser(userId: string): Promise<SignedInUser | null>;
  dashboard<D extends ReadDetail>(query: DashboardQuery<D>): Promise<DashboardData<D>>;

  // The account's lists, newest first, keyset-paged like their repositories (the same cursors); `only` and
  // `visibleTo` are what the policy limits a contact to.
  services(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<HostedService>>;
  domains(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<RegisteredDomain>>;
  quotes(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<Quote>>;
  invoices(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>>;
  /** The same pages as `quotes` and `invoices` (the same items and cursors), with only what a list shows of each. */
  quoteSummaries(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<QuoteSummary>>;
  invoiceSummaries(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<InvoiceSummary>>;
  tickets(accountId: string, filter: TicketFilter, page: PageRequest, visibleTo: TicketVisibility | null): Promise<Page<Ticket>>;
  /** The account's mail history (not the personal mail of its people). */
}
