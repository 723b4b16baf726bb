import type { EInvoiceWriter } from '../../application/ports/einvoice-writer.js';
import type { EInvoice } from '../../domain/billing/einvoice.js';

/** A stand-in that keeps the eRačun as JSON, so fast tests can read back every business term it carries. */
export class InMemoryEInvoiceWriter implements EInvoiceWriter {
  readonly mediaType = 'application/json';
  write(document: EInvoice): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(document));
  }
}
