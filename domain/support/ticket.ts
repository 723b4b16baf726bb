import type { DocumentType } from '../email-change/document.js';

export const DEPARTMENTS = ['technical', 'billing', 'sales'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** open: waiting for staff; answered: waiting for the client; closed. */
export type TicketStatus = 'open' | 'answered' | 'closed';

export type RequestStatus = 'pending' | 'done' | 'declined';

/** What decides who of an account may read a ticket: who opened it, and the service or domain it is about. */
export interface TicketRef {
  readonly openedByUserId: string;
  readonly serviceId: string | null;
  readonly domainId: string | null;
}

/** A conversation between a client account and staff, optionally carrying one typed request. */
export class Ticket implements TicketRef {
  id!: string;
  accountId!: string;
  number!: string;
  subject!: string;
  department!: Department;
  priority!: Priority;
  status!: TicketStatus;
  openedByUserId!: string;
  /** The service or domain the ticket is about (named by its request), or null for the whole account. */
  serviceId!: string | null;
  domainId!: string | null;
  createdAt!: Date;
  lastActivityAt!: Date;
  /** When it last changed (set by the repository on every write): what `updated_since` asks about. */
  updatedAt!: Date;
  closedAt!: Date | null;
  /** The typed request (see ticket-request.ts), null for a plain question. */
  requestKind!: string | null;
  requestPayload!: Record<string, unknown> | null;
  requestStatus!: RequestStatus | null;
  requestDecidedAt!: Date | null;
  requestDecidedByStaffId!: string | null;
  requestOutcome!: string | null;

  static open(input: {
    id: string;
    accountId: string;
    number: string;
    subject: string;
    department: Department;
    priority: Priority;
    openedByUserId: string;
    request: { kind: string; payload: Record<string, unknown> } | null;
    now: Date;
  }): Ticket {
    const t = new Ticket();
    const about = input.request?.payload ?? {};
    Object.assign(t, {
      serviceId: typeof about['serviceId'] === 'string' ? about['serviceId'] : null,
      domainId: typeof about['domainId'] === 'string' ? about['domainId'] : null,
      id: input.id,
      accountId: input.accountId,
      number: input.number,
      subject: input.subject.trim(),
      department: input.department,
      priority: input.priority,
      status: 'open',
      openedByUserId: input.openedByUserId,
      createdAt: input.now,
      lastActivityAt: input.now,
      closedAt: null,
      requestKind: input.request?.kind ?? null,
      requestPayload: input.request?.payload ?? null,
      requestStatus: input.request ? 'pending' : null,
      requestDecidedAt: null,
      requestDecidedByStaffId: null,
      requestOutcome: null,
    });
    return t;
  }

  /** A message moves the ticket to whoever must answer next; a client message reopens a closed ticket. */
  messageFrom(kind: 'user' | 'staff', now: Date): void {
    this.status = kind === 'staff' ? 'answered' : 'open';
    this.closedAt = null;
    this.lastActivityAt = now;
  }

  close(now: Date): void {
    this.status = 'closed';
    this.closedAt = now;
    this.lastActivityAt = now;
  }

  hasPendingRequest(): boolean {
    return this.requestStatus === 'pending';
  }

  decideRequest(status: 'done' | 'declined', staffId: string, outcome: string, now: Date): boolean {
    if (!this.hasPendingRequest()) return false;
    this.requestStatus = status;
    this.requestDecidedAt = now;
    this.requestDecidedByStaffId = staffId;
    this.requestOutcome = outcome;
    this.lastActivityAt = now;
    return true;
  }
}

export class TicketMessage {
  id!: string;
  ticketId!: string;
  authorKind!: 'user' | 'staff';
  authorId!: string;
  authorName!: string;
  body!: string;
  createdAt!: Date;

  static write(input: Omit<TicketMessage, 'createdAt' | 'body'> & { body: string; now: Date }): TicketMessage {
    const m = new TicketMessage();
    const { now, ...rest } = input;
    Object.assign(m, rest, { body: input.body.trim(), createdAt: now });
    return m;
  }
}

/** A file attached to a message; checked like email-change documents, content stored sealed apart. */
export interface TicketAttachment {
  readonly id: string;
  readonly ticketId: string;
  readonly messageId: string;
  readonly fileName: string;
  readonly type: DocumentType;
  readonly bytes: number;
  readonly sha256: string;
  readonly createdAt: Date;
}
