import type { EInvoice } from '../../domain/billing/einvoice.js';

/** Writes an eRačun as the file that is archived and exchanged (UBL 2.1 XML in production). */
export interface EInvoiceWriter {
  readonly mediaType: string;
  write(document: EInvoice): Uint8Array;
}
