import type { DashboardData, DashboardPart, DashboardQuery, InvoiceRead, PortalReads, QuoteRead, ReadDetail, SignedInUser } from '../../application/ports/portal-reads.js';
import type { InvoiceFilter, Page, PageRequest, QuoteFilter, TicketFilter, TicketVisibility } from '../../application/ports/repositories.js';
import { INVOICE_SUMMARY, type Invoice, type InvoiceSummary } from '../../domain/billing/invoice.js';
import { QUOTE_SUMMARY, type Quote, type QuoteSummary } from '../../domain/billing/quote.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { Ticket } from '../../domain/support/ticket.js';
import { read, summaries } from './summaries.js';
import { InMemoryAnnouncementRepository } from './in-memory-announcement-repository.js';
import { InMemoryContactRepository } from './in-memory-contact-repository.js';
import { InMemoryDomainRepository, InMemoryInvoiceRepository, InMemoryQuoteRepository, InMemoryServiceRepository } from './in-memory-ordering-repositories.js';
import { InMemoryClientAccountRepository, InMemoryStaffRepository, InMemoryUserRepository } from './in-memory-repositories.js';
import type { InMemoryStore } from './in-memory-store.js';
import { InMemoryTicketRepository } from './in-memory-ticket-repository.js';

/** The read models over the in-memory store, composed from the in-memory repositories so both answer alike. */
export class InMemoryPortalReads implements PortalReads {
  private readonly repos;

  constructor(private readonly store: InMemoryStore) {
    this.repos = {
      users: new InMemoryUserRepository(store),
      staff: new InMemoryStaffRepository(store),
      accounts: new InMemoryClientAccountRepository(store),
      contacts: new InMemoryContactRepository(store),
      services: new InMemoryServiceRepository(store),
      domains: new InMemoryDomainRepository(store),
      quotes: new InMemoryQuoteRepository(store),
      invoices: new InMemoryInvoiceRepository(store),
      tickets: new InMemoryTicketRepository(store),
      announcements: new InMemoryAnnouncementRepository(store),
    };
  }

  async userSession(sessionId: string): Promise<{ session: SessionInfo; signedIn: SignedInUser } | null> {
    const session = this.store.sessions.get(sessionId);
    if (!session || session.subject !== 'user') return null;
    const signedIn = await this.signedInUser(session.subjectId);
    return signedIn ? { session: { ...session }, signedIn } : null;
  }

  async staffSession(sessionId: string): Promise<{ session: SessionInfo; staff: StaffMember } | null> {
    const session = this.store.sessions.get(sessionId);
    if (!session || session.subject !== 'staff') return null;
    const staff = await this.repos.staff.findById(session.subjectId);
    return staff ? { session: { ...session }, staff } : null;
  }

  async signedInUser(userId: string): Promise<SignedInUser | null> {
    const user = await this.repos.users.findById(userId);
    if (!user) return null;
    const owned = await this.repos.accounts.listOwnedBy(userId);
    const contacts = await this.repos.contacts.listActiveForUser(userId);
    contacts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    return { user, ownedAccountIds: owned.map((a) => a.id), grants: contacts.map((c) => ({ accountId: c.accountId, permissions: c.permissions, scope: c.scope() })) };
  }

  async dashboard<D extends ReadDetail>(q: DashboardQuery<D>): Promise<DashboardData<D>> {
    const accounts = await this.repos.accounts.listByIds(q.accountIds);
    const chosen = q.accountId ?? accounts[0]?.id ?? null;
    const account = chosen ? await this.repos.accounts.findById(chosen) : null;
    const id = account?.id ?? '';
    const sees = (part: DashboardPart) => account !== null && part.accounts.includes(id);
    const only = (part: DashboardPart) => (part.scopedAccounts?.includes(id) ? (part.only ?? []) : null);
    const quotes = read(q.detail, { items: (await this.repos.quotes.listOpenForAccount(id)).slice(0, q.limit), next: null }, QUOTE_SUMMARY).items as readonly QuoteRead<D>[];
    const invoices = read(q.detail, await this.repos.invoices.listForAccount(id, 'unpaid', { limit: q.limit }), INVOICE_SUMMARY).items as readonly InvoiceRead<D>[];
    return {
      accounts,
      notices: await this.repos.announcements.listUnreadFor(q.userId, q.announcementsSince, q.announcementLimit),
      account,
      services: sees(q.services) ? (await this.repos.services.listForAccount(id, { limit: q.limit }, only(q.services))).items : null,
      domains: sees(q.domains) ? (await this.repos.domains.listForAccount(id, { limit: q.limit }, only(q.domains))).items : null,
      openQuotes: sees(q.quotes) ? quotes : null,
      unpaidInvoices: sees(q.invoices) ? invoices : null,
    };
  }

  services(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<HostedService>> {
    return this.repos.services.listForAccount(accountId, page, only);
  }

  domains(accountId: string, page: PageRequest, only: readonly string[] | null): Promise<Page<RegisteredDomain>> {
    return this.repos.domains.listForAccount(accountId, page, only);
  }

  quotes(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<Quote>> {
    return this.repos.quotes.listForAccount(accountId, filter, page);
  }

  invoices(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>> {
    return this.repos.invoices.listForAccount(accountId, filter, page);
  }

  async quoteSummaries(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<QuoteSummary>> {
    return summaries(await this.quotes(accountId, filter, page), QUOTE_SUMMARY);
  }

  async invoiceSummaries(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<InvoiceSummary>> {
    return summaries(await this.invoices(accountId, filter, page), INVOICE_SUMMARY);
  }

  tickets(accountId: string, filter: TicketFilter, page: PageRequest, visibleTo: TicketVisibility | null): Promise<Page<Ticket>> {
    return this.repos.tickets.listForAccount(accountId, filter, page, visibleTo);
  }

}
