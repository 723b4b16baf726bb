import { totalsOf, type Totals } from '../billing/money.js';
import type { ProductKind } from '../catalog/product.js';

export const ORDER_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderSource = 'public' | 'portal' | 'api';

export interface OrderLine {
  readonly productId: string;
  readonly productCode: string;
  readonly kind: ProductKind;
  readonly name: string;
  readonly domainName: string;
  readonly holderOib: string | null;
  readonly periodMonths: number;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vatRatePercent: number;
}

/** What a newcomer typed on the public form, kept when the OIB already had an account and staff must link it. */
export interface OrderCustomer {
  readonly entityType: string;
  readonly name: string;
  readonly oib: string;
  readonly email: string;
  readonly phone: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
}

export class OrderNotPending extends Error {}

/** A request to buy: prices are copied from the catalog when placed and never change afterwards. */
export class Order {
  id!: string;
  number!: string;
  accountId!: string | null;
  placedByUserId!: string | null;
  source!: OrderSource;
  status!: OrderStatus;
  lines!: OrderLine[];
  /** Set when a public order named an OIB that already has an account: staff link it, nobody else learns of it. */
  unlinkedCustomer!: OrderCustomer | null;
  idempotencyKey!: string | null;
  createdAt!: Date;
  /** When it last changed (set by the repository on every write): what `updated_since` asks about. */
  updatedAt!: Date;
  decidedAt!: Date | null;
  decidedByStaffId!: string | null;
  rejectionReason!: string | null;

  static place(input: {
    id: string;
    number: string;
    accountId: string | null;
    placedByUserId: string | null;
    source: OrderSource;
    lines: OrderLine[];
    unlinkedCustomer?: OrderCustomer | null;
    idempotencyKey?: string | null;
    now: Date;
  }): Order {
    if (input.lines.length === 0) throw new Error('an order needs at least one line');
    const order = new Order();
    Object.assign(order, {
      ...input,
      status: 'pending',
      unlinkedCustomer: input.unlinkedCustomer ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: input.now,
      decidedAt: null,
      decidedByStaffId: null,
      rejectionReason: null,
    });
    delete (order as { now?: Date }).now;
    return order;
  }

  totals(): Totals {
    return totalsOf(this.lines);
  }

  /** A public order that named a known OIB is attached to that account by staff. */
  linkTo(accountId: string): void {
    if (this.status !== 'pending') throw new OrderNotPending(this.status);
    if (this.accountId) throw new Error('order is already linked');
    this.accountId = accountId;
  }

  accept(staffId: string, now: Date): void {
    if (this.status !== 'pending') throw new OrderNotPending(this.status);
    this.status = 'accepted';
    this.decidedAt = now;
    this.decidedByStaffId = staffId;
  }

  reject(staffId: string, reason: string, now: Date): void {
    if (this.status !== 'pending') throw new OrderNotPending(this.status);
    this.status = 'rejected';
    this.decidedAt = now;
    this.decidedByStaffId = staffId;
    this.rejectionReason = reason;
  }
}
