import { zagrebTime, type LocalDate } from './calendar.js';
import type { Invoice, Party } from './invoice.js';
import { formatReference } from './payment-reference.js';
import { hrVatName, type VatCategory } from './vat.js';

/**
 * An eRačun as data: every business term the portal fills (EN 16931 with the Croatian CIUS 2025 and its
 * extension), already in the units and formats of UBL 2.1. An adapter writes it as XML; nothing here knows XML.
 */
export const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:mfin.gov.hr:cius-2025:1.0#conformant#urn:mfin.gov.hr:ext-2025:1.0';
/** ISO/IEC 6523 scheme 9934: the Croatian OIB as an electronic address (BT-34, BT-49). */
export const OIB_SCHEME = '9934';
/** UNTDID 4461 code 30: credit transfer to the seller's transaction account. */
export const CREDIT_TRANSFER = '30';

export interface EInvoiceParty {
  readonly endpoint: { readonly scheme: string; readonly id: string };
  readonly name: string;
  readonly street: string;
  readonly city: string;
  readonly postalZone: string;
  readonly country: string;
  readonly vatId: string | null;
  /** The OIB as legal registration identifier (BT-30, BT-47), for Croatian parties. */
  readonly companyId: string | null;
}

export interface EInvoiceTax {
  readonly category: VatCategory;
  readonly percent: string;
  /** HR-TB-2 label (HR-BT-12); on the breakdown it stays off the EN part, where UBL-CR-597 advises against it. */
  readonly hrName: string;
  readonly exemptionReasonCode: string | null;
  readonly exemptionReason: string | null;
}

export interface EInvoiceSubtotal {
  readonly taxable: string;
  readonly tax: string;
  readonly tax0: EInvoiceTax;
}

export interface EInvoiceLine {
  readonly id: string;
  readonly quantity: string;
  readonly unitCode: string;
  readonly lineExtension: string;
  readonly name: string;
  readonly period: { readonly start: LocalDate; readonly end: LocalDate } | null;
  readonly kpd: string | null;
  readonly tax: EInvoiceTax;
  readonly price: string;
}

export interface EInvoice {
  readonly documentType: 'Invoice' | 'CreditNote';
  readonly customizationId: string;
  readonly profileId: string;
  readonly id: string;
  readonly issueDate: LocalDate;
  readonly issueTime: string;
  readonly dueDate: LocalDate | null;
  /** UNTDID 1001: 380 commercial invoice, 381 credit note. */
  readonly typeCode: '380' | '381';
  /** BT-22: what the document says in words — what it corrects, and the legal basis of a zero rate. */
  readonly notes: readonly string[];
  readonly currency: 'EUR';
  readonly billingReference: { readonly id: string; readonly issueDate: LocalDate } | null;
  readonly seller: EInvoiceParty;
  readonly operator: { readonly name: string; readonly oib: string } | null;
  readonly buyer: EInvoiceParty;
  readonly deliveryDate: LocalDate;
  readonly payment: { readonly code: string; readonly paymentId: string; readonly iban: string; readonly note: string };
  readonly taxTotal: string;
  readonly subtotals: readonly EInvoiceSubtotal[];
  /** HR-BG-1: the Croatian VAT breakdown, required when a line is exempt (HR-BR-26). */
  readonly hrExtension: { readonly taxTotal: string; readonly subtotals: readonly EInvoiceSubtotal[]; readonly taxExclusive: string; readonly outOfScope: string } | null;
  readonly totals: { readonly lineExtension: string; readonly taxExclusive: string; readonly taxInclusive: string; readonly payable: string };
  readonly lines: readonly EInvoiceLine[];
}

/** Whole cents as a decimal amount with two places: 12345 → "123.45". */
export function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function party(p: Party, email: string | null): EInvoiceParty {
  const croatian = p.country === 'HR';
  // Every account of the portal has an OIB; HR CIUS asks a tax identifier of every buyer (HR-BR-S-1, -E-1), so
  // a buyer without a VAT number of its own is identified by it.
  const vatId = p.vatNumber ?? `HR${p.oib}`;
  return {
    // A Croatian party is reached by its OIB (AMS directory); a foreign one by e-mail (EAS code EM).
    endpoint: croatian || !email ? { scheme: OIB_SCHEME, id: p.oib } : { scheme: 'EM', id: email },
    name: p.name,
    street: p.street,
    city: p.city,
    postalZone: p.postalCode,
    country: p.country,
    vatId,
    companyId: croatian ? p.oib : null,
  };
}

/** The eRačun of an issued invoice or credit note: the same data as its PDF. */
export function eInvoiceOf(invoice: Invoice, billing: { iban: string }): EInvoice {
  const credit = invoice.kind === 'credit_note';
  // A credit note is stated in positive amounts: the document type says it credits (EN 16931).
  const sign = credit ? -1 : 1;
  const taxOf = (g: { category: VatCategory; ratePercent: number; exemption: { code: string | null; text: string } | null }): EInvoiceTax => ({
    category: g.category,
    percent: String(g.ratePercent),
    hrName: hrVatName(g),
    // EN 16931 (BR-Z-10) gives a zero rate no exemption reason: its legal basis goes into a note instead.
    exemptionReasonCode: g.category === 'S' || g.category === 'Z' ? null : (g.exemption?.code ?? null),
    exemptionReason: g.category === 'S' || g.category === 'Z' ? null : (g.exemption?.text ?? null),
  });
  const subtotals = invoice.vatGroups.map((g) => ({
    taxable: amount(sign * g.netCents),
    tax: amount(sign * g.vatCents),
    tax0: taxOf({ category: g.category ?? (g.ratePercent > 0 ? 'S' : 'Z'), ratePercent: g.ratePercent, exemption: g.exemption ?? null }),
  }));
  const exempt = invoice.vatGroups.some((g) => g.category === 'E');
  const net = sign * invoice.netCents;
  const gross = sign * invoice.grossCents;
  return {
    documentType: credit ? 'CreditNote' : 'Invoice',
    customizationId: CUSTOMIZATION_ID,
    profileId: invoice.process,
    id: invoice.number,
    issueDate: invoice.issueDate(),
    issueTime: zagrebTime(invoice.issuedAt),
    dueDate: credit ? null : invoice.dueDate,
    typeCode: credit ? '381' : '380',
    notes: [
      ...(credit && invoice.corrects ? [`Odobrenje za račun ${invoice.corrects.number}`] : []),
      ...invoice.vatGroups.filter((g) => g.category === 'Z' && g.exemption).map((g) => `Nulta stopa PDV-a: ${g.exemption!.text}`),
    ],
    currency: 'EUR',
    billingReference: invoice.corrects ? { id: invoice.corrects.number, issueDate: invoice.corrects.issueDate } : null,
    seller: party(invoice.seller, null),
    operator: invoice.operator,
    buyer: party(invoice.buyer, invoice.buyer.email ?? null),
    deliveryDate: invoice.deliveryDate,
    payment: { code: CREDIT_TRANSFER, paymentId: formatReference(invoice.paymentReference), iban: billing.iban, note: credit ? `Odobrenje ${invoice.number}` : `Račun ${invoice.number}` },
    taxTotal: amount(sign * invoice.vatCents),
    subtotals,
    hrExtension: exempt ? { taxTotal: amount(sign * invoice.vatCents), subtotals, taxExclusive: amount(net), outOfScope: amount(0) } : null,
    totals: { lineExtension: amount(net), taxExclusive: amount(net), taxInclusive: amount(gross), payable: amount(gross) },
    lines: invoice.lines.map((l, i) => ({
      id: String(i + 1),
      quantity: String(sign * l.quantity),
      unitCode: l.unitCode ?? 'C62',
      lineExtension: amount(sign * l.unitPriceCents * l.quantity),
      name: l.description,
      period: l.periodStart && l.periodEnd ? { start: l.periodStart, end: l.periodEnd } : null,
      kpd: l.kpdCode ?? null,
      tax: taxOf({ category: l.vatCategory ?? (l.vatRatePercent > 0 ? 'S' : 'Z'), ratePercent: l.vatRatePercent, exemption: l.exemption ?? null }),
      price: amount(l.unitPriceCents),
    })),
  };
}
