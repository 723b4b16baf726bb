/**
 * VAT categories an invoice line can carry (EN 16931 BT-151, UNTDID 5305) with the Croatian label of table
 * HR-TB-2. Where no VAT is charged the line carries its legal reason, printed on the PDF and put in the eRačun.
 */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** Rates of Croatian VAT (standard 25 %, reduced 13 % and 5 %). */
export const STANDARD_RATES = [25, 13, 5] as const;

export interface VatExemption {
  /** VATEX code (CEF list) when there is one, e.g. VATEX-EU-AE. */
  readonly code: string | null;
  readonly text: string;
}

export interface LineVat {
  readonly category: VatCategory;
  readonly ratePercent: number;
  readonly exemption: VatExemption | null;
}

/** What staff choose for a line: a rate of Croatian VAT, zero rate or an exemption (both need the legal reason). */
export type VatChoice = 'S25' | 'S13' | 'S5' | 'Z' | 'E';
export const VAT_CHOICES: readonly VatChoice[] = ['S25', 'S13', 'S5', 'Z', 'E'];

export function hrVatName(vat: Pick<LineVat, 'category' | 'ratePercent'>): string {
  return vat.category === 'S' ? `HR:PDV${vat.ratePercent}` : `HR:${vat.category}`;
}

/** Art. 79 of the VAT act: where no VAT is charged the invoice says why; reverse charge says who pays it. */
export const REVERSE_CHARGE: VatExemption = {
  code: 'VATEX-EU-AE',
  text: 'Prijenos porezne obveze – PDV obračunava primatelj (čl. 17. st. 1. i čl. 79. st. 3. Zakona o PDV-u; reverse charge, čl. 196. Direktive 2006/112/EZ)',
};

/** A service to a business outside the EU is supplied where the buyer is established: not taxable in Croatia. */
export const OUTSIDE_EU_SERVICE: VatExemption = {
  code: null,
  text: 'Mjesto obavljanja usluge izvan RH – PDV se ne obračunava (čl. 17. st. 1. Zakona o PDV-u)',
};

/**
 * Who the buyer is for VAT and, later, for the channel of the invoice (eRačun, fiscalized B2C, abroad).
 * Asked on the order form by entity type; staff correct it.
 */
export const BUYER_CLASSES = ['vat_business', 'non_vat_business', 'public_body', 'consumer', 'foreign_eu', 'foreign_non_eu'] as const;
export type BuyerClass = (typeof BUYER_CLASSES)[number];

export interface BuyerTaxProfile {
  readonly buyerClass: BuyerClass;
  /** The buyer's VAT number with its country prefix (HR12345678903, DE123456789), when registered. */
  readonly vatNumber: string | null;
}

/** Member states by ISO 3166 code (Greece's VAT numbers start with EL). */
export const EU_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'] as const;

export function vatPrefixOf(country: string): string {
  return country === 'GR' ? 'EL' : country;
}

/** EU VAT numbers: two letters of the member state and 2–13 letters or digits. */
export function parseVatNumber(raw: string): string | null {
  const value = raw.replace(/[\s.-]+/gu, '').toUpperCase();
  return /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[A-Z0-9]{2,13}$/u.test(value) ? value : null;
}

/**
 * The VAT a line carries for this buyer: an EU business with a VAT number pays it itself (reverse charge); a
 * business outside the EU is not taxed here; everyone else gets the line's own Croatian treatment.
 */
export function vatForBuyer(buyer: BuyerTaxProfile, own: LineVat): LineVat {
  if (buyer.buyerClass === 'foreign_eu' && buyer.vatNumber) return { category: 'AE', ratePercent: 0, exemption: REVERSE_CHARGE };
  if (buyer.buyerClass === 'foreign_non_eu') return { category: 'E', ratePercent: 0, exemption: OUTSIDE_EU_SERVICE };
  return own;
}

/** The Croatian treatment of a staff choice; zero rate and exemption need the reason staff gave. */
export function vatOfChoice(choice: VatChoice, reason: string | null): LineVat | null {
  if (choice === 'S25' || choice === 'S13' || choice === 'S5') return { category: 'S', ratePercent: Number(choice.slice(1)), exemption: null };
  const text = (reason ?? '').replace(/\s+/gu, ' ').trim();
  if (text.length < 5 || text.length > 300) return null;
  return { category: choice, ratePercent: 0, exemption: { code: null, text } };
}

export function standardVat(ratePercent: number): LineVat {
  return { category: 'S', ratePercent, exemption: null };
}
