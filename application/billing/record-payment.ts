import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { MAX_AMOUNT_CENTS } from '../../domain/billing/money.js';
import { Payment } from '../../domain/billing/payment.js';
import { parseReference } from '../../domain/billing/payment-reference.js';
import { fail, Forbidden, InvalidInput, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invoiceIssuedMail } from '../mail/billing-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { issueInvoice, linesOfQuote, operatorFor } from './issue-invoice.js';
import { pageRequest, type Paging } from '../shared/paging.js';
import { raiseEvent } from '../integrations/webhook-events.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';

/** A paid renewal quote: the item runs on for another period from its old expiry, switched back on if suspended. */
async function renewItem(scope: TransactionScope, deps: Pick<Services, 'ids' | 'clock'>, renewalId: string, now: Date): Promise<void> {
  const renewal = await scope.renewals.findById(renewalId);
  if (!renewal || !renewal.isOpen() || renewal.stage === 'cancelled') return;
  if (!(await scope.renewals.advance(renewal.id, renewal.stage, 'renewed', now))) return;
  if (renewal.itemKind === 'service') {
    const service = await scope.services.findById(renewal.itemId);
    if (service && service.status !== 'cancelled') {
      service.renew(renewal.periodEnd);
      await scope.services.save(service);
      await raiseEvent(scope, deps, { type: 'service.renewed', accountId: service.accountId, data: { serviceId: service.id, expiresAt: service.expiresAt.toISOString() } });
    }
  } else {
    const domain = await scope.domains.findById(renewal.itemId);
    if (domain && domain.status !== 'cancelled') {
      domain.renew(renewal.periodEnd);
      await scope.domains.save(domain);
    }
  }
}

export interface PaymentInput {
  readonly bankTransactionId: string;
  readonly amountCents: number;
  readonly receivedOn: string;
  readonly reference: string;
  readonly payerName: string;
  readonly idempotencyKey?: string | null;
}

export interface RecordedPayment {
  readonly payment: Payment;
  readonly invoice: Invoice | null;
  /** True when this bank transaction had been recorded before: nothing new was booked. */
  readonly duplicate: boolean;
}

/**
 * Staff book money received. One bank transaction is one payment, however often it is entered. The
 * reference finds the document: an invoice gets the amount; an open quote is accepted and invoiced first.
 */
export class RecordPayment {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings' | 'documents' | 'einvoices'>) {}

  async execute(actor: Actor, input: PaymentInput, meta: RequestMeta): Promise<Result<RecordedPayment, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const transaction = input.bankTransactionId.trim();
    if (!/^[\w./:-]{1,100}$/u.test(transaction)) return fail(new InvalidInput('payment.transaction', 'bankTransactionId'));
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > MAX_AMOUNT_CENTS) return fail(new InvalidInput('payment.amount', 'amountCents'));
    const receivedOn = /^\d{4}-\d{2}-\d{2}$/u.test(input.receivedOn) ? new Date(`${input.receivedOn}T00:00:00Z`) : null;
    if (!receivedOn || Number.isNaN(receivedOn.getTime()) || receivedOn.getTime() > this.deps.clock.now().getTime() + 86_400_000) return fail(new InvalidInput('payment.date', 'receivedOn'));
    const reference = parseReference(input.reference);

    const key = checkIdempotencyKey(input.idempotencyKey);
    if (!key.ok) return key;
    const claim = { scope: 'payments', key: key.value, request: { ...input, idempotencyKey: undefined } };
    return this.deps.uow.run(async (scope) => {
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      // Entered twice at once (two staff, a retried request): the second waits here and finds the first.
      await scope.payments.lockBankTransaction(transaction);
      const earlier = await scope.payments.findByBankTransaction(transaction);
      if (earlier) return ok({ payment: earlier, invoice: earlier.invoiceId ? await scope.invoices.findById(earlier.invoiceId) : null, duplicate: true });
      const payment = Payment.record({ id: this.deps.ids.newId(), bankTransactionId: transaction, amountCents: input.amountCents, receivedOn, reference: reference ?? input.reference.trim().slice(0, 40), payerName: input.payerName.trim().slice(0, 200), recordedByStaffId: actor.staffId, now: this.deps.clock.now() });
      let invoice = reference ? await scope.invoices.findByReference(reference) : null;
      let issued = false;
      if (!invoice && reference) {
        const quote = await scope.quotes.findByReference(reference);
        const account = quote?.status === 'open' ? await scope.accounts.findById(quote.accountId) : null;
        if (quote && account) {
          quote.accept();
          await scope.quotes.save(quote);
          const operator = await operatorFor(scope, actor, this.deps.settings.billing.operator);
          invoice = await issueInvoice(scope, this.deps, { account, lines: await linesOfQuote(scope, quote, account), quoteId: quote.id, process: quote.renewalId ? 'P2' : 'P1', operator });
          issued = true;
          if (quote.renewalId) await renewItem(scope, this.deps, quote.renewalId, this.deps.clock.now());
        }
      }
      if (invoice) {
        const wasPaid = invoice.paymentState() === 'paid' || invoice.paymentState() === 'overpaid';
        invoice.recordPayment(payment.amountCents);
        await scope.invoices.savePayment(invoice);
        payment.matchTo(invoice.id);
        if (!wasPaid && (invoice.paymentState() === 'paid' || invoice.paymentState() === 'overpaid')) {
          await raiseEvent(scope, this.deps, { type: 'invoice.paid', accountId: invoice.accountId, data: { invoiceId: invoice.id, number: invoice.number, paidCents: invoice.paidCents } });
        }
      }
      await scope.payments.add(payment);
      await keepIdempotencyKey(scope, claim, payment.id);
      if (invoice && issued) {
        const account = await scope.accounts.findById(invoice.accountId);
        if (account) {
          await mailAccount(scope, this.deps, {
            account,
            topic: 'billing',
            compose: (locale) => invoiceIssuedMail[locale]({ name: account.name, product: this.deps.settings.productName, number: invoice.number, grossCents: invoice.grossCents, balanceCents: invoice.balanceCents(), credit: false, link: `${this.deps.settings.appUrl}/accounts/${account.id}/invoices/${invoice.id}` }),
          });
        }
      }
      await audit(scope, this.deps, meta, {
        action: 'staff.payment_recorded',
        actorKind: 'staff',
        actorId: actor.staffId,
        accountId: invoice?.accountId ?? null,
        details: { transaction, amountCents: payment.amountCents, invoice: invoice?.number ?? null, state: invoice?.paymentState() ?? 'unmatched' },
      });
      return ok({ payment, invoice, duplicate: false });
    });
  }

  async list(actor: Actor, filter: 'all' | 'unmatched', after: string | null | Paging): Promise<Result<Page<Payment>, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.payments.list(filter, pageRequest(after, 50))));
  }
}
