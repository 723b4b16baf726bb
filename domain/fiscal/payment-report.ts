/**
 * The report of one payment of an eRačun to the Tax Administration (eIzvještavanje, EvidentirajNaplatu): queued with
 * the payment, retried until accepted, the answer kept. One report per payment, sent by one sender at a time.
 */
export const REPORT_STATUSES = ['pending', 'sending', 'accepted', 'refused'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_CLAIM_STALE_MS = 2 * 60_000;

export class PaymentReport {
  paymentId!: string;
  invoiceId!: string;
  /** The amount collected on this invoice (the part of an overpayment beyond it is not a collection of it). */
  amountCents!: number;
  paidOn!: string;
  status!: ReportStatus;
  attempts!: number;
  lastError!: string | null;
  /** The service's id of the accepted request, and its answer as received. */
  requestId!: string | null;
  answer!: string | null;
  createdAt!: Date;
  claimedAt!: Date | null;
  reportedAt!: Date | null;

  static queue(input: { paymentId: string; invoiceId: string; amountCents: number; paidOn: string; now: Date }): PaymentReport {
    const report = new PaymentReport();
    Object.assign(report, { ...input, status: 'pending', attempts: 0, lastError: null, requestId: null, answer: null, createdAt: input.now, claimedAt: null, reportedAt: null });
    delete (report as unknown as { now?: Date }).now;
    return report;
  }
}
