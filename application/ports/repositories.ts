import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import type { User } from '../../domain/identity/user.js';
import type { MailSummary, OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { MailHistoryFilter } from '../../domain/authorization/policy.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { Product } from '../../domain/catalog/product.js';
import type { Order } from '../../domain/ordering/order.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { Renewal, RenewalStage } from '../../domain/billing/renewal.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { Contact, Subscription } from '../../domain/contacts/contact.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { PublicSubmission } from '../../domain/email-change/public-submission.js';
import type { Ticket, TicketAttachment, TicketMessage, TicketStatus } from '../../domain/support/ticket.js';
import type { ClientNote } from '../../domain/backoffice/client-note.js';

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque keyset cursor of the next page, or null on the last one. */
  readonly next: string | null;
}

export interface PageRequest {
  readonly after?: string | null;
  readonly limit: number;
  /** Only what changed at or after this moment (lists that integrators sync). */
  readonly updatedSince?: Date | null;
  /** The list's own time order reversed: oldest first (lists people sort by their date or number). */
  readonly oldestFirst?: boolean;
  /** Only items whose main words (number, subject, name, address) contain this, in any case (lists people search). */
  readonly search?: string | null;
}

export interface UserRepository {
  add(user: User): Promise<void>;
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Several users in one query (the names of who acted on a page of the audit log). */
  listByIds(ids: readonly string[]): Promise<User[]>;
}

export interface ClientAccountRepository {
  add(account: ClientAccount): Promise<void>;
  save(account: ClientAccount): Promise<void>;
  findById(id: string): Promise<ClientAccount | null>;
  findByOib(oib: string): Promise<ClientAccount | null>;
  listOwnedBy(userId: string): Promise<ClientAccount[]>;
  listByIds(ids: readonly string[]): Promise<ClientAccount[]>;
  /**
   * The staff client search, case-insensitive and by prefix (the OIB exactly): an address matches the account's
   * or a contact's, a domain a registered domain or a service's. At most `limit` accounts, by name.
   */
  search(query: ClientQuery, limit: number): Promise<ClientAccount[]>;
}

export interface ClientQuery {
  readonly by: 'oib' | 'email' | 'domain' | 'name';
  readonly value: string;
}

export interface ContactRepository {
  add(contact: Contact): Promise<void>;
  save(contact: Contact): Promise<void>;
  remove(id: string): Promise<void>;
  findById(id: string): Promise<Contact | null>;
  findByInvitationHash(tokenHash: string): Promise<Contact | null>;
  findByEmail(accountId: string, email: string): Promise<Contact | null>;
  listForAccount(accountId: string, page: PageRequest): Promise<Page<Contact>>;
  /** The accepted contacts of a user in every account: what the user may do beyond the accounts it owns. */
  listActiveForUser(userId: string): Promise<Contact[]>;
  /** The contacts subscribed to a kind of mail, oldest first: for reading only (who to mail), never to save. */
  listSubscribers(accountId: string, subscription: Subscription): Promise<Contact[]>;
}

export interface StaffRepository {
  add(staff: StaffMember): Promise<void>;
  save(staff: StaffMember): Promise<void>;
  findById(id: string): Promise<StaffMember | null>;
  findByEmail(email: string): Promise<StaffMember | null>;
  /** Active staff holding any of these roles (who to tell about a new ticket): for reading only, never to save. */
  listActiveWithRoles(roles: readonly StaffMember['roles'][number][]): Promise<StaffMember[]>;
  /** Every staff member (a company has tens, not thousands). */
  listAll(): Promise<StaffMember[]>;
}

export interface PasswordResetTokenRepository {
  add(token: PasswordResetToken): Promise<void>;
  save(token: PasswordResetToken): Promise<void>;
  findByHash(tokenHash: string): Promise<PasswordResetToken | null>;
  /** Ends every unused link of the user: only the newest may work. */
  revokeUnusedFor(userId: string, now: Date): Promise<void>;
}

export interface MailRepository {
  add(mail: OutgoingMail): Promise<void>;
  findById(id: string): Promise<OutgoingMail | null>;
  /**
   * Moves a queued or failed mail, or one whose sending claim is older than `staleBefore` (its sender died), to
   * sending and returns it; null when sent, undeliverable, being sent now, or absent.
   */
  claimForDelivery(id: string, now: Date, staleBefore: Date): Promise<OutgoingMail | null>;
  /** Marks the mail sent and drops its sealed secret: from now on nobody can read it from the database. */
  markSent(id: string, at: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** The retries are spent: the mail is undeliverable and its secret, if any, dropped. False when it was sent after all. */
  markUndeliverable(id: string, error: string): Promise<boolean>;
  /** Puts a mail that did not go out back in the queue (staff send it again); null when it cannot be. */
  requeue(id: string): Promise<OutgoingMail | null>;
  /**
   * The mails whose delivery job may be gone: sending claims older than `staleBefore` (set back to queued, with
   * the reason), and queued or failed mails untouched since `lostBefore`. At most `limit` ids.
   */
  sweep(staleBefore: Date, lostBefore: Date, limit: number): Promise<string[]>;
  /** Mail that did not go out (failed and retrying, or undeliverable), newest first, for staff. */
  listUndelivered(page: PageRequest): Promise<Page<OutgoingMail>>;
  countUndeliverable(): Promise<number>;
  /** The account's shared history: every mail about it except the personal ones; with `readableBy`, only those it may read. */
  listForAccount(accountId: string, page: PageRequest, readableBy?: MailHistoryFilter | null): Promise<Page<OutgoingMail>>;
  /** The same pages as `listForAccount` (the same mails and cursors), with only what the history list shows. */
  listSummariesForAccount(accountId: string, page: PageRequest, readableBy?: MailHistoryFilter | null): Promise<Page<MailSummary>>;
  /** The personal mails sent to one user (security notices, links meant for them alone). */
  listPersonal(userId: string, page: PageRequest): Promise<Page<OutgoingMail>>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  list(filter: { accountId?: string; actorId?: string }, page: PageRequest): Promise<Page<AuditEntry>>;
}

export interface ProductRepository {
  add(product: Product): Promise<void>;
  listActive(): Promise<Product[]>;
  findByCodes(codes: readonly string[]): Promise<Product[]>;
}

export interface OrderRepository {
  add(order: Order): Promise<void>;
  save(order: Order): Promise<void>;
  findById(id: string): Promise<Order | null>;
  findByIdempotencyKey(accountId: string, key: string): Promise<Order | null>;
  listForAccount(accountId: string, page: PageRequest): Promise<Page<Order>>;
  listPending(page: PageRequest): Promise<Page<Order>>;
  countPending(): Promise<number>;
}

export interface QuoteRepository {
  add(quote: Quote): Promise<void>;
  save(quote: Quote): Promise<void>;
  findById(id: string): Promise<Quote | null>;
  findByOrder(orderId: string): Promise<Quote | null>;
  findByReference(reference: string): Promise<Quote | null>;
  listOpenForAccount(accountId: string): Promise<Quote[]>;
  listForAccount(accountId: string, filter: QuoteFilter, page: PageRequest): Promise<Page<Quote>>;
}

export type InvoiceFilter = 'all' | 'unpaid' | 'paid';
export type QuoteFilter = 'all' | 'open' | 'accepted';

export interface InvoiceRepository {
  add(invoice: Invoice): Promise<void>;
  /** Stores the amount paid; nothing else of an issued invoice may change. */
  savePayment(invoice: Invoice): Promise<void>;
  findById(id: string): Promise<Invoice | null>;
  /** Several invoices in one query (a staff queue's page). */
  listByIds(ids: readonly string[]): Promise<Invoice[]>;
  findByReference(reference: string): Promise<Invoice | null>;
  findCreditNoteFor(invoiceId: string): Promise<Invoice | null>;
  listForAccount(accountId: string, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>>;
}

export interface PaymentRepository {
  add(payment: Payment): Promise<void>;
  /** Holds one bank transaction for the rest of the transaction: entries of the same one are serialized. */
  lockBankTransaction(bankTransactionId: string): Promise<void>;
  findByBankTransaction(bankTransactionId: string): Promise<Payment | null>;
  list(filter: 'all' | 'unmatched', page: PageRequest): Promise<Page<Payment>>;
  countUnmatched(): Promise<number>;
  /** The latest payments matched to the account's invoices, newest received first (the staff client view). */
  listForAccount(accountId: string, limit: number): Promise<Payment[]>;
}

/** Staff's internal notes about a client, newest first. */
export interface ClientNoteRepository {
  add(note: ClientNote): Promise<void>;
  listForAccount(accountId: string, limit: number): Promise<ClientNote[]>;
}

export interface ServiceRepository {
  add(service: HostedService): Promise<void>;
  save(service: HostedService): Promise<void>;
  /** Active or suspended services expiring by `horizon` that have no renewal for their current period yet. */
  listDueForRenewal(horizon: Date, limit: number): Promise<HostedService[]>;
  findById(id: string): Promise<HostedService | null>;
  /** `only`: the ids a scoped contact may see; null lists all. */
  listForAccount(accountId: string, page: PageRequest, only?: readonly string[] | null): Promise<Page<HostedService>>;
}

export interface DomainRepository {
  add(domain: RegisteredDomain): Promise<void>;
  save(domain: RegisteredDomain): Promise<void>;
  listDueForRenewal(horizon: Date, limit: number): Promise<RegisteredDomain[]>;
  findById(id: string): Promise<RegisteredDomain | null>;
  listForAccount(accountId: string, page: PageRequest, only?: readonly string[] | null): Promise<Page<RegisteredDomain>>;
  /** Of these names, those registered here and not cancelled (a name can be held once). */
  findHeld(names: readonly string[]): Promise<RegisteredDomain[]>;
}

/** Numbers per series and year, restarting each year: gapless ones (invoices) and ones that may skip (orders, quotes, tickets). */
export interface Counters {
  /** The next number of a gapless series (invoices): taken in the caller's transaction, held until it ends. */
  next(series: string, year: number): Promise<number>;
  /**
   * The next number of a series that may skip (orders, quotes, tickets): committed at once, apart from the caller's
   * transaction, so concurrent use cases never wait for each other's to end. A number whose use case then fails stays
   * unused.
   */
  reserve(series: string, year: number): Promise<number>;
  /**
   * Holds the series for the rest of the transaction, whatever the year: whoever issues next waits until this
   * transaction ends, so a clock read after the lock never gives a later number an earlier time.
   */
  lockSeries(series: string): Promise<void>;
}

export interface RenewalRepository {
  add(renewal: Renewal): Promise<void>;
  findById(id: string): Promise<Renewal | null>;
  /** Moves the stage only if it still is `from`; false when another run got there first. */
  advance(id: string, from: RenewalStage, to: RenewalStage, at: Date): Promise<boolean>;
  listOpen(after: string | null, limit: number): Promise<Renewal[]>;
}

export interface ApiTokenRepository {
  add(token: ApiToken): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  listForAccount(accountId: string): Promise<ApiToken[]>;
  /** Revokes a token of this account; false when there is no such live token. */
  revoke(id: string, accountId: string, at: Date): Promise<boolean>;
  touch(id: string, at: Date): Promise<void>;
}

export interface EmailChangeRepository {
  /** Stores the request and its document, sealed by the secret box. */
  add(request: EmailChangeRequest, sealedDocument: string): Promise<void>;
  save(request: EmailChangeRequest): Promise<void>;
  findById(id: string): Promise<EmailChangeRequest | null>;
  findByConfirmHash(tokenHash: string): Promise<EmailChangeRequest | null>;
  findByCancelHash(tokenHash: string): Promise<EmailChangeRequest | null>;
  /** Holds the account's email-change requests for the rest of the transaction: requests of one account are serialized. */
  lockAccount(accountId: string): Promise<void>;
  /** A public form's submission, with its sealed document, until the job decides what it leads to. */
  addSubmission(submission: PublicSubmission, sealedDocument: string): Promise<void>;
  /** Takes (and deletes) a submission; null when already taken. */
  takeSubmission(id: string): Promise<{ submission: PublicSubmission; sealedDocument: string } | null>;
  /** Requests of an account not yet decided (the use case judges expiry), newest first. */
  listUndecidedForAccount(accountId: string): Promise<EmailChangeRequest[]>;
  /** The staff queue: undecided requests, oldest first. */
  listQueue(page: PageRequest): Promise<Page<EmailChangeRequest>>;
  countAwaitingReview(): Promise<number>;
  /** The sealed document, or null once deleted. */
  document(requestId: string): Promise<string | null>;
  /** Deletes the documents of requests decided (or left unconfirmed) before `before`; the records stay. */
  purgeDocuments(before: Date, at: Date): Promise<number>;
}

export type TicketFilter = 'all' | TicketStatus;

export interface TicketVisibility {
  readonly userId: string;
  readonly serviceIds: readonly string[];
  readonly domainIds: readonly string[];
}

export interface TicketRepository {
  add(ticket: Ticket): Promise<void>;
  save(ticket: Ticket): Promise<void>;
  findById(id: string): Promise<Ticket | null>;
  /** An account's tickets; `visibleTo` (a scoped contact) keeps those it opened and those about its services and domains. */
  listForAccount(accountId: string, filter: TicketFilter, page: PageRequest, visibleTo?: TicketVisibility | null): Promise<Page<Ticket>>;
  /** Staff queue, most recent activity first. */
  listQueue(filter: TicketFilter, page: PageRequest): Promise<Page<Ticket>>;
  countOpen(): Promise<number>;
  addMessage(message: TicketMessage): Promise<void>;
  listMessages(ticketId: string): Promise<TicketMessage[]>;
  addAttachment(attachment: TicketAttachment, sealed: string): Promise<void>;
  listAttachments(ticketId: string): Promise<TicketAttachment[]>;
  attachment(id: string): Promise<{ attachment: TicketAttachment; sealed: string } | null>;
}
