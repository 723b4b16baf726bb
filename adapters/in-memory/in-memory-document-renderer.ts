import type { DocumentRenderer, FiscalMarks } from '../../application/ports/document-renderer.js';
import type { BillingSettings } from '../../application/shared/services.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Quote } from '../../domain/billing/quote.js';

/** A stand-in that returns a tiny PDF-looking file naming the document, for fast tests of the flows around it. */
export class InMemoryDocumentRenderer implements DocumentRenderer {
  async invoicePdf(invoice: Invoice, billing: BillingSettings, fiscal?: FiscalMarks | null): Promise<Uint8Array> {
    const marks = fiscal ? `\n% ZKI ${fiscal.zki} JIR ${fiscal.jir ?? '-'} QR ${fiscal.verificationUrl}` : '';
    return new TextEncoder().encode(`%PDF-1.4\n% invoice ${invoice.number} ${billing.iban}${marks}\n%%EOF\n`);
  }
  async quotePdf(quote: Quote, buyer: ClientAccount, billing: BillingSettings): Promise<Uint8Array> {
    return new TextEncoder().encode(`%PDF-1.4\n% quote ${quote.number} ${buyer.oib} ${billing.iban}\n%%EOF\n`);
  }
}
