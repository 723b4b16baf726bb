/**
 * An eRačun on its way through the information intermediary: queued at issue, sent once, then delivered, or
 * rejected by the buyer (a task for staff, answered with a credit note), or refused by the intermediary.
 */
export const DISPATCH_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'rejected', 'refused', 'undeliverable'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export const DISPATCH_CLAIM_STALE_MS = 5 * 60_000;

export class EInvoiceDispatch {
  invoiceId!: string;
  /** The intermediary that carries it (moj-eracun); the port leaves room for others. */
  intermediary!: string;
  status!: DispatchStatus;
  /** The intermediary's id of the document (ElectronicId). */
  documentId!: string | null;
  attempts!: number;
  lastError!: string | null;
  rejectionReason!: string | null;
  createdAt!: Date;
  claimedAt!: Date | null;
  sentAt!: Date | null;
  deliveredAt!: Date | null;
  rejectedAt!: Date | null;
  updatedAt!: Date;

  static queue(input: { invoiceId: string; intermediary: string; now: Date }): EInvoiceDispatch {
    const dispatch = new EInvoiceDispatch();
    Object.assign(dispatch, {
      invoiceId: input.invoiceId,
      intermediary: input.intermediary,
      status: 'queued',
      documentId: null,
      attempts: 0,
      lastError: null,
      rejectionReason: null,
      createdAt: input.now,
      claimedAt: null,
      sentAt: null,
      deliveredAt: null,
      rejectedAt: null,
      updatedAt: input.now,
    });
    return dispatch;
  }

  /** Still travelling: its status may change at the intermediary. */
  isOpen(): boolean {
    return this.status === 'sent';
  }
}
