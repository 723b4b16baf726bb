import type { DashboardData, DashboardPart, DashboardQuery, PortalReads, SignedInUser } from '../../application/ports/portal-reads.js';
import { InMemoryAnnouncementRepository } from './in-memory-announcement-repository.js';
import { InMemoryContactRepository } from './in-memory-contact-repository.js';
import { InMemoryDomainRepository, InMemoryInvoiceRepository, InMemoryQuoteRepository, InMemoryServiceRepository } from './in-memory-ordering-repositories.js';
import { InMemoryClientAccountRepository, InMemoryUserRepository } from './in-memory-repositories.js';
import type { InMemoryStore } from './in-memory-store.js';

/** The read models over the in-memory store, composed from the in-memory repositories so both answer alike. */
export class InMemoryPortalReads implements PortalReads {
  private readonly users: InMemoryUserRepository;
  private readonly accounts: InMemoryClientAccountRepository;
  private readonly contacts: InMemoryContactRepository;
  private readonly services: InMemoryServiceRepository;
  private readonly domains: InMemoryDomainRepository;
  private readonly quotes: InMemoryQuoteRepository;
  private readonly invoices: InMemoryInvoiceRepository;
  private readonly announcements: InMemoryAnnouncementRepository;

  constructor(store: InMemoryStore) {
    this.users = new InMemoryUserRepository(store);
    this.accounts = new InMemoryClientAccountRepository(store);
    this.contacts = new InMemoryContactRepository(store);
    this.services = new InMemoryServiceRepository(store);
    this.domains = new InMemoryDomainRepository(store);
    this.quotes = new InMemoryQuoteRepository(store);
    this.invoices = new InMemoryInvoiceRepository(store);
    this.announcements = new InMemoryAnnouncementRepository(store);
  }

  async signedInUser(userId: string): Promise<SignedInUser | null> {
    const user = await this.users.findById(userId);
    if (!user) return null;
    const owned = await this.accounts.listOwnedBy(userId);
    const contacts = await this.contacts.listActiveForUser(userId);
    contacts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    return { user, ownedAccountIds: owned.map((a) => a.id), grants: contacts.map((c) => ({ accountId: c.accountId, permissions: c.permissions, scope: c.scope() })) };
  }

  async dashboard(q: DashboardQuery): Promise<DashboardData> {
    const accounts = await this.accounts.listByIds(q.accountIds);
    const chosen = q.accountId ?? accounts[0]?.id ?? null;
    const account = chosen ? await this.accounts.findById(chosen) : null;
    const id = account?.id ?? '';
    const sees = (part: DashboardPart) => account !== null && part.accounts.includes(id);
    const only = (part: DashboardPart) => (part.scopedAccounts?.includes(id) ? (part.only ?? []) : null);
    return {
      accounts,
      notices: await this.announcements.listUnreadFor(q.userId, q.announcementsSince, q.announcementLimit),
      account,
      services: sees(q.services) ? (await this.services.listForAccount(id, { limit: q.limit }, only(q.services))).items : null,
      domains: sees(q.domains) ? (await this.domains.listForAccount(id, { limit: q.limit }, only(q.domains))).items : null,
      openQuotes: sees(q.quotes) ? (await this.quotes.listOpenForAccount(id)).slice(0, 100) : null,
      unpaidInvoices: sees(q.invoices) ? (await this.invoices.listForAccount(id, 'unpaid', { limit: q.limit })).items : null,
    };
  }
}
