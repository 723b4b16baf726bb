import { zagrebYear } from '../../domain/billing/calendar.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice, InvoiceSummary } from '../../domain/billing/invoice.js';
import type { Quote, QuoteSummary } from '../../domain/billing/quote.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { InvoiceFilter, Page, QuoteFilter } from '../ports/repositories.js';
import type { ArchivedKind } from '../ports/invoice-archive.js';
import type { BillingSettings, Services } from '../shared/services.js';
import { archivedFile, type DocumentFile } from './invoice-documents.js';
import { pageRequest, type Paging } from '../shared/paging.js';

/** Quotes and invoices of an account, for members with the quotes or invoices right. */
export class AccountBilling {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'settings' | 'documents' | 'einvoices'>) {}

  get billing(): BillingSettings {
    return this.deps.settings.billing;
  }

  async quotes(actor: Actor, accountId: string, after: string | null | Paging, filter: QuoteFilter = 'all'): Promise<Result<Page<Quote>, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.quotes(accountId, filter, pageRequest(after, 25))));
  }

  /** The same page as `quotes`, with only what a list shows of each quote (the quotes page). */
  async quoteSummaries(actor: Actor, accountId: string, after: string | null | Paging, filter: QuoteFilter = 'all'): Promise<Result<Page<QuoteSummary>, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.quoteSummaries(accountId, filter, pageRequest(after, 25))));
  }

  async quote(actor: Actor, accountId: string, quoteId: string): Promise<Result<Quote, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const quote = await this.deps.uow.read((scope) => scope.quotes.findById(quoteId));
    if (!quote || quote.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(quote);
  }

  async invoices(actor: Actor, accountId: string, filter: InvoiceFilter, after: string | null | Paging): Promise<Result<Page<Invoice>, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.invoices(accountId, filter, pageRequest(after, 25))));
  }

  /** The same page as `invoices`, with only what a list shows of each invoice (the invoices page). */
  async invoiceSummaries(actor: Actor, accountId: string, filter: InvoiceFilter, after: string | null | Paging): Promise<Result<Page<InvoiceSummary>, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.invoiceSummaries(accountId, filter, pageRequest(after, 25))));
  }

  /** The PDF as issued (with its payment barcode whatever has been paid since): the archived bytes. */
  async invoicePdf(actor: Actor, accountId: string, invoiceId: string): Promise<Result<DocumentFile, DomainFailure>> {
    return this.invoiceFile(actor, accountId, invoiceId, 'pdf');
  }

  /** The eRačun (UBL 2.1) as issued: the archived bytes, under the same rights as the PDF. */
  async invoiceUbl(actor: Actor, accountId: string, invoiceId: string): Promise<Result<DocumentFile, DomainFailure>> {
    return this.invoiceFile(actor, accountId, invoiceId, 'ubl');
  }

  private async invoiceFile(actor: Actor, accountId: string, invoiceId: string, kind: ArchivedKind): Promise<Result<DocumentFile, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice || invoice.accountId !== accountId) return fail(new NotFound('not_found'));
      return ok(await archivedFile(scope, this.deps, invoice, kind));
    });
  }

  /**
   * Every invoice and credit note of one (Zagreb) year, each as its archived PDF and eRačun: the bytes as issued,
   * under the same right as one download. Walks the year a page at a time; refused for a year without invoices.
   */
  async invoicesOfYear(actor: Actor, accountId: string, year: number): Promise<Result<{ fileName: string; files: DocumentFile[] }, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const now = this.deps.clock.now();
    if (!Number.isInteger(year) || year < 2000 || year > zagrebYear(now)) return fail(new NotFound('invoice.none_in_year'));
    return this.deps.uow.run(async (scope) => {
      const files: DocumentFile[] = [];
      let after: string | null = null;
      for (;;) {
        const found: Page<Invoice> = await scope.invoices.listForAccount(accountId, 'all', { after, limit: 100 });
        for (const invoice of found.items) {
          if (zagrebYear(invoice.issuedAt) !== year) continue;
          files.push(await archivedFile(scope, this.deps, invoice, 'pdf'), await archivedFile(scope, this.deps, invoice, 'ubl'));
        }
        const last = found.items[found.items.length - 1];
        // Newest first: once a page reaches the year before, the rest is older still.
        if (!found.next || !last || zagrebYear(last.issuedAt) < year) break;
        after = found.next;
      }
      if (!files.length) return fail(new NotFound('invoice.none_in_year'));
      return ok({ fileName: `racuni-${year}.zip`, files });
    });
  }

  async quotePdf(actor: Actor, accountId: string, quoteId: string): Promise<Result<{ fileName: string; bytes: Uint8Array }, DomainFailure>> {
    const quote = await this.quote(actor, accountId, quoteId);
    if (!quote.ok) return quote;
    const account = await this.deps.uow.run((scope) => scope.accounts.findById(accountId));
    if (!account) return fail(new NotFound('not_found'));
    return ok({ fileName: `ponuda-${quote.value.number}.pdf`, bytes: await this.deps.documents.quotePdf(quote.value, account, this.billing) });
  }

  async invoice(actor: Actor, accountId: string, invoiceId: string): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const invoice = await this.deps.uow.run((scope) => scope.invoices.findById(invoiceId));
    if (!invoice || invoice.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(invoice);
  }
}
