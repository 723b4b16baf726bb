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
  quoteJson: (detail: ReadDetail, alias: string) => (detail === 'full' ? `row_to_json(${alias})` : jsonOf(QuoteSchema, QUOTE_SUMMARY, alias)),
  invoiceJson: (detail: ReadDetail, alias: string) => (detail === 'full' ? `row_to_json(${alias})` : jsonOf(InvoiceSchema, INVOICE_SUMMARY, alias)),
  quote: <D extends ReadDetail>(detail: D) => (detail === 'full' ? toQuote : toQuoteSummary) as (row: Json) => QuoteRead<D>,
  invoice: <D extends ReadDetail>(detail: D) => (detail === 'full' ? toInvoice : toInvoiceSummary) as (row: Json) => InvoiceRead<D>,
} as const;

/** A read model's statement in both details, named apart (`<name>` whole, `<name>-summary`), each prepared once. */
export function statementsByDetail(name: string, sql: (detail: ReadDetail) => string): Record<ReadDetail, { name: string; sql: string }> {
  return { full: { name, sql: sql('full') }, summary: { name: `${name}-summary`, sql: sql('summary') } };
}
