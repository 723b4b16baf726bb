import type { BuyerClass } from '../billing/vat.js';

/**
 * How an invoice reaches its buyer and the Tax Administration, by the buyer's classification at issue:
 * a VAT-registered business or a public body gets an eRačun through the information intermediary (which also
 * fiscalizes it); a consumer's invoice is fiscalized (ZKI and JIR) and goes as a PDF by mail; a business outside
 * the VAT system gets the eRačun (it must receive them) and the PDF; a foreign buyer gets the PDF, and the eRačun
 * only where it asked for one.
 */
export interface InvoiceChannel {
  readonly einvoice: boolean;
  readonly fiscalize: boolean;
}

export function channelOf(buyerClass: BuyerClass | undefined, options: { einvoiceRequested?: boolean } = {}): InvoiceChannel {
  switch (buyerClass) {
    case 'consumer':
      return { einvoice: false, fiscalize: true };
    case 'foreign_eu':
    case 'foreign_non_eu':
      return { einvoice: options.einvoiceRequested ?? false, fiscalize: false };
    case 'vat_business':
    case 'public_body':
    case 'non_vat_business':
    default:
      return { einvoice: true, fiscalize: false };
  }
}
