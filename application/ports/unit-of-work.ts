import type { InvoiceArchive } from './invoice-archive.js';
import type { JobQueue } from './job-queue.js';
import type {
  AuditLog,
  Counters,
  DomainRepository,
  InvoiceRepository,
  PaymentRepository,
  RenewalRepository,
  ApiTokenRepository,
  ClientNoteRepository,
  ContactRepository,
  EmailChangeRepository,
  TicketRepository,
  OrderRepository,
  ProductRepository,
  QuoteRepository,
  ServiceRepository,
  ClientAccountRepository,
  MailRepository,
  PasswordResetTokenRepository,
  StaffRepository,
  UserRepository,
} from './repositories.js';
import type { SessionManager } from './session-manager.js';
import type { PortalReads } from './portal-reads.js';
import type { BackOfficeReads } from './back-office-reads.js';
import type { AnnouncementRepository, HelpRepository } from './help-repository.js';
import type { DispatchRepository, FiscalRecordRepository, PaymentReportRepository, StatementImportRepository } from './fiscal-repositories.js';
import type { IdempotencyKeys, StaffApiTokenRepository, WebhookRepository } from './integrations.js';

/** Everything a use case may change, bound to one transaction. */
export interface TransactionScope {
  readonly users: UserRepository;
  readonly accounts: ClientAccountRepository;
  readonly staff: StaffRepository;
  readonly resetTokens: PasswordResetTokenRepository;
  readonly mails: MailRepository;
  readonly audit: AuditLog;
  readonly jobs: JobQueue;
  readonly sessions: SessionManager;
  readonly products: ProductRepository;
  readonly orders: OrderRepository;
  readonly quotes: QuoteRepository;
  readonly services: ServiceRepository;
  readonly domains: DomainRepository;
  readonly counters: Counters;
  readonly invoices: InvoiceRepository;
  readonly payments: PaymentRepository;
  readonly renewals: RenewalRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly clientNotes: ClientNoteRepository;
  readonly contacts: ContactRepository;
  readonly emailChanges: EmailChangeRepository;
  readonly tickets: TicketRepository;
  readonly help: HelpRepository;
  readonly announcements: AnnouncementRepository;
  readonly archive: InvoiceArchive;
  readonly fiscal: FiscalRecordRepository;
  readonly dispatches: DispatchRepository;
  readonly paymentReports: PaymentReportRepository;
  readonly statementImports: StatementImportRepository;
  readonly staffTokens: StaffApiTokenRepository;
  readonly webhooks: WebhookRepository;
  readonly idempotency: IdempotencyKeys;
  /** Read models of the busiest pages (no entities loaded through the ORM). */
  readonly reads: PortalReads;
  /** Read models of the back office's pages. */
  readonly backOffice: BackOfficeReads;
}

/** One transaction per use case: commits when `work` returns, rolls back when it throws. */
export interface UnitOfWork {
  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
  /**
   * For a use case that only reads (a page): no transaction, each statement sees what is committed when it runs, so a
   * read costs no BEGIN and COMMIT round trips. Never for a change: a write here is not atomic with anything else.
   */
  read<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
  /**
   * For a change that is one statement (claiming a mail for delivery, marking it sent): no BEGIN and COMMIT round
   * trips, since PostgreSQL makes a single statement atomic by itself. Refuses work that leaves entities to write or
   * jobs to enqueue; a change of more than one statement belongs in `run`.
   */
  single<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}

export interface DatabaseHealth {
  /** Round-trip time in milliseconds; throws when the database cannot be reached. */
  ping(): Promise<number>;
}
