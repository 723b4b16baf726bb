import { zagrebDate, zagrebTime } from '../billing/calendar.js';
import { amount } from '../billing/einvoice.js';
import type { Invoice } from '../billing/invoice.js';

/**
 * Fiscalization of an invoice to a consumer (Fiskalizacija, technical specification v2.6): the data of one
 * RacunZahtjev, already in the formats of the service. Nothing here knows XML or keys.
 */
export type PaymentMethod = 'G' | 'K' | 'T' | 'O';

export interface FiscalTax {
  /** 25.00 */
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
}

export interface FiscalBill {
  readonly oib: string;
  readonly vatRegistered: boolean;
  /** dd.mm.yyyyThh:mm:ss on the Zagreb clock. */
  readonly issuedAt: string;
  /** N: numbered per device (our series is premises and device). */
  readonly sequenceMark: 'N' | 'P';
  readonly number: { readonly sequence: string; readonly premises: string; readonly device: string };
  readonly vat: readonly FiscalTax[];
  /** Exempt from VAT (IznosOslobPdv); null when none. */
  readonly exempt: string | null;
  readonly total: string;
  readonly paymentMethod: PaymentMethod;
  readonly operatorOib: string;
  readonly securityCode: string;
  /** Subsequent delivery (NakDost): the invoice was handed to the buyer before a JIR came. */
  readonly subsequent: boolean;
}

/** The inputs of the issuer's security code (ZKI), spec chapter 12. */
export interface SecurityCodeInput {
  readonly oib: string;
  /** dd.MM.yyyy HH:mm:ss */
  readonly issuedAt: string;
  readonly sequence: string;
  readonly premises: string;
  readonly device: string;
  /** 1245.56 — a point, never a comma. */
  readonly total: string;
}

const zagrebParts = (at: Date) => {
  const [y, m, d] = zagrebDate(at).split('-');
  return { y: y!, m: m!, d: d!, time: zagrebTime(at) };
};

/** dd.mm.yyyyThh:mm:ss, the DatumVrijeme type of the service. */
export function fiscalDateTime(at: Date): string {
  const p = zagrebParts(at);
  return `${p.d}.${p.m}.${p.y}T${p.time}`;
}

/** The text the ZKI signs: OIB, date and time (dd.MM.yyyy HH:mm:ss), number, premises, device, total. */
export function securityCodeData(input: SecurityCodeInput): string {
  return `${input.oib}${input.issuedAt}${input.sequence}${input.premises}${input.device}${input.total}`;
}

export function securityCodeInputOf(invoice: Invoice): SecurityCodeInput {
  const p = zagrebParts(invoice.issuedAt);
  return {
    oib: invoice.seller.oib,
    issuedAt: `${p.d}.${p.m}.${p.y} ${p.time}`,
    sequence: String(invoice.sequence),
    premises: invoice.premises,
    device: invoice.device,
    total: amount(invoice.grossCents),
  };
}

export function isSecurityCode(value: string): boolean {
  return /^[a-f0-9]{32}$/u.test(value);
}

export function isJir(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(value);
}

/**
 * The request data of an issued invoice. A credit note is a storno: its amounts are negative (as its lines are).
 * Standard-rated VAT
 * goes per rate; exempt and zero-rated lines are reported as exempt (IznosOslobPdv).
 */
export function fiscalBillOf(invoice: Invoice, input: { vatRegistered: boolean; securityCode: string; subsequent: boolean }): FiscalBill {
  const vat = invoice.vatGroups.filter((g) => g.category === 'S' && g.ratePercent > 0).map((g) => ({ rate: `${g.ratePercent}.00`, base: amount(g.netCents), amount: amount(g.vatCents) }));
  const exemptCents = invoice.vatGroups.filter((g) => g.category !== 'S' || g.ratePercent === 0).reduce((sum, g) => sum + g.netCents, 0);
  return {
    oib: invoice.seller.oib,
    vatRegistered: input.vatRegistered,
    issuedAt: fiscalDateTime(invoice.issuedAt),
    sequenceMark: 'N',
    number: { sequence: String(invoice.sequence), premises: invoice.premises, device: invoice.device },
    vat,
    exempt: exemptCents ? amount(exemptCents) : null,
    total: amount(invoice.grossCents),
    // Every invoice of the portal is paid by bank transfer to the seller's account.
    paymentMethod: 'T',
    operatorOib: invoice.operator?.oib ?? invoice.seller.oib,
    securityCode: input.securityCode,
    subsequent: input.subsequent,
  };
}

/**
 * The verification link printed as a QR code (spec 2.7): the JIR when there is one, else the ZKI; the issue time as
 * yyyyMMdd_HHmm; the total in cents without separators or leading zeros (negative for a storno).
 */
export function verificationUrl(invoice: Invoice, codes: { jir: string | null; zki: string }): string {
  const p = zagrebParts(invoice.issuedAt);
  const cents = invoice.grossCents;
  const id = codes.jir ? `jir=${codes.jir}` : `zki=${codes.zki}`;
  return `https://porezna.gov.hr/rn?${id}&datv=${p.y}${p.m}${p.d}_${p.time.slice(0, 2)}${p.time.slice(3, 5)}&izn=${cents}`;
}
