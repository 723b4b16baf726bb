import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Quote } from '../../domain/billing/quote.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { InvoiceFilter, Page } from '../ports/repositories.js';
import type { BillingSettings, Services } from '../shared/services.js';

/** Quotes and invoices of an account, for members with the quotes or invoices right. */
export class AccountBilling {
  constructor(private readonly deps: Pick<Services, 'uow' | 'settings'>) {}

  get billing(): BillingSettings {
    return this.deps.settings.billing;
  }

  async quotes(actor: Actor, accountId: string, after: string | null): Promise<Result<Page<Quote>, DomainFailure>> {
    if (!can(actor, { type: 'quotes.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.quotes.listForAccount(accountId, { after, limit: 25 })));
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

  async invoice(actor: Actor, accountId: string, invoiceId: string): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const invoice = await this.deps.uow.run((scope) => scope.invoices.findById(invoiceId));
    if (!invoice || invoice.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(invoice);
  }
}
