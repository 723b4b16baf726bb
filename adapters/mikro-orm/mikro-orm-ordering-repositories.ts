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
import { keysetPage } from './mikro-orm-repositories.js';
import { execute, type Em } from './orm.js';
import { HostedServiceSchema, OrderSchema, ProductSchema, QuoteSchema, RegisteredDomainSchema } from './schemas.js';

export class MikroOrmProductRepository implements ProductRepository {
  constructor(private readonly em: Em) {}
  async add(product: Product): Promise<void> {
    this.em.persist(product);
    await this.em.flush();
  }
  listActive(): Promise<Product[]> {
    return this.em.find(ProductSchema, { active: true }, { orderBy: { sortOrder: 'asc', code: 'asc' } });
  }
  findByCodes(codes: readonly string[]): Promise<Product[]> {
    return this.em.find(ProductSchema, { code: { $in: [...codes] } });
  }
}

export class MikroOrmOrderRepository implements OrderRepository {
  constructor(private readonly em: Em) {}
  async add(order: Order): Promise<void> {
    this.em.persist(order);
    await this.em.flush();
  }
  async save(order: Order): Promise<void> {
    this.em.persist(order);
    await this.em.flush();
  }
  findById(id: string): Promise<Order | null> {
    return this.em.findOne(OrderSchema, { id });
  }
  findByIdempotencyKey(accountId: string, key: string): Promise<Order | null> {
    return this.em.findOne(OrderSchema, { accountId, idempotencyKey: key });
  }
  listForAccount(accountId: string, page: PageRequest): Promise<Page<Order>> {
    return keysetPage(
      (where, limit) => this.em.find(OrderSchema, { accountId, ...where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
      'createdAt',
      (o) => ({ at: o.createdAt, id: o.id }),
      page,
    );
  }
  listPending(page: PageRequest): Promise<Page<Order>> {
    return keysetPage(
      (where, limit) => this.em.find(OrderSchema, { status: 'pending', ...where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
      'createdAt',
      (o) => ({ at: o.createdAt, id: o.id }),
      page,
    );
  }
  countPending(): Promise<number> {
    return this.em.count(OrderSchema, { status: 'pending' });
  }
}

export class MikroOrmQuoteRepository implements QuoteRepository {
  constructor(private readonly em: Em) {}
  async add(quote: Quote): Promise<void> {
    this.em.persist(quote);
    await this.em.flush();
  }
  findByOrder(orderId: string): Promise<Quote | null> {
    return this.em.findOne(QuoteSchema, { orderId });
  }
  listOpenForAccount(accountId: string): Promise<Quote[]> {
    return this.em.find(QuoteSchema, { accountId, status: 'open' }, { orderBy: { issuedAt: 'desc', id: 'desc' }, limit: 100 });
  }
}

export class MikroOrmServiceRepository implements ServiceRepository {
  constructor(private readonly em: Em) {}
  async add(service: HostedService): Promise<void> {
    this.em.persist(service);
    await this.em.flush();
  }
  findById(id: string): Promise<HostedService | null> {
    return this.em.findOne(HostedServiceSchema, { id });
  }
  listForAccount(accountId: string, page: PageRequest): Promise<Page<HostedService>> {
    return keysetPage(
      (where, limit) => this.em.find(HostedServiceSchema, { accountId, ...where }, { orderBy: { activatedAt: 'desc', id: 'desc' }, limit }),
      'activatedAt',
      (s) => ({ at: s.activatedAt, id: s.id }),
      page,
    );
  }
}

export class MikroOrmDomainRepository implements DomainRepository {
  constructor(private readonly em: Em) {}
  async add(domain: RegisteredDomain): Promise<void> {
    this.em.persist(domain);
    await this.em.flush();
  }
  findById(id: string): Promise<RegisteredDomain | null> {
    return this.em.findOne(RegisteredDomainSchema, { id });
  }
  listForAccount(accountId: string, page: PageRequest): Promise<Page<RegisteredDomain>> {
    return keysetPage(
      (where, limit) => this.em.find(RegisteredDomainSchema, { accountId, ...where }, { orderBy: { registeredAt: 'desc', id: 'desc' }, limit }),
      'registeredAt',
      (d) => ({ at: d.registeredAt, id: d.id }),
      page,
    );
  }
}

/** One row per series and year, incremented under its row lock: concurrent takers wait, nobody skips a number. */
export class PostgresCounters implements Counters {
  constructor(private readonly em: Em) {}
  async next(series: string, year: number): Promise<number> {
    const [row] = await execute<{ value: number }>(
      this.em,
      `insert into counters (series, year, value) values ($1, $2, 1)
       on conflict (series, year) do update set value = counters.value + 1
       returning value`,
      [series, year],
    );
    if (!row) throw new Error('counter upsert returned nothing');
    return Number(row.value);
  }
}
