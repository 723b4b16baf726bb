import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Quote } from '../../domain/billing/quote.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { InvoiceFilter, Page, QuoteFilter } from '../ports/repositories.js';
import type { BillingSettings, Services } from '../shared/services.js';

/** Quotes and invoices of an account, for members with the quotes or invoices right. */
export class AccountBilling {
  constructor(private readonly deps: Pick<Services, 'uow' | 'settings' | 'documents'>) {}

  get billing(): BillingSettings {
    return this.deps.settings.billing;
  }

  async quotes(actor: Actor, accountId: string, after: string | null, filter: QuoteFilter = 'all'): Promise<Result<Page<Quote>, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.quotes.listForAccount(accountId, filter, { after, limit: 25 })));
  }

  async quote(actor: Actor, accountId: string, quoteId: string): Promise<Result<Quote, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const quote = await this.deps.uow.run((scope) => scope.quotes.findById(quoteId));
    if (!quote || quote.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(quote);
  }

  async invoices(actor: Actor, accountId: string, filter: InvoiceFilter, after: string | null): Promise<Result<Page<Invoice>, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.invoices.listForAccount(accountId, filter, { after, limit: 25 })));
  }

  async invoicePdf(actor: Actor, accountId: string, invoiceId: string): Promise<Result<{ fileName: string; bytes: Uint8Array }, DomainFailure>> {
    const invoice = await this.invoice(actor, accountId, invoiceId);
    if (!invoice.ok) return invoice;
    return ok({ fileName: `${invoice.value.kind === 'credit_note' ? 'odobrenje' : 'racun'}-${invoice.value.number.replace(/\//gu, '-')}.pdf`, bytes: await this.deps.documents.invoicePdf(invoice.value, this.billing) });
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
