import type { InvoiceRead, QuoteRead, ReadDetail } from '../../application/ports/portal-reads.js';
import { INVOICE_SUMMARY } from '../../domain/billing/invoice.js';
import { QUOTE_SUMMARY } from '../../domain/billing/quote.js';
import { columnsOf, jsonOf, rowMapper, summaryMapper } from './row-mapper.js';
import { InvoiceSchema, QuoteSchema } from './schemas.js';
import type { Json } from './sql-keyset.js';

const toQuote = rowMapper(QuoteSchema);
const toInvoice = rowMapper(InvoiceSchema);
const toQuoteSummary = summaryMapper(QuoteSchema, QUOTE_SUMMARY);
const toInvoiceSummary = summaryMapper(InvoiceSchema, INVOICE_SUMMARY);

/**
 * Quotes and invoices as the read models read them, whole or as a list shows them (ReadDetail): the summary's columns
 * for a plain list (its order and cursor, issued_at and id, among them), the JSON of one row inside a larger
 * statement, and the mapping back.
 */
export const billingRead = {
  quoteSummaryColumns: columnsOf(QuoteSchema, QUOTE_SUMMARY),
  invoiceSummaryColumns: columnsOf(InvoiceSchema, INVOICE_SUMMARY),
  quoteJson: (alias: string): Record<ReadDetail, string> => ({ full: `row_to_json(${alias})`, summary: jsonOf(QuoteSchema, QUOTE_SUMMARY, alias) }),
  invoiceJson: (alias: string): Record<ReadDetail, string> => ({ full: `row_to_json(${alias})`, summary: jsonOf(InvoiceSchema, INVOICE_SUMMARY, alias) }),
  quote: <D extends ReadDetail>(detail: D) => (detail === 'full' ? toQuote : toQuoteSummary) as (row: Json) => QuoteRead<D>,
  invoice: <D extends ReadDetail>(detail: D) => (detail === 'full' ? toInvoice : toInvoiceSummary) as (row: Json) => InvoiceRead<D>,
} as const;
