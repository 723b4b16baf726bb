import type { OrderLine } from '../ordering/order.js';
import { zagrebYear } from './calendar.js';
import { totalsOf, type Totals } from './money.js';
import { referenceFor, type PaymentReference } from './payment-reference.js';

export const QUOTE_VALIDITY_DAYS = 15;
export type QuoteStatus = 'open' | 'accepted' | 'expired' | 'cancelled';

/** Ponuda: an offer with a price list and a validity; paying it leads to an invoice (issue of billing). */
export class Quote {
  id!: string;
  number!: string;
  accountId!: string;
  orderId!: string | null;
  lines!: OrderLine[];
  netCents!: number;
  vatCents!: number;
  grossCents!: number;
  status!: QuoteStatus;
  issuedAt!: Date;
  validUntil!: Date;
  paymentReference!: PaymentReference;
  /** Set for a renewal quote: paying it renews that item. */
  renewalId!: string | null;

  static forOrder(input: { id: string; number: string; sequence: number; accountId: string; orderId: string | null; lines: OrderLine[]; now: Date; renewalId?: string | null }): Quote {
    const totals = totalsOf(input.lines);
    const quote = new Quote();
    Object.assign(quote, {
      id: input.id,
      number: input.number,
      accountId: input.accountId,
      orderId: input.orderId,
      lines: input.lines,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      status: 'open',
      issuedAt: input.now,
      validUntil: new Date(input.now.getTime() + QUOTE_VALIDITY_DAYS * 86_400_000),
      paymentReference: referenceFor('quote', zagrebYear(input.now), input.sequence),
      renewalId: input.renewalId ?? null,
    });
    return quote;
  }

  /** Paying the quote accepts it; the invoice follows. */
  accept(): void {
    if (this.status !== 'open') throw new Error(`quote is ${this.status}`);
    this.status = 'accepted';
  }

  totals(): Totals {
    return totalsOf(this.lines);
  }
}

/** What a list shows of a quote (no lines): what list pages read, for reading only. */
export const QUOTE_SUMMARY = ['id', 'number', 'accountId', 'status', 'issuedAt', 'validUntil', 'grossCents', 'paymentReference'] as const;
export type QuoteSummary = Readonly<Pick<Quote, (typeof QUOTE_SUMMARY)[number]>>;
