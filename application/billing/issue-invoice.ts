import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { Invoice, type InvoiceKind, type InvoiceLine, type Party } from '../../domain/billing/invoice.js';
import { referenceFor } from '../../domain/billing/payment-reference.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';

export function buyerOf(account: ClientAccount): Party {
  return { name: account.name, oib: account.oib, street: account.street, postalCode: account.postalCode, city: account.city, country: account.country };
}

export function linesOfQuote(quote: Quote): InvoiceLine[] {
  return quote.lines.map((l) => ({ description: `${l.name} — ${l.domainName} (${l.periodMonths} mj.)`, unitPriceCents: l.unitPriceCents, quantity: l.quantity, vatRatePercent: l.vatRatePercent }));
}

/**
 * Takes the next number of the year for this premises and device inside the caller's transaction (the counter
 * row stays locked until commit, so concurrent issuers wait and no number is skipped) and issues the document.
 */
export async function issueInvoice(
  scope: TransactionScope,
  deps: Pick<Services, 'clock' | 'ids' | 'settings'>,
  input: { account: ClientAccount; lines: InvoiceLine[]; kind?: InvoiceKind; quoteId?: string | null; correctsInvoiceId?: string | null; dueDate?: Date },
): Promise<Invoice> {
  const { billing } = deps.settings;
  const now = deps.clock.now();
  const year = now.getUTCFullYear();
  const sequence = await scope.counters.next(`invoice:${billing.premises}:${billing.device}`, year);
  const invoice = Invoice.issue({
    id: deps.ids.newId(),
    kind: input.kind ?? 'invoice',
    year,
    sequence,
    premises: billing.premises,
    device: billing.device,
    accountId: input.account.id,
    quoteId: input.quoteId ?? null,
    correctsInvoiceId: input.correctsInvoiceId ?? null,
    now,
    deliveryDate: now,
    dueDate: input.dueDate ?? new Date(now.getTime() + billing.paymentTermDays * 86_400_000),
    seller: billing.seller,
    buyer: buyerOf(input.account),
    lines: input.lines,
    paymentReference: referenceFor('invoice', year, sequence),
  });
  await scope.invoices.add(invoice);
  return invoice;
}
