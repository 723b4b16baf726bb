import type { Invoice } from '../../domain/billing/invoice.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { BillingSettings } from '../shared/settings.js';

/** What a fiscalized invoice prints: the ZKI, the JIR once it came, and the verification link as a QR code. */
export interface FiscalMarks {
  readonly zki: string;
  readonly jir: string | null;
  readonly verificationUrl: string;
}

/** Printable documents: PDFs of quotes and invoices, with the HUB-3 payment barcode where money is owed. */
export interface DocumentRenderer {
  invoicePdf(invoice: Invoice, billing: BillingSettings, fiscal?: FiscalMarks | null): Promise<Uint8Array>;
  quotePdf(quote: Quote, buyer: ClientAccount, billing: BillingSettings): Promise<Uint8Array>;
}
