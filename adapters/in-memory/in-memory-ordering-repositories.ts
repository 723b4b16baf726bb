import type {
  Counters,
  DomainRepository,
  OrderRepository,
  Page,
  PageRequest,
  ProductRepository,
  QuoteRepository,
  ServiceRepository,
} from '../../application/ports/repositories.js';
import type { Quote } from '../../domain/billing/quote.js';
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

function page<T extends object>(items: T[], key: (item: T) => { at: Date; id: string }, request: PageRequest): Page<T> {
  const result = pageDescending(items, key, request);
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
    if (order.idempotencyKey && order.accountId && (await this.findByIdempotencyKey(order.accountId, order.idempotencyKey))) throw new Error('duplicate idempotency key');
    put(this.store.orders, order, true);
  }
  async save(order: Order): Promise<void> {
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
    return page([...this.store.orders.values()].filter((o) => o.status === 'pending'), (o) => ({ at: o.createdAt, id: o.id }), request);
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

export class InMemoryServiceRepository implements ServiceRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(service: HostedService): Promise<void> {
    put(this.store.services, service, true);
  }
  async findById(id: string): Promise<HostedService | null> {
    const found = this.store.services.get(id);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, request: PageRequest): Promise<Page<HostedService>> {
    return page([...this.store.services.values()].filter((s) => s.accountId === accountId), (s) => ({ at: s.activatedAt, id: s.id }), request);
  }
}

export class InMemoryDomainRepository implements DomainRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(domain: RegisteredDomain): Promise<void> {
    if ([...this.store.domains.values()].some((d) => d.name === domain.name && d.status !== 'cancelled')) throw new Error('domain already registered');
    put(this.store.domains, domain, true);
  }
  async findById(id: string): Promise<RegisteredDomain | null> {
    const found = this.store.domains.get(id);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string, request: PageRequest): Promise<Page<RegisteredDomain>> {
    return page([...this.store.domains.values()].filter((d) => d.accountId === accountId), (d) => ({ at: d.registeredAt, id: d.id }), request);
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
}
