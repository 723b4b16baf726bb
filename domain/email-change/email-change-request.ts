import type { DocumentType } from './document.js';

export const CONFIRMATION_TTL_MS = 72 * 3_600_000;

/** `superseded`: closed without a decision because another request of the account was approved, or the owner asked again. */
export const EMAIL_CHANGE_STATUSES = ['awaiting_confirmation', 'awaiting_review', 'approved', 'rejected', 'cancelled', 'expired', 'superseded'] as const;
export type EmailChangeStatus = (typeof EMAIL_CHANGE_STATUSES)[number];
export type EmailChangeChannel = 'owner' | 'public';

/**
 * A request to change an account's email address, carried out only after three steps in this order: the new
 * address proves control by a link, staff in the verifier role check the document, and approve. The old address
 * can stop it at any time before the decision.
 */
export class EmailChangeRequest {
  id!: string;
  accountId!: string;
  oldEmail!: string;
  newEmail!: string;
  channel!: EmailChangeChannel;
  requestedByUserId!: string | null;
  status!: EmailChangeStatus;
  confirmTokenHash!: string | null;
  cancelTokenHash!: string | null;
  /** What was uploaded; the content itself is stored apart, sealed, and deleted after the retention period. */
  documentType!: DocumentType;
  documentBytes!: number;
  documentSha256!: string;
  documentDeletedAt!: Date | null;
  createdAt!: Date;
  confirmedAt!: Date | null;
  decidedAt!: Date | null;
  decidedByStaffId!: string | null;
  reason!: string | null;

  static open(input: {
    id: string;
    accountId: string;
    oldEmail: string;
    newEmail: string;
    channel: EmailChangeChannel;
    requestedByUserId: string | null;
    confirmTokenHash: string;
    cancelTokenHash: string;
    document: { type: DocumentType; bytes: number; sha256: string };
    now: Date;
  }): EmailChangeRequest {
    const r = new EmailChangeRequest();
    Object.assign(r, {
      id: input.id,
      accountId: input.accountId,
      oldEmail: input.oldEmail,
      newEmail: input.newEmail,
      channel: input.channel,
      requestedByUserId: input.requestedByUserId,
      status: 'awaiting_confirmation',
      confirmTokenHash: input.confirmTokenHash,
      cancelTokenHash: input.cancelTokenHash,
      documentType: input.document.type,
      documentBytes: input.document.bytes,
      documentSha256: input.document.sha256,
      documentDeletedAt: null,
      createdAt: input.now,
      confirmedAt: null,
      decidedAt: null,
      decidedByStaffId: null,
      reason: null,
    });
    return r;
  }

  /** The status as of `now`: an unconfirmed request lapses after 72 hours. */
  statusAt(now: Date): EmailChangeStatus {
    if (this.status === 'awaiting_confirmation' && now.getTime() >= this.createdAt.getTime() + CONFIRMATION_TTL_MS) return 'expired';
    return this.status;
  }

  isOpen(now: Date): boolean {
    const s = this.statusAt(now);
    return s === 'awaiting_confirmation' || s === 'awaiting_review';
  }

  /** Step 1: the new address proved control. */
  confirm(now: Date): boolean {
    if (this.statusAt(now) !== 'awaiting_confirmation') return false;
    this.status = 'awaiting_review';
    this.confirmedAt = now;
    this.confirmTokenHash = null;
    return true;
  }

  /** The old address stops the request; possible until staff decide. */
  cancel(now: Date): boolean {
    if (!this.isOpen(now)) return false;
    this.status = 'cancelled';
    this.decidedAt = now;
    this.confirmTokenHash = null;
    this.cancelTokenHash = null;
    return true;
  }

  /** Closed because another request of the account won; nothing of it can happen any more. */
  supersede(now: Date): boolean {
    if (!this.isOpen(now)) return false;
    this.status = 'superseded';
    this.decidedAt = now;
    this.confirmTokenHash = null;
    this.cancelTokenHash = null;
    return true;
  }

  /** Step 2: staff approve; refused before the new address is confirmed. */
  approve(staffId: string, now: Date): boolean {
    if (this.statusAt(now) !== 'awaiting_review') return false;
    this.status = 'approved';
    this.decide(staffId, null, now);
    return true;
  }

  reject(staffId: string, reason: string, now: Date): boolean {
    if (!this.isOpen(now)) return false;
    this.status = 'rejected';
    this.decide(staffId, reason, now);
    return true;
  }

  private decide(staffId: string, reason: string | null, now: Date): void {
    this.decidedAt = now;
    this.decidedByStaffId = staffId;
    this.reason = reason;
    this.confirmTokenHash = null;
    this.cancelTokenHash = null;
  }
}
