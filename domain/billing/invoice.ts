import { addDays, zagrebDate, zagrebYear, type LocalDate } from './calendar.js';
import type { UnitCode } from './line-classification.js';
import type { PaymentReference } from './payment-reference.js';
import type { BuyerClass, VatCategory, VatExemption } from './vat.js';
import { vatBreakdown, type InvoiceVatGroup } from './vat-breakdown.js';

/** Seller or buyer as printed on the document: a snapshot, so a later change of address never alters it. */
export interface Party {
  readonly name: string;
  readonly oib: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  /** VAT number with its country prefix (BT-31, BT-48); documents issued before it was kept have none. */
  readonly vatNumber?: string | null;
  readonly email?: string | null;
  readonly buyerClass?: BuyerClass;
}

export interface InvoiceLine {
  readonly description: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vatRatePercent: number;
  readonly vatCategory: VatCategory;
  /** The legal reason where no VAT is charged (zero rate, exemption, reverse charge). */
  readonly exemption: VatExemption | null;
  /** KPD 2025 code; null only on lines issued before it was kept. */
  readonly kpdCode: string | null;
  readonly unitCode: UnitCode;
  /** Service period of a subscription or domain (BG-26), Zagreb days, both ends included. */
  readonly periodStart: LocalDate | null;
  readonly periodEnd: LocalDate | null;
}

export type InvoiceKind = 'invoice' | 'credit_note';
export type PaymentState = 'unpaid' | 'partially_paid' | 'paid' | 'overpaid';
/** Business process (BT-23, table HR-TB-1): an order P1, periodic billing of a subscription P2, a credit note P9. */
export type InvoiceProcess = 'P1' | 'P2' | 'P9';

/** The person who issued the document (HR-BT-4, HR-BT-5): a staff member, or the configured system operator. */
export interface Operator {
  readonly name: string;
  readonly oib: string;
}

/** The invoice a credit note corrects (BG-3). */
export interface InvoiceReference {
  readonly number: string;
  readonly issueDate: LocalDate;
}

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
  corrects!: InvoiceReference | null;
  process!: InvoiceProcess;
  operator!: Operator | null;
  issuedAt!: Date;
  /** When it last changed (set by the repository on every write): what `updated_since` asks about. */
  updatedAt!: Date;
  deliveryDate!: LocalDate;
  dueDate!: LocalDate;
  seller!: Party;
  buyer!: Party;
  lines!: InvoiceLine[];
  vatGroups!: InvoiceVatGroup[];
  netCents!: number;
  vatCents!: number;
  grossCents!: number;
  paymentReference!: PaymentReference;
  paidCents!: number;

  static issue(input: {
    id: string;
    kind?: InvoiceKind;
    sequence: number;
    premises: string;
    device: string;
    accountId: string;
    quoteId?: string | null;
    corrects?: { id: string; reference: InvoiceReference } | null;
    process: InvoiceProcess;
    operator: Operator;
    now: Date;
    dueDate: LocalDate;
    seller: Party;
    buyer: Party;
    lines: InvoiceLine[];
    paymentReference: PaymentReference;
  }): Invoice {
    if (input.lines.length === 0) throw new Error('an invoice needs lines');
    const issueDate = zagrebDate(input.now);
    if (input.dueDate < issueDate && (input.kind ?? 'invoice') === 'invoice') throw new Error('an invoice cannot fall due before it is issued');
    if (input.dueDate > addDays(issueDate, 366)) throw new Error('due date is implausible');
    const totals = vatBreakdown(input.lines);
    const invoice = new Invoice();
    Object.assign(invoice, {
      id: input.id,
      kind: input.kind ?? 'invoice',
      number: `${input.sequence}/${input.premises}/${input.device}`,
      year: zagrebYear(input.now),
      sequence: input.sequence,
      premises: input.premises,
      device: input.device,
      accountId: input.accountId,
      quoteId: input.quoteId ?? null,
      correctsInvoiceId: input.corrects?.id ?? null,
      corrects: input.corrects?.reference ?? null,
      process: input.process,
      operator: input.operator,
      issuedAt: input.now,
      deliveryDate: issueDate,
      dueDate: input.dueDate,
      seller: input.seller,
      buyer: input.buyer,
      lines: input.lines,
      vatGroups: [...totals.groups],
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      paymentReference: input.paymentReference,
      paidCents: 0,
    });
    return invoice;
  }

  /** The day of issue on the Zagreb calendar (BT-2). */
  issueDate(): LocalDate {
    return zagrebDate(this.issuedAt);
  }

  reference(): InvoiceReference {
    return { number: this.number, issueDate: this.issueDate() };
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
    return paymentStateOf(this);
  }

  /** What is still owed (positive) or was paid too much (negative). */
  balanceCents(): number {
    return balanceOf(this);
  }
}

/** What a list shows of an invoice (no parties, lines or VAT breakdown): what list pages read, for reading only. */
export const INVOICE_SUMMARY = ['id', 'kind', 'number', 'accountId', 'issuedAt', 'dueDate', 'grossCents', 'paidCents'] as const;
export type InvoiceSummary = Readonly<Pick<Invoice, (typeof INVOICE_SUMMARY)[number]>>;

type Amounts = Pick<Invoice, 'grossCents' | 'paidCents'>;

export function paymentStateOf(invoice: Amounts): PaymentState {
  if (invoice.paidCents === 0) return 'unpaid';
  if (invoice.paidCents < invoice.grossCents) return 'partially_paid';
  return invoice.paidCents === invoice.grossCents ? 'paid' : 'overpaid';
}

/** What is still owed (positive) or was paid too much (negative). */
export function balanceOf(invoice: Amounts): number {
  return invoice.grossCents - invoice.paidCents;
}
