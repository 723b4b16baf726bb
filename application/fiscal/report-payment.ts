import type { Invoice } from '../../domain/billing/invoice.js';
import type { Payment } from '../../domain/billing/payment.js';
import { PaymentReport, REPORT_CLAIM_STALE_MS } from '../../domain/fiscal/payment-report.js';
import { ServiceUnavailable } from '../ports/fiscalizer.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';

/**
 * With a payment booked on an eRačun (an invoice that went through the intermediary), its report is queued in the
 * same transaction: the amount collected on that invoice, once per payment.
 */
export async function queuePaymentReport(scope: TransactionScope, deps: Pick<Services, 'clock'>, invoice: Invoice, payment: Payment, collectedCents: number): Promise<void> {
  if (!(await scope.dispatches.findByInvoice(invoice.id))) return;
  await scope.paymentReports.add(PaymentReport.queue({ paymentId: payment.id, invoiceId: invoice.id, amountCents: collectedCents, paidOn: payment.receivedOn.toISOString().slice(0, 10), now: deps.clock.now() }));
  await scope.jobs.enqueue('einvoice.report_payment', { paymentId: payment.id });
}

/**
 * The job of eIzvještavanje: reports one payment (EvidentirajNaplatu) until the Tax Administration accepts it, and
 * keeps its answer. A report is claimed before it is sent, so two runs never send it at once, and an accepted one
 * is never sent again.
 */
export class ReportPayment {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'paymentReporter'>) {}

  async execute(paymentId: string): Promise<'accepted' | 'nothing'> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.uow.run(async (scope) => {
      // The Tax Administration knows an eRačun once the intermediary has it: until then the report waits, and the
      // send job queues it again when the eRačun is sent.
      const waiting = await scope.paymentReports.findByPayment(paymentId);
      const dispatch = waiting ? await scope.dispatches.findByInvoice(waiting.invoiceId) : null;
      if (dispatch && (dispatch.status === 'queued' || dispatch.status === 'sending')) return 'later' as const;
      const report = await scope.paymentReports.claim(paymentId, now, new Date(now.getTime() - REPORT_CLAIM_STALE_MS));
      if (!report) return null;
      const invoice = await scope.invoices.findById(report.invoiceId);
      if (!invoice) throw new Error(`payment report ${paymentId} names no invoice`);
      return { report, invoice };
    });
    if (claimed === 'later') return 'nothing';
    if (!claimed) {
      const report = await this.deps.uow.run((scope) => scope.paymentReports.findByPayment(paymentId));
      if (report?.status === 'sending') throw new Error(`payment ${paymentId} is being reported by another worker`);
      return 'nothing';
    }
    const { report, invoice } = claimed;
    const save = (change: (r: typeof report) => void) =>
      this.deps.uow.run(async (scope) => {
        change(report);
        await scope.paymentReports.save(report);
      });
    try {
      const outcome = await this.deps.paymentReporter.reportPayment({
        invoiceNumber: invoice.number,
        issueDate: invoice.issueDate(),
        sellerOib: invoice.seller.oib,
        buyerOib: invoice.buyer.oib,
        paidOn: report.paidOn,
        amountCents: report.amountCents,
        method: 'T',
      });
      if (outcome.kind === 'accepted') {
        await save((r) => Object.assign(r, { status: 'accepted', requestId: outcome.requestId, answer: outcome.answer, lastError: null, reportedAt: this.deps.clock.now(), claimedAt: null }));
        return 'accepted';
      }
      const reason = outcome.errors.map((e) => `${e.code} ${e.message}`).join('; ').slice(0, 1000);
      await save((r) => Object.assign(r, { status: 'refused', lastError: reason, answer: outcome.answer, claimedAt: null }));
      // Refused (the eRačun not recorded yet, a certificate to renew): tried again until it is accepted.
      throw new Error(`payment report refused: ${reason}`);
    } catch (error) {
      if (error instanceof ServiceUnavailable) await save((r) => Object.assign(r, { status: 'pending', lastError: error.message.slice(0, 1000), claimedAt: null }));
      throw error;
    }
  }
}
