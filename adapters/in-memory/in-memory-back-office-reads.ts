import { COUNT_CAP, type ActorName, type BackOfficeReads, type ClientPicture, type ClientPictureLimits, type QueuePage, type StaffCounts, type StaffCountsQuery } from '../../application/ports/back-office-reads.js';
import type { Page, PageRequest, TicketFilter } from '../../application/ports/repositories.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { Order } from '../../domain/ordering/order.js';
import type { Ticket } from '../../domain/support/ticket.js';
import { InMemoryClientNoteRepository } from './in-memory-client-note-repository.js';
import { InMemoryContactRepository } from './in-memory-contact-repository.js';
import { InMemoryEmailChangeRepository } from './in-memory-email-change-repository.js';
import { InMemoryDispatchRepository, InMemoryFiscalRecordRepository } from './in-memory-fiscal-repositories.js';
import { InMemoryDomainRepository, InMemoryInvoiceRepository, InMemoryOrderRepository, InMemoryPaymentRepository, InMemoryQuoteRepository, InMemoryServiceRepository } from './in-memory-ordering-repositories.js';
import { InMemoryAuditLog, InMemoryClientAccountRepository, InMemoryMailRepository, InMemoryStaffRepository, InMemoryUserRepository } from './in-memory-repositories.js';
import type { InMemoryStore } from './in-memory-store.js';
import { read } from './summaries.js';
import type { InvoiceRead, QuoteRead, ReadDetail } from '../../application/ports/portal-reads.js';
import { INVOICE_SUMMARY } from '../../domain/billing/invoice.js';
import { QUOTE_SUMMARY } from '../../domain/billing/quote.js';
import { InMemoryTicketRepository } from './in-memory-ticket-repository.js';

/** The back office's read models over the in-memory store, composed from the in-memory repositories so both answer alike. */
export class InMemoryBackOfficeReads implements BackOfficeReads {
  private readonly repos;

  constructor(store: InMemoryStore) {
    this.repos = {
      users: new InMemoryUserRepository(store),
      staff: new InMemoryStaffRepository(store),
      accounts: new InMemoryClientAccountRepository(store),
      contacts: new InMemoryContactRepository(store),
      orders: new InMemoryOrderRepository(store),
      services: new InMemoryServiceRepository(store),
      domains: new InMemoryDomainRepository(store),
      quotes: new InMemoryQuoteRepository(store),
      invoices: new InMemoryInvoiceRepository(store),
      payments: new InMemoryPaymentRepository(store),
      tickets: new InMemoryTicketRepository(store),
      emailChanges: new InMemoryEmailChangeRepository(store),
      mails: new InMemoryMailRepository(store),
      audit: new InMemoryAuditLog(store),
      notes: new InMemoryClientNoteRepository(store),
      fiscal: new InMemoryFiscalRecordRepository(store),
      dispatches: new InMemoryDispatchRepository(store),
    };
  }

  async counts(which: StaffCountsQuery): Promise<StaffCounts> {
    const r = this.repos;
    const capped = (n: number) => Math.min(n, COUNT_CAP + 1);
    return {
      orders: which.orders ? capped(await r.orders.countPending()) : null,
      payments: which.payments ? capped(await r.payments.countUnmatched()) : null,
      emailChanges: which.emailChanges ? capped(await r.emailChanges.countAwaitingReview()) : null,
      tickets: which.tickets ? capped(await r.tickets.countOpen()) : null,
      undeliveredMail: which.undeliveredMail ? capped(await r.mails.countUndeliverable()) : null,
      deliveries: which.deliveries ? { waitingFiscal: capped(await r.fiscal.countWaiting()), needingAction: capped(await r.dispatches.countNeedingAction()) } : null,
    };
  }

  async orderQueue(page: PageRequest): Promise<QueuePage<Order> & { count: number }> {
    const found = await this.repos.orders.listPending(page);
    return { ...(await this.withAccounts(found)), count: Math.min(await this.repos.orders.countPending(), COUNT_CAP + 1) };
  }

  async ticketQueue(filter: TicketFilter, page: PageRequest): Promise<QueuePage<Ticket>> {
    return this.withAccounts(await this.repos.tickets.listQueue(filter, page));
  }

  async emailChangeQueue(page: PageRequest): Promise<QueuePage<EmailChangeRequest>> {
    return this.withAccounts(await this.repos.emailChanges.listQueue(page));
  }

  payments(filter: 'all' | 'unmatched', page: PageRequest): Promise<Page<Payment>> {
    return this.repos.payments.list(filter, page);
  }

  undeliveredMail(page: PageRequest): Promise<Page<OutgoingMail>> {
    return this.repos.mails.listUndelivered(page);
  }

  async clientPicture<D extends ReadDetail>(accountId: string, limits: ClientPictureLimits, detail: D): Promise<ClientPicture<D> | null> {
    const r = this.repos;
    const account = await r.accounts.findById(accountId);
    if (!account) return null;
    const section = { limit: limits.section };
    const recent = { limit: limits.recent };
    const audit = (await r.audit.list({ accountId }, recent)).items;
    const people: Record<string, ActorName> = {};
    const userIds = [...new Set(audit.filter((e) => e.actorKind !== 'staff' && e.actorId).map((e) => e.actorId!))];
    for (const user of await r.users.listByIds(userIds)) people[user.id] = { name: user.name, role: user.id === account.ownerUserId ? 'owner' : 'contact' };
    const staffIds = new Set(audit.filter((e) => e.actorKind === 'staff' && e.actorId).map((e) => e.actorId!));
    for (const member of await r.staff.listAll()) if (staffIds.has(member.id)) people[member.id] = { name: member.name, role: 'staff', staffRoles: member.roles };
    return {
      account,
      owner: await r.users.findById(account.ownerUserId),
      services: (await r.services.listForAccount(accountId, section)).items,
      domains: (await r.domains.listForAccount(accountId, section)).items,
      openQuotes: read(detail, { items: await r.quotes.listOpenForAccount(accountId), next: null }, QUOTE_SUMMARY).items as readonly QuoteRead<D>[],
      unpaidInvoices: read(detail, await r.invoices.listForAccount(accountId, 'unpaid', section), INVOICE_SUMMARY).items as readonly InvoiceRead<D>[],
      contacts: (await r.contacts.listForAccount(accountId, section)).items,
      tickets: (await r.tickets.listForAccount(accountId, 'all', recent)).items,
      emailChanges: (await r.emailChanges.listUndecidedForAccount(accountId)).slice(0, 20),
      audit,
      people,
      invoices: read(detail, await r.invoices.listForAccount(accountId, 'all', recent), INVOICE_SUMMARY).items as readonly InvoiceRead<D>[],
      payments: await r.payments.listForAccount(accountId, limits.recent),
      notes: await r.notes.listForAccount(accountId, limits.recent),
    };
  }

  private async withAccounts<T extends { accountId: string | null }>(page: Page<T>): Promise<QueuePage<T>> {
    const ids = [...new Set(page.items.flatMap((item) => (item.accountId ? [item.accountId] : [])))];
    const accounts: ClientAccount[] = ids.length ? await this.repos.accounts.listByIds(ids) : [];
    return { page, accounts: new Map(accounts.map((a) => [a.id, a])) };
  }
}
