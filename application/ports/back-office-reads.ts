import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ClientNote } from '../../domain/backoffice/client-note.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { InvoiceRead, QuoteRead, ReadDetail } from './portal-reads.js';
import type { Contact } from '../../domain/contacts/contact.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { User } from '../../domain/identity/user.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { Order } from '../../domain/ordering/order.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { Ticket } from '../../domain/support/ticket.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';
import type { Page, PageRequest, TicketFilter } from './repositories.js';

/** Who an audit entry's actor is, to show a name and a role in words ("Ana Horvat (vlasnik)") instead of ids. */
export interface ActorName {
  readonly name: string;
  readonly role: 'owner' | 'contact' | 'staff';
  readonly staffRoles?: readonly StaffRole[];
}

export type ActorNames = Readonly<Record<string, ActorName>>;

/** Everything staff see of one client on one page; its quotes and invoices as lists show them or whole (ReadDetail). */
export interface ClientPicture<D extends ReadDetail = 'summary'> {
  readonly account: ClientAccount;
  readonly owner: User | null;
  readonly services: readonly HostedService[];
  readonly domains: readonly RegisteredDomain[];
  readonly openQuotes: readonly QuoteRead<D>[];
  readonly unpaidInvoices: readonly InvoiceRead<D>[];
  readonly contacts: readonly Contact[];
  readonly tickets: readonly Ticket[];
  readonly emailChanges: readonly EmailChangeRequest[];
  readonly audit: readonly AuditEntry[];
  /** The latest invoices (paid or not) and the payments matched to them. */
  readonly invoices: readonly InvoiceRead<D>[];
  readonly payments: readonly Payment[];
  /** Staff's internal notes, never shown to the client. */
  readonly notes: readonly ClientNote[];
  /** Who acted in the audit entries shown, by id. */
  readonly people: ActorNames;
}

/** How much of each part of the client view, the newest first. */
export interface ClientPictureLimits {
  /** Services, domains, unpaid invoices and contacts. */
  readonly section: number;
  /** Tickets, audit entries, invoices, payments and notes. */
  readonly recent: number;
}

/**
 * Counts on the staff home stop here (an answer of COUNT_CAP + 1 means "more"): counting a queue of 100 000 open
 * tickets on every visit would cost the home page time in proportion to the data, and nobody reads it exactly.
 */
export const COUNT_CAP = 1000;

/** The queues' sizes on the staff home (at most COUNT_CAP + 1); each null when the staff member's roles do not work that queue. */
export interface StaffCounts {
  readonly orders: number | null;
  readonly payments: number | null;
  readonly emailChanges: number | null;
  readonly tickets: number | null;
  /** Mail whose retries are spent, for staff to look at and send again. */
  readonly undeliveredMail: number | null;
  /** Invoices waiting for fiscalization and eRačuni that need staff. */
  readonly deliveries: { readonly waitingFiscal: number; readonly needingAction: number } | null;
}

/** Which counts to read: the policy's answers, asked by the use case. */
export type StaffCountsQuery = { readonly [K in keyof StaffCounts]: boolean };

/** A queue's page with the client account of each item (accounts by id). */
export interface QueuePage<T> {
  readonly page: Page<T>;
  readonly accounts: ReadonlyMap<string, ClientAccount>;
}

/**
 * Read models of the back office's pages: each answers in one statement, outside any transaction, without loading
 * entities through the ORM, exactly what the repositories would answer (same order, same cursors). The use case asks
 * the policy first; these only read.
 */
export interface BackOfficeReads {
  counts(which: StaffCountsQuery): Promise<StaffCounts>;
  /** Pending orders (search in the number), with how many wait in all (at most COUNT_CAP + 1, as on the staff home). */
  orderQueue(page: PageRequest): Promise<QueuePage<Order> & { readonly count: number }>;
  /** Tickets of every account by last activity (search in subject and number). */
  ticketQueue(filter: TicketFilter, page: PageRequest): Promise<QueuePage<Ticket>>;
  /** Undecided email changes, oldest first. */
  emailChangeQueue(page: PageRequest): Promise<QueuePage<EmailChangeRequest>>;
  /** Recorded payments by when they were recorded (search in reference, bank transaction and payer). */
  payments(filter: 'all' | 'unmatched', page: PageRequest): Promise<Page<Payment>>;
  /** Mail that failed or whose retries are spent, newest first. */
  undeliveredMail(page: PageRequest): Promise<Page<OutgoingMail>>;
  /** Everything staff see of one client, or null when there is no such account. */
  clientPicture<D extends ReadDetail>(accountId: string, limits: ClientPictureLimits, detail: D): Promise<ClientPicture<D> | null>;
}
