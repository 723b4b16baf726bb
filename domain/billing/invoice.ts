import { totalsOf, type VatGroup } from './money.js';
import type { PaymentReference } from './payment-reference.js';

/** Seller or buyer as printed on the document: a snapshot, so a later change of address never alters it. */
export interface Party {
  readonly name: string;
  readonly oib: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
}

export interface InvoiceLine {
  readonly description: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vatRatePercent: number;
}

export type InvoiceKind = 'invoice' | 'credit_note';
export type PaymentState = 'unpaid' | 'partially_paid' | 'paid' | 'overpaid';

export class InvoiceAlreadyCredited extends Error {}

/**
 * Račun, or a credit note (odobrenje) correcting one. Everything the VAT act (art. 79) asks to print is
 * fixed at issue and never changes; only the amount paid moves.
 */
export class Invoice {
  id!: string;
  kind!: InvoiceKind;
  /** sequence/premises/device, e.g. 17/WEB1/1; the sequence restarts every year. */
  number!: string;
  year!: number;
  sequence!: number;
  premises!: string;
  device!: string;
  accountId!: string;
  quoteId!: string | null;
  correctsInvoiceId!: string | null;
  issuedAt!: Date;
  deliveryDate!: Date;
  dueDate!: Date;
  seller!: Party;
  buyer!: Party;
  lines!: InvoiceLine[];
  vatGroups!: VatGroup[];
  netCents!: number;
  vatCents!: number;
  grossCents!: number;
  paymentReference!: PaymentReference;
  paidCents!: number;

  static issue(input: {
    id: string;
    kind?: InvoiceKind;
    year: number;
    sequence: number;
    premises: string;
    device: string;
    accountId: string;
    quoteId?: string | null;
    correctsInvoiceId?: string | null;
    now: Date;
    deliveryDate: Date;
    dueDate: Date;
    seller: Party;
    buyer: Party;
    lines: InvoiceLine[];
    paymentReference: PaymentReference;
  }): Invoice {
    if (input.lines.length === 0) throw new Error('an invoice needs lines');
    if (input.dueDate.getTime() < input.deliveryDate.getTime() - 86_400_000 * 366) throw new Error('due date is implausible');
    const totals = totalsOf(input.lines);
    const invoice = new Invoice();
    Object.assign(invoice, {
      id: input.id,
      kind: input.kind ?? 'invoice',
      number: `${input.sequence}/${input.premises}/${input.device}`,
      year: input.year,
      sequence: input.sequence,
      premises: input.premises,
      device: input.device,
      accountId: input.accountId,
      quoteId: input.quoteId ?? null,
      correctsInvoiceId: input.correctsInvoiceId ?? null,
      issuedAt: input.now,
      deliveryDate: input.deliveryDate,
      dueDate: input.dueDate,
      seller: input.seller,
      buyer: input.buyer,
      lines: input.lines,
      vatGroups: [...totals.byRate],
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      paymentReference: input.paymentReference,
      paidCents: 0,
    });
    return invoice;
  }

  /** The lines of a credit note that cancels this invoice in full: the same lines, negated. */
  creditLines(): InvoiceLine[] {
    if (this.kind !== 'invoice') throw new InvoiceAlreadyCredited('only an invoice can be credited');
    return this.lines.map((l) => ({ ...l, quantity: -l.quantity }));
  }

  recordPayment(cents: number): void {
    if (!Number.isInteger(cents) || cents <= 0) throw new Error('a payment is a positive number of cents');
    this.paidCents += cents;
  }

  paymentState(): PaymentState {
    if (this.paidCents === 0) return 'unpaid';
    if (this.paidCents < this.grossCents) return 'partially_paid';
    return this.paidCents === this.grossCents ? 'paid' : 'overpaid';
  }

  /** What is still owed (positive) or was paid too much (negative). */
  balanceCents(): number {
    return this.grossCents - this.paidCents;
  }
}
