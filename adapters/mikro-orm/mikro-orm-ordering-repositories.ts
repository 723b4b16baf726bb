import type pg from 'pg';
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
import { decodeCursor, encodeCursor } from '../in-memory/keyset.js';
import { keysetPage, searchWhere } from './mikro-orm-repositories.js';
import { execute, type Em } from './orm.js';
import { HostedServiceSchema, InvoiceSchema, OrderSchema, PaymentSchema, ProductSchema, QuoteSchema, RegisteredDomainSchema, RenewalSchema } from './schemas.js';

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
      (where, limit, direction) => this.em.find(OrderSchema, { status: 'pending', ...where, ...searchWhere(page.search, ['number']) }, { orderBy: { createdAt: direction, id: direction }, limit }),
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
  async save(quote: Quote): Promise<void> {
    this.em.persist(quote);
    await this.em.flush();
  }
  findById(id: string): Promise<Quote | null> {
    return this.em.findOne(QuoteSchema, { id });
  }
  findByOrder(orderId: string): Promise<Quote | null> {
    return this.em.findOne(QuoteSchema, { orderId });
  }
  findByReference(reference: string): Promise<Quote | null> {
    return this.em.findOne(QuoteSchema, { paymentReference: { number: reference } } as never);
  }
  listForAccount(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<Quote>> {
    return keysetPage(
      (where, limit, direction) => this.em.find(QuoteSchema, { accountId, ...(filter === 'all' ? {} : { status: filter }), ...where, ...searchWhere(page.search, ['number']) }, { orderBy: { issuedAt: direction, id: direction }, limit }),
      'issuedAt',
      (q) => ({ at: q.issuedAt, id: q.id }),
      page,
    );
  }
  listOpenForAccount(accountId: string): Promise<Quote[]> {
    return this.em.find(QuoteSchema, { accountId, status: 'open' }, { orderBy: { issuedAt: 'desc', id: 'desc' }, limit: 100 });
  }
}

/** Items due for renewal: one indexed query (expiry index) with an anti-join on renewals. */
async function dueIds(em: Em, table: 'services' | 'domains', kind: 'service' | 'domain', horizon: Date, limit: number): Promise<string[]> {
  const rows = await execute<{ id: string }>(
    em,
    `select i.id from ${table} i
      where i.status in ('active', 'suspended') and i.expires_at <= $1
        and not exists (select 1 from renewals r where r.item_kind = $2 and r.item_id = i.id and r.period_end = i.expires_at)
      order by i.expires_at, i.id limit $3`,
    [horizon, kind, limit],
  );
  return rows.map((r) => r.id);
}

export class MikroOrmServiceRepository implements ServiceRepository {
  constructor(private readonly em: Em) {}
  async add(service: HostedService): Promise<void> {
    this.em.persist(service);
    await this.em.flush();
  }
  async save(service: HostedService): Promise<void> {
    this.em.persist(service);
    await this.em.flush();
  }
  async listDueForRenewal(horizon: Date, limit: number): Promise<HostedService[]> {
    const ids = await dueIds(this.em, 'services', 'service', horizon, limit);
    return ids.length ? this.em.find(HostedServiceSchema, { id: { $in: ids } }, { orderBy: { expiresAt: 'asc', id: 'asc' } }) : [];
  }
  findById(id: string): Promise<HostedService | null> {
    return this.em.findOne(HostedServiceSchema, { id });
  }
  listForAccount(accountId: string, page: PageRequest, only: readonly string[] | null = null): Promise<Page<HostedService>> {
    return keysetPage(
      (where, limit) => this.em.find(HostedServiceSchema, { accountId, ...(only ? { id: { $in: [...only] } } : {}), ...where }, { orderBy: { activatedAt: 'desc', id: 'desc' }, limit }),
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
  async save(domain: RegisteredDomain): Promise<void> {
    this.em.persist(domain);
    await this.em.flush();
  }
  async listDueForRenewal(horizon: Date, limit: number): Promise<RegisteredDomain[]> {
    const ids = await dueIds(this.em, 'domains', 'domain', horizon, limit);
    return ids.length ? this.em.find(RegisteredDomainSchema, { id: { $in: ids } }, { orderBy: { expiresAt: 'asc', id: 'asc' } }) : [];
  }
  findById(id: string): Promise<RegisteredDomain | null> {
    return this.em.findOne(RegisteredDomainSchema, { id });
  }
  listForAccount(accountId: string, page: PageRequest, only: readonly string[] | null = null): Promise<Page<RegisteredDomain>> {
    return keysetPage(
      (where, limit) => this.em.find(RegisteredDomainSchema, { accountId, ...(only ? { id: { $in: [...only] } } : {}), ...where }, { orderBy: { registeredAt: 'desc', id: 'desc' }, limit }),
      'registeredAt',
      (d) => ({ at: d.registeredAt, id: d.id }),
      page,
    );
  }
  findHeld(names: readonly string[]): Promise<RegisteredDomain[]> {
    return names.length ? this.em.find(RegisteredDomainSchema, { name: { $in: [...names] }, status: { $ne: 'cancelled' } }) : Promise.resolve([]);
  }
}

const NEXT_NUMBER = `insert into counters (series, year, value) values ($1, $2, 1)
  on conflict (series, year) do update set value = counters.value + 1
  returning value`;

/**
 * One row per series and year. `next` increments it under its row lock in the caller's transaction: concurrent takers
 * wait, nobody skips a number. `reserve` increments it in a statement of its own, committed at once.
 */
export class PostgresCounters implements Counters {
  constructor(
    private readonly em: Em,
    private readonly numbers: pg.Pool,
  ) {}
  async reserve(series: string, year: number): Promise<number> {
    const { rows } = await this.numbers.query<{ value: number }>({ name: 'counters-reserve', text: NEXT_NUMBER, values: [series, year] });
    if (!rows[0]) throw new Error('counter upsert returned nothing');
    return Number(rows[0].value);
  }
  async next(series: string, year: number): Promise<number> {
    const [row] = await execute<{ value: number }>(this.em, NEXT_NUMBER, [series, year]);
    if (!row) throw new Error('counter upsert returned nothing');
    return Number(row.value);
  }
  async lockSeries(series: string): Promise<void> {
    await execute(this.em, 'select pg_advisory_xact_lock(hashtextextended($1, 0))', [`series:${series}`]);
  }
}

export class MikroOrmInvoiceRepository implements InvoiceRepository {
  constructor(private readonly em: Em) {}
  async add(invoice: Invoice): Promise<void> {
    this.em.persist(invoice);
    await this.em.flush();
  }
  async savePayment(invoice: Invoice): Promise<void> {
    await this.em.flush();
    invoice.updatedAt = new Date();
    await this.em.nativeUpdate(InvoiceSchema, { id: invoice.id }, { paidCents: invoice.paidCents, updatedAt: invoice.updatedAt });
  }
  findById(id: string): Promise<Invoice | null> {
    return this.em.findOne(InvoiceSchema, { id });
  }
  async listByIds(ids: readonly string[]): Promise<Invoice[]> {
    return ids.length ? this.em.find(InvoiceSchema, { id: { $in: [...ids] } }) : [];
  }
  findByReference(reference: string): Promise<Invoice | null> {
    return this.em.findOne(InvoiceSchema, { paymentReference: { number: reference } } as never);
  }
  findCreditNoteFor(invoiceId: string): Promise<Invoice | null> {
    return this.em.findOne(InvoiceSchema, { correctsInvoiceId: invoiceId });
  }
  /** Keyset over (issued_at, id) with the paid filter in SQL: one query for the ids, one for the rows. */
  async listForAccount(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>> {
    const after = decodeCursor(page.after);
    const params: unknown[] = [accountId];
    const where = ['account_id = $1'];
    if (filter !== 'all') where.push(filter === 'paid' ? 'paid_cents >= gross_cents' : 'paid_cents < gross_cents');
    if (page.updatedSince) {
      params.push(page.updatedSince);
      where.push(`updated_at >= $${params.length}`);
    }
    if (page.search) {
      params.push(`%${page.search.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`);
      where.push(`number ilike $${params.length}`);
    }
    const direction = page.oldestFirst ? 'asc' : 'desc';
    if (after) {
      params.push(after.at, after.id);
      where.push(`(issued_at, id) ${page.oldestFirst ? '>' : '<'} ($${params.length - 1}, $${params.length})`);
    }
    params.push(page.limit + 1);
    const ids = await execute<{ id: string }>(this.em, `select id from invoices where ${where.join(' and ')} order by issued_at ${direction}, id ${direction} limit $${params.length}`, params);
    const found = ids.length ? await this.em.find(InvoiceSchema, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { issuedAt: direction, id: direction } }) : [];
    const items = found.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items, next: found.length > page.limit && last ? encodeCursor(last.issuedAt, last.id) : null };
  }
}

export class MikroOrmPaymentRepository implements PaymentRepository {
  constructor(private readonly em: Em) {}
  async add(payment: Payment): Promise<void> {
    this.em.persist(payment);
    await this.em.flush();
  }
  async lockBankTransaction(bankTransactionId: string): Promise<void> {
    await execute(this.em, `select pg_advisory_xact_lock(hashtextextended('payment:' || $1, 0))`, [bankTransactionId]);
  }
  findByBankTransaction(bankTransactionId: string): Promise<Payment | null> {
    return this.em.findOne(PaymentSchema, { bankTransactionId });
  }
  countUnmatched(): Promise<number> {
    return this.em.count(PaymentSchema, { invoiceId: null });
  }
  async listForAccount(accountId: string, limit: number): Promise<Payment[]> {
    const rows = await execute<{ id: string }>(
      this.em,
      // account_id: kept by the database from the payment's invoice, with an index of its own.
      `select p.id from payments p where p.account_id = $1 order by p.received_on desc, p.id desc limit $2`,
      [accountId, limit],
    );
    return rows.length ? this.em.find(PaymentSchema, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { receivedOn: 'desc', id: 'desc' } }) : [];
  }
  list(filter: 'all' | 'unmatched', page: PageRequest): Promise<Page<Payment>> {
    return keysetPage(
      (where, limit, direction) =>
        this.em.find(PaymentSchema, { ...(filter === 'unmatched' ? { invoiceId: null } : {}), ...where, ...searchWhere(page.search, ['reference', 'bankTransactionId', 'payerName']) }, { orderBy: { recordedAt: direction, id: direction }, limit }),
      'recordedAt',
      (p) => ({ at: p.recordedAt, id: p.id }),
      page,
    );
  }
}

export class MikroOrmRenewalRepository implements RenewalRepository {
  constructor(private readonly em: Em) {}
  async add(renewal: Renewal): Promise<void> {
    this.em.persist(renewal);
    await this.em.flush();
  }
  findById(id: string): Promise<Renewal | null> {
    return this.em.findOne(RenewalSchema, { id });
  }
  async advance(id: string, from: RenewalStage, to: RenewalStage, at: Date): Promise<boolean> {
    await this.em.flush();
    const moved = await execute<{ id: string }>(this.em, 'update renewals set stage = $1, updated_at = $2 where id = $3 and stage = $4 returning id', [to, at, id, from]);
    return moved.length === 1;
  }
  listOpen(after: string | null, limit: number): Promise<Renewal[]> {
    return this.em.find(RenewalSchema, { stage: { $in: ['quoted', 'reminded', 'suspended'] }, ...(after ? { id: { $gt: after } } : {}) }, { orderBy: { id: 'asc' }, limit });
  }
}
