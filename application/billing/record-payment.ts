import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { MAX_AMOUNT_CENTS } from '../../domain/billing/money.js';
import { Payment } from '../../domain/billing/payment.js';
import { parseReference } from '../../domain/billing/payment-reference.js';
import { fail, Forbidden, InvalidInput, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invoiceIssuedMail } from '../mail/billing-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { issueInvoice, linesOfQuote, operatorFor } from './issue-invoice.js';
import { queuePaymentReport } from '../fiscal/report-payment.js';
import { raiseEvent } from '../integrations/webhook-events.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';
import { pageRequest, type Paging } from '../shared/paging.js';

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
  /** A key the client chose: the same request sent again books nothing new; another request with it is refused. */
  readonly idempotencyKey?: string | null;
}

export interface RecordedPayment {
  readonly payment: Payment;
  readonly invoice: Invoice | null;
  /** True when this bank transaction had been recorded before: nothing new was booked. */
  readonly duplicate: boolean;
}

type BookingDeps = Pick<Services, 'clock' | 'ids' | 'secrets' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer' | 'exchange'>;

/** A payment as checked: trimmed transaction id, whole cents, a date not in the future, the reference normalised. */
export interface CheckedPayment {
  readonly transaction: string;
  readonly amountCents: number;
  readonly receivedOn: Date;
  readonly reference: string | null;
  readonly rawReference: string;
  readonly payerName: string;
}

/** The rules every payment entered or imported obeys; the failure names the field. */
export function checkPayment(input: PaymentInput, now: Date): Result<CheckedPayment, DomainFailure> {
  const transaction = input.bankTransactionId.trim();
  const problems = new Problems();
  problems.check(/^[\w./:-]{1,100}$/u.test(transaction), 'payment.transaction', 'bankTransactionId');
  problems.check(Number.isInteger(input.amountCents) && input.amountCents > 0 && input.amountCents <= MAX_AMOUNT_CENTS, 'payment.amount', 'amountCents');
  const receivedOn = /^\d{4}-\d{2}-\d{2}$/u.test(input.receivedOn) ? new Date(`${input.receivedOn}T00:00:00Z`) : null;
  problems.check(!!receivedOn && !Number.isNaN(receivedOn.getTime()) && receivedOn.getTime() <= now.getTime() + 86_400_000, 'payment.date', 'receivedOn');
  const invalid = problems.failure();
  if (invalid || !receivedOn) return fail(invalid ?? new InvalidInput('payment.date', 'receivedOn'));
  return ok({ transaction, amountCents: input.amountCents, receivedOn, reference: parseReference(input.reference), rawReference: input.reference, payerName: input.payerName });
}

/**
 * Books one checked payment inside the caller's transaction: the one place of the rules of money received. One bank
 * transaction is one payment, however often it is entered or imported; the reference finds the document (an open
 * quote is accepted and invoiced first); the collected part of an eRačun is queued for eIzvještavanje.
 */
export async function bookPayment(scope: TransactionScope, deps: BookingDeps, actor: Extract<Actor, { kind: 'staff' }>, checked: CheckedPayment, meta: RequestMeta): Promise<RecordedPayment> {
  const { transaction, reference } = checked;
  // Entered twice at once (two staff, a retried request): the second waits here and finds the first.
  await scope.payments.lockBankTransaction(transaction);
  const earlier = await scope.payments.findByBankTransaction(transaction);
  if (earlier) return { payment: earlier, invoice: earlier.invoiceId ? await scope.invoices.findById(earlier.invoiceId) : null, duplicate: true };
  const payment = Payment.record({ id: deps.ids.newId(), bankTransactionId: transaction, amountCents: checked.amountCents, receivedOn: checked.receivedOn, reference: reference ?? checked.rawReference.trim().slice(0, 40), payerName: checked.payerName.trim().slice(0, 200), recordedByStaffId: actor.staffId, now: deps.clock.now() });
  let invoice = reference ? await scope.invoices.findByReference(reference) : null;
  let issued = false;
  if (!invoice && reference) {
    const quote = await scope.quotes.findByReference(reference);
    const account = quote?.status === 'open' ? await scope.accounts.findById(quote.accountId) : null;
    if (quote && account) {
      quote.accept();
      await scope.quotes.save(quote);
      const operator = await operatorFor(scope, actor, deps.settings.billing.operator);
      invoice = await issueInvoice(scope, deps, { account, lines: await linesOfQuote(scope, quote, account), quoteId: quote.id, process: quote.renewalId ? 'P2' : 'P1', operator });
      issued = true;
      if (quote.renewalId) await renewItem(scope, deps, quote.renewalId, deps.clock.now());
    }
  }
  let collectedCents = 0;
  if (invoice) {
    collectedCents = invoice.kind === 'invoice' ? Math.min(payment.amountCents, Math.max(0, invoice.balanceCents())) : 0;
    const wasPaid = invoice.paymentState() === 'paid' || invoice.paymentState() === 'overpaid';
    invoice.recordPayment(payment.amountCents);
    await scope.invoices.savePayment(invoice);
    payment.matchTo(invoice.id);
    if (!wasPaid && (invoice.paymentState() === 'paid' || invoice.paymentState() === 'overpaid')) {
      await raiseEvent(scope, deps, { type: 'invoice.paid', accountId: invoice.accountId, data: { invoiceId: invoice.id, number: invoice.number, paidCents: invoice.paidCents } });
    }
  }
  await scope.payments.add(payment);
  if (invoice && collectedCents > 0) await queuePaymentReport(scope, deps, invoice, payment, collectedCents);
  if (invoice && issued) {
    const account = await scope.accounts.findById(invoice.accountId);
    if (account) {
      const issuedInvoice = invoice;
      await mailAccount(scope, deps, {
        account,
        topic: 'billing',
        compose: (locale) => invoiceIssuedMail[locale]({ name: account.name, product: deps.settings.productName, number: issuedInvoice.number, grossCents: issuedInvoice.grossCents, balanceCents: issuedInvoice.balanceCents(), credit: false, link: `${deps.settings.appUrl}/accounts/${account.id}/invoices/${issuedInvoice.id}` }),
      });
    }
  }
  await audit(scope, deps, meta, {
    action: 'staff.payment_recorded',
    actorKind: 'staff',
    actorId: actor.staffId,
    accountId: invoice?.accountId ?? null,
    details: { transaction, amountCents: payment.amountCents, invoice: invoice?.number ?? null, state: invoice?.paymentState() ?? 'unmatched' },
  });
  return { payment, invoice, duplicate: false };
}

/**
 * Staff book money received, one payment at a time (bank statements come in through ImportBankStatement, which books
 * each of its entries the same way in one transaction).
 */
export class RecordPayment {
  constructor(private readonly deps: Pick<Services, 'uow' | 'tokens'> & BookingDeps) {}

  async execute(actor: Actor, input: PaymentInput, meta: RequestMeta): Promise<Result<RecordedPayment, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const checked = checkPayment(input, this.deps.clock.now());
    if (!checked.ok) return checked;
    const key = checkIdempotencyKey(input.idempotencyKey);
    if (!key.ok) return key;
    const claim = { scope: 'payments', key: key.value, request: { ...input, idempotencyKey: undefined } };
    return this.deps.uow.run(async (scope) => {
      // A repeat with its key finds the payment by its bank transaction (duplicate); another body with the key is refused.
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      const booked = await bookPayment(scope, this.deps, actor, checked.value, meta);
      await keepIdempotencyKey(scope, claim, booked.payment.id);
      return ok(booked);
    });
  }

  async list(actor: Actor, filter: 'all' | 'unmatched', after: string | null | Paging): Promise<Result<Page<Payment>, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.backOffice.payments(filter, pageRequest(after, 50))));
  }
}
