import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { channelOf, type InvoiceChannel } from '../../domain/fiscal/channel.js';
import { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import { securityCodeInputOf } from '../../domain/fiscal/fiscal-bill.js';
import { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';

/**
 * At issue, in the issuing transaction: the buyer's classification picks the channel. A consumer's invoice gets its
 * ZKI now and a job that fiscalizes it; an eRačun gets a dispatch and a job that sends it. Both jobs commit with the
 * invoice, so neither is lost nor done for an invoice that was rolled back.
 */
export async function routeIssuedInvoice(scope: TransactionScope, deps: Pick<Services, 'clock' | 'fiscalizer' | 'exchange'>, invoice: Invoice, account: Pick<ClientAccount, 'einvoiceRequested'>): Promise<InvoiceChannel> {
  const channel = channelOf(invoice.buyer.buyerClass, { einvoiceRequested: account.einvoiceRequested ?? false });
  const now = deps.clock.now();
  if (channel.fiscalize) {
    const securityCode = deps.fiscalizer.securityCode(securityCodeInputOf(invoice));
    await scope.fiscal.add(FiscalRecord.open({ invoiceId: invoice.id, securityCode, now }));
    await scope.jobs.enqueue('fiscal.invoice', { invoiceId: invoice.id });
  }
  if (channel.einvoice) {
    await scope.dispatches.add(EInvoiceDispatch.queue({ invoiceId: invoice.id, intermediary: deps.exchange.name, now }));
    await scope.jobs.enqueue('einvoice.send', { invoiceId: invoice.id });
  }
  return channel;
}
