import type { Clock } from '../../application/ports/clock.js';
import type { Tokens } from '../../application/ports/tokens.js';
import type { DatabaseHealth, TransactionScope, UnitOfWork } from '../../application/ports/unit-of-work.js';
import type { SessionLifetime } from '../../domain/identity/session.js';
import { InMemoryJobQueue } from './in-memory-job-queue.js';
import {
  InMemoryAuditLog,
  InMemoryClientAccountRepository,
  InMemoryMailRepository,
  InMemoryPasswordResetTokenRepository,
  InMemoryStaffRepository,
  InMemoryUserRepository,
} from './in-memory-repositories.js';
import { InMemorySessionManager } from './in-memory-session-manager.js';
import {
  InMemoryCounters,
  InMemoryDomainRepository,
  InMemoryInvoiceRepository,
  InMemoryPaymentRepository,
  InMemoryRenewalRepository,
  InMemoryOrderRepository,
  InMemoryProductRepository,
  InMemoryQuoteRepository,
  InMemoryServiceRepository,
} from './in-memory-ordering-repositories.js';
import { InMemoryStore } from './in-memory-store.js';
import { InMemoryPortalReads } from './in-memory-portal-reads.js';
import { InMemoryBackOfficeReads } from './in-memory-back-office-reads.js';
import { InMemoryApiTokenRepository } from './in-memory-api-token-repository.js';
import { InMemoryClientNoteRepository } from './in-memory-client-note-repository.js';
import { InMemoryContactRepository } from './in-memory-contact-repository.js';
import { InMemoryEmailChangeRepository } from './in-memory-email-change-repository.js';
import { InMemoryTicketRepository } from './in-memory-ticket-repository.js';
import { InMemoryHelpRepository } from './in-memory-help-repository.js';
import { InMemoryAnnouncementRepository } from './in-memory-announcement-repository.js';
import { InMemoryInvoiceArchive } from './in-memory-invoice-archive.js';
import { InMemoryDispatchRepository, InMemoryFiscalRecordRepository, InMemoryPaymentReportRepository, InMemoryStatementImportRepository } from './in-memory-fiscal-repositories.js';
import { InMemoryIdempotencyKeys, InMemoryStaffApiTokenRepository, InMemoryWebhookRepository } from './in-memory-integration-repositories.js';

/** Runs one use case at a time; a thrown error restores the store as it was. */
export class InMemoryUnitOfWork implements UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  readonly scope: TransactionScope;

  constructor(
    readonly store: InMemoryStore,
    deps: { clock: Clock; tokens: Tokens; lifetime: SessionLifetime },
  ) {
    this.scope = {
      users: new InMemoryUserRepository(store),
      accounts: new InMemoryClientAccountRepository(store),
      staff: new InMemoryStaffRepository(store),
      resetTokens: new InMemoryPasswordResetTokenRepository(store),
      mails: new InMemoryMailRepository(store),
      audit: new InMemoryAuditLog(store),
      jobs: new InMemoryJobQueue(store),
      sessions: new InMemorySessionManager(store, deps),
      products: new InMemoryProductRepository(store),
      orders: new InMemoryOrderRepository(store),
      quotes: new InMemoryQuoteRepository(store),
      services: new InMemoryServiceRepository(store),
      domains: new InMemoryDomainRepository(store),
      counters: new InMemoryCounters(store),
      invoices: new InMemoryInvoiceRepository(store),
      payments: new InMemoryPaymentRepository(store),
      renewals: new InMemoryRenewalRepository(store),
      apiTokens: new InMemoryApiTokenRepository(store),
      clientNotes: new InMemoryClientNoteRepository(store),
      contacts: new InMemoryContactRepository(store),
      emailChanges: new InMemoryEmailChangeRepository(store),
      tickets: new InMemoryTicketRepository(store),
      help: new InMemoryHelpRepository(store),
      announcements: new InMemoryAnnouncementRepository(store),
      archive: new InMemoryInvoiceArchive(store),
      fiscal: new InMemoryFiscalRecordRepository(store),
      dispatches: new InMemoryDispatchRepository(store),
      paymentReports: new InMemoryPaymentReportRepository(store),
      statementImports: new InMemoryStatementImportRepository(store),
      staffTokens: new InMemoryStaffApiTokenRepository(store),
      webhooks: new InMemoryWebhookRepository(store),
      idempotency: new InMemoryIdempotencyKeys(store),
      reads: new InMemoryPortalReads(store),
      backOffice: new InMemoryBackOfficeReads(store),
    };
  }

  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      const restore = this.store.snapshot();
      try {
        return await work(this.scope);
      } catch (error) {
        restore();
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Reads take their turn like transactions, so they never see a use case half done. */
  read<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.run(work);
  }

  /** One change of one statement: here, a transaction like any other. */
  single<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.run(work);
  }
}

export class InMemoryDatabaseHealth implements DatabaseHealth {
  down = false;
  async ping(): Promise<number> {
    if (this.down) throw new Error('database down');
    return 0;
  }
}

export { InMemoryStore };
