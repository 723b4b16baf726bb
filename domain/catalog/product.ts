import { isKpdCode, type UnitCode } from '../billing/line-classification.js';
import type { Locale } from '../identity/locale.js';

export const PRODUCT_KINDS = ['hosting', 'mailbox', 'ssl', 'domain'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** Something the company sells by the period, at a net price in euro cents. */
export class Product {
  id!: string;
  code!: string;
  kind!: ProductKind;
  nameHr!: string;
  nameEn!: string;
  descriptionHr!: string;
  descriptionEn!: string;
  periodMonths!: number;
  priceCents!: number;
  vatRatePercent!: number;
  /** For domains: the top-level domain the price is for (hr, com.hr, com, eu). */
  tld!: string | null;
  /** KPD 2025 classification printed on every invoice line of the product (eRačun BT-158, list CG). */
  kpdCode!: string;
  /** Unit of measure the price is for (UN/ECE Rec. 20): a year of a yearly subscription is ANN. */
  unitCode!: UnitCode;
  active!: boolean;
  sortOrder!: number;

  static define(input: Omit<Product, 'name' | 'description' | 'needsDomainName'>): Product {
    if (!Number.isInteger(input.priceCents) || input.priceCents < 0) throw new Error('price must be whole cents');
    if ((input.kind === 'domain') !== (input.tld !== null)) throw new Error('only domains have a tld');
    if (!isKpdCode(input.kpdCode)) throw new Error('a product needs its KPD 2025 code');
    return Object.assign(new Product(), input);
  }

  name(locale: Locale): string {
    return locale === 'en' ? this.nameEn : this.nameHr;
  }

  description(locale: Locale): string {
    return locale === 'en' ? this.descriptionEn : this.descriptionHr;
  }

  /** Hosting, mailboxes, certificates and domains all belong to a domain name. */
  needsDomainName(): boolean {
    return true;
  }
}
