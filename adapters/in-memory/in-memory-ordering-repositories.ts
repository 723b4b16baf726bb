import type {
  Counters,
  DomainRepository,
  InvoiceFilter,
  QuoteFilter,
  InvoiceRepository,
  PaymentRepository,
  RenewalRepository,
  OrderRepository,
  Page,
  PageRequest,
  ProductRepository,
  QuoteRepository,
  ServiceRepository,
} from '../../application/ports/repositories.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { Renewal, RenewalStage } from '../../domain/billing/renewal.js';
import type { Product } from '../../domain/catalog/product.js';
import type { Order } from '../../domain/ordering/order.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';

function put<T extends { id: string }>(map: Map<string, T>, entity: T, isNew: boolean): void {
  if (isNew && map.has(entity.id)) throw new Error('duplicate id');
  map.set(entity.id, copy(entity));
}

function page<T extends object>(items: T[], key: (item: T) => { at: Date; id: string }, request: PageRequest, text?: (item: T) => string): Page<T> {
  const result = pageDescending(items, key, request, text);
  return { items: result.items.map(copy), next: result.next };
}

export class InMemoryProductRepository implements ProductRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(product: Product): Promise<void> {
    if ([...this.store.products.values()].some((p) => p.code === product.code)) throw new Error('duplicate product code');
    put(this.store.products, product, true);
  }
  async listActive(): Promise<Product[]> {
    return [...this.store.products.values()].filter((p) => p.active).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)).map(copy);
  }
  async findByCodes(codes: readonly string[]): Promise<Product[]> {
    return [...this.store.products.values()].filter((p) => codes.includes(p.code)).map(copy);
  }
}

export class InMemoryOrderRepository implements OrderRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(order: Order): Promise<void> {
    order.updatedAt = new Date();
    if (order.idempotencyKey && order.accountId && (await this.findByIdempotencyKey(order.accountId, order.idempotencyKey))) throw new Error('duplicate idempotency key');
    put(this.store.orders, order, true);
  }
  async save(order: Order): Promise<void> {
    order.updatedAt = new Date();
    put(this.store.orders, order, false);
  }
  async findById(id: string): Promise<Order | null> {
    const found = this.store.orders.get(id);
    return found ? copy(found) : null;
  }
  async findByIdempotencyKey(accountId: string, key: string): Promise<Order | null> {
    const found = [...this.store.orders.values()].find((o) => o.accountId === accountId && o.idempotencyKey === key);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, request: PageRequest): Promise<Page<Order>> {
    return page([...this.store.orders.values()].filter((o) => o.accountId === accountId), (o) => ({ at: o.createdAt, id: o.id }), request);
  }
  async listPending(request: PageRequest): Promise<Page<Order>> {
    return page([...this.store.orders.values()].filter((o) => o.status === 'pending'), (o) => ({ at: o.createdAt, id: o.id }), request, (o) => o.number);
  }
  async countPending(): Promise<number> {
    return [...this.store.orders.values()].filter((o) => o.status === 'pending').length;
  }
}

export class InMemoryQuoteRepository implements QuoteRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(quote: Quote): Promise<void> {
    put(this.store.quotes, quote, true);
  }
  async save(quote: Quote): Promise<void> {
    put(this.store.quotes, quote, false);
  }
  async findById(id: string): Promise<Quote | null> {
    const found = this.store.quotes.get(id);
    return found ? copy(found) : null;
  }
  async findByReference(reference: string): Promise<Quote | null> {
    const found = [...this.store.quotes.values()].find((q) => q.paymentReference.number === reference);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, filter: QuoteFilter, request: PageRequest): Promise<Page<Quote>> {
    return page([...this.store.quotes.values()].filter((q) => q.accountId === accountId && (filter === 'all' || q.status === filter)), (q) => ({ at: q.issuedAt, id: q.id }), request, (q) => q.number);
  }
  async findByOrder(orderId: string): Promise<Quote | null> {
    const found = [...this.store.quotes.values()].find((q) => q.orderId === orderId);
    return found ? copy(found) : null;
  }
  async listOpenForAccount(accountId: string): Promise<Quote[]> {
    return [...this.store.quotes.values()]
      .filter((q) => q.accountId === accountId && q.status === 'open')
      .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())
      .map(copy);
  }
}

function dueForRenewal<T extends { id: string; expiresAt: Date; status: string }>(store: InMemoryStore, items: Iterable<T>, kind: 'service' | 'domain', horizon: Date, limit: number): T[] {
  const renewed = new Set([...store.renewals.values()].filter((r) => r.itemKind === kind).map((r) => `${r.itemId}|${r.periodEnd.getTime()}`));
  return [...items]
    .filter((i) => (i.status === 'active' || i.status === 'suspended') && i.expiresAt.getTime() <= horizon.getTime() && !renewed.has(`${i.id}|${i.expiresAt.getTime()}`))
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map(copy);
}

export class InMemoryServiceRepository implements ServiceRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(service: HostedService): Promise<void> {
    service.updatedAt = new Date();
    put(this.store.services, service, true);
  }
  async save(service: HostedService): Promise<void> {
    service.updatedAt = new Date();
    put(this.store.services, service, false);
  }
  async listDueForRenewal(horizon: Date, limit: number): Promise<HostedService[]> {
    return dueForRenewal(this.store, this.store.services.values(), 'service', horizon, limit);
  }
  async findById(id: string): Promise<HostedService | null> {
    const found = this.store.services.get(id);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, request: PageRequest, only: readonly string[] | null = null): Promise<Page<HostedService>> {
    return page([...this.store.services.values()].filter((s) => s.accountId === accountId && (!only || only.includes(s.id))), (s) => ({ at: s.activatedAt, id: s.id }), request);
  }
}

export class InMemoryDomainRepository implements DomainRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(domain: RegisteredDomain): Promise<void> {
    domain.updatedAt = new Date();
    if ([...this.store.domains.values()].some((d) => d.name === domain.name && d.status !== 'cancelled')) throw new Error('domain already registered');
    put(this.store.domains, domain, true);
  }
  async save(domain: RegisteredDomain): Promise<void> {
    domain.updatedAt = new Date();
    put(this.store.domains, domain, false);
  }
  async listDueForRenewal(horizon: Date, limit: number): Promise<RegisteredDomain[]> {
    return dueForRenewal(this.store, this.store.domains.values(), 'domain', horizon, limit);
  }
  async findById(id: string): Promise<RegisteredDomain | null> {
    const found = this.store.domains.get(id);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, request: PageRequest, only: readonly string[] | null = null): Promise<Page<RegisteredDomain>> {
    return page([...this.store.domains.values()].filter((d) => d.accountId === accountId && (!only || only.includes(d.id))), (d) => ({ at: d.registeredAt, id: d.id }), request);
  }
  async findHeld(names: readonly string[]): Promise<RegisteredDomain[]> {
    return [...this.store.domains.values()].filter((d) => names.includes(d.name) && d.status !== 'cancelled').map(copy);
  }
}

export class InMemoryCounters implements Counters {
  constructor(private readonly store: InMemoryStore) {}
  async next(series: string, year: number): Promise<number> {
    const key = `${series}:${year}`;
    const value = (this.store.counters.get(key) ?? 0) + 1;
    this.store.counters.set(key, value);
    return value;
  }
  /** Kept apart from the maps a failed use case restores, as a committed number is. */
  async reserve(series: string, year: number): Promise<number> {
    const key = `${series}:${year}`;
    const value = (this.store.reserved.values.get(key) ?? 0) + 1;
    this.store.reserved.values.set(key, value);
    return value;
  }
  /** One transaction at a time runs here, so the series is always held. */
  async lockSeries(): Promise<void> {}
}

export class InMemoryInvoiceRepository implements InvoiceRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(invoice: Invoice): Promise<void> {
    invoice.updatedAt = new Date();
    const clash = [...this.store.invoices.values()].some(
      (i) =>
        (i.year === invoice.year && i.premises === invoice.premises && i.device === invoice.device && i.sequence === invoice.sequence) ||
        i.paymentReference.number === invoice.paymentReference.number ||
        (invoice.quoteId !== null && i.quoteId === invoice.quoteId) ||
        (invoice.correctsInvoiceId !== null && i.correctsInvoiceId === invoice.correctsInvoiceId),
    );
    if (clash) throw new Error('duplicate invoice');
    put(this.store.invoices, invoice, true);
  }
  async savePayment(invoice: Invoice): Promise<void> {
    invoice.updatedAt = new Date();
    const stored = this.store.invoices.get(invoice.id);
    if (!stored) throw new Error('no such invoice');
    const updated = copy(stored);
    updated.paidCents = invoice.paidCents;
    updated.updatedAt = invoice.updatedAt;
    this.store.invoices.set(invoice.id, updated);
  }
  async findById(id: string): Promise<Invoice | null> {
    const found = this.store.invoices.get(id);
    return found ? copy(found) : null;
  }
  async listByIds(ids: readonly string[]): Promise<Invoice[]> {
    return ids.map((id) => this.store.invoices.get(id)).filter((i): i is Invoice => !!i).map(copy);
  }
  async findByReference(reference: string): Promise<Invoice | null> {
    const found = [...this.store.invoices.values()].find((i) => i.paymentReference.number === reference);
    return found ? copy(found) : null;
  }
  async findCreditNoteFor(invoiceId: string): Promise<Invoice | null> {
    const found = [...this.store.invoices.values()].find((i) => i.correctsInvoiceId === invoiceId);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, filter: InvoiceFilter, request: PageRequest): Promise<Page<Invoice>> {
    const matching = [...this.store.invoices.values()].filter(
      (i) => i.accountId === accountId && (filter === 'all' || (filter === 'paid' ? i.paidCents >= i.grossCents : i.paidCents < i.grossCents)),
    );
    return page(matching, (i) => ({ at: i.issuedAt, id: i.id }), request, (i) => i.number);
  }
}

export class InMemoryPaymentRepository implements PaymentRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(payment: Payment): Promise<void> {
    if ([...this.store.payments.values()].some((p) => p.bankTransactionId === payment.bankTransactionId)) throw new Error('duplicate bank transaction');
    put(this.store.payments, payment, true);
  }
  async lockBankTransaction(): Promise<void> {
    // The in-memory unit of work runs one use case at a time: nothing can interleave.
  }
  async findByBankTransaction(bankTransactionId: string): Promise<Payment | null> {
    const found = [...this.store.payments.values()].find((p) => p.bankTransactionId === bankTransactionId);
    return found ? copy(found) : null;
  }
  async countUnmatched(): Promise<number> {
    return [...this.store.payments.values()].filter((p) => p.invoiceId === null).length;
  }
  async listForAccount(accountId: string, limit: number): Promise<Payment[]> {
    return [...this.store.payments.values()]
      .filter((p) => p.invoiceId !== null && this.store.invoices.get(p.invoiceId)?.accountId === accountId)
      .sort((a, b) => b.receivedOn.getTime() - a.receivedOn.getTime() || (b.id < a.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
  async list(filter: 'all' | 'unmatched', request: PageRequest): Promise<Page<Payment>> {
    const matching = [...this.store.payments.values()].filter((p) => filter === 'all' || p.invoiceId === null);
    return page(matching, (p) => ({ at: p.recordedAt, id: p.id }), request, (p) => `${p.reference} ${p.bankTransactionId} ${p.payerName}`);
  }
}

export class InMemoryRenewalRepository implements RenewalRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(renewal: Renewal): Promise<void> {
    const clash = [...this.store.renewals.values()].some((r) => r.itemKind === renewal.itemKind && r.itemId === renewal.itemId && r.periodEnd.getTime() === renewal.periodEnd.getTime());
    if (clash) throw new Error('renewal already exists for that period');
    put(this.store.renewals, renewal, true);
  }
  async findById(id: string): Promise<Renewal | null> {
    const found = this.store.renewals.get(id);
    return found ? copy(found) : null;
  }
  async advance(id: string, from: RenewalStage, to: RenewalStage, at: Date): Promise<boolean> {
    const found = this.store.renewals.get(id);
    if (!found || found.stage !== from) return false;
    const moved = copy(found);
    moved.stage = to;
    moved.updatedAt = at;
    this.store.renewals.set(id, moved);
    return true;
  }
  async listOpen(after: string | null, limit: number): Promise<Renewal[]> {
    return [...this.store.renewals.values()]
      .filter((r) => r.isOpen() && (after === null || r.id > after))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
}
