import { MikroOrmClientNoteRepository } from './mikro-orm-client-note-repository.js';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../../application/ports/clock.js';
import type { Tokens } from '../../application/ports/tokens.js';
import type { TransactionScope, UnitOfWork } from '../../application/ports/unit-of-work.js';
import type { SessionLifetime } from '../../domain/identity/session.js';
import { LuciaSessionManager } from '../lucia/lucia-session-manager.js';
import { PgBossJobQueue } from '../pg-boss/pg-boss-job-queue.js';
import {
  MikroOrmAuditLog,
  MikroOrmClientAccountRepository,
  MikroOrmMailRepository,
  MikroOrmPasswordResetTokenRepository,
  MikroOrmStaffRepository,
  MikroOrmUserRepository,
} from './mikro-orm-repositories.js';
import { numbersPoolOf, poolOf, type Em, type Orm } from './orm.js';
import { PostgresPortalReads } from './postgres-portal-reads.js';
import { PostgresBackOfficeReads } from './postgres-back-office-reads.js';
import { sqlReader } from './sql-reader.js';
import { MikroOrmContactRepository } from './mikro-orm-contact-repository.js';
import { MikroOrmEmailChangeRepository } from './mikro-orm-email-change-repository.js';
import { MikroOrmTicketRepository } from './mikro-orm-ticket-repository.js';
import { MikroOrmHelpRepository } from './mikro-orm-help-repository.js';
import { MikroOrmAnnouncementRepository } from './mikro-orm-announcement-repository.js';
import { MikroOrmApiTokenRepository } from './mikro-orm-api-token-repository.js';
import { PostgresInvoiceArchive } from './mikro-orm-invoice-archive.js';
import { PostgresDispatchRepository, PostgresFiscalRecordRepository, PostgresPaymentReportRepository, PostgresStatementImportRepository } from './postgres-fiscal-repositories.js';
import { MikroOrmStaffApiTokenRepository, MikroOrmWebhookRepository, PostgresIdempotencyKeys } from './mikro-orm-integration-repositories.js';
import {
  MikroOrmDomainRepository,
  MikroOrmInvoiceRepository,
  MikroOrmPaymentRepository,
  MikroOrmRenewalRepository,
  MikroOrmOrderRepository,
  MikroOrmProductRepository,
  MikroOrmQuoteRepository,
  MikroOrmServiceRepository,
  PostgresCounters,
} from './mikro-orm-ordering-repositories.js';

/** A forked entity manager in one PostgreSQL transaction per use case; flushed and committed at the end. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly orm: Orm,
    private readonly deps: { boss: PgBoss; clock: Clock; tokens: Tokens; lifetime: SessionLifetime },
  ) {}

  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional((em) => work(this.scopeFor(em)));
  }

  read<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    // Outside a transaction the read models send named statements straight to the pool: parsed and planned once.
    return work(this.scopeFor(this.orm.em.fork(), true));
  }

  scopeFor(em: Em, outsideTransaction = false): TransactionScope {
    return lazily<TransactionScope>({
      users: () => new MikroOrmUserRepository(em),
      accounts: () => new MikroOrmClientAccountRepository(em),
      staff: () => new MikroOrmStaffRepository(em),
      resetTokens: () => new MikroOrmPasswordResetTokenRepository(em),
      mails: () => new MikroOrmMailRepository(em),
      audit: () => new MikroOrmAuditLog(em),
      jobs: () => new PgBossJobQueue(this.deps.boss, em),
      sessions: () => new LuciaSessionManager(em, this.deps),
      products: () => new MikroOrmProductRepository(em),
      orders: () => new MikroOrmOrderRepository(em),
      quotes: () => new MikroOrmQuoteRepository(em),
      services: () => new MikroOrmServiceRepository(em),
      domains: () => new MikroOrmDomainRepository(em),
      counters: () => new PostgresCounters(em, numbersPoolOf(this.orm)),
      invoices: () => new MikroOrmInvoiceRepository(em),
      payments: () => new MikroOrmPaymentRepository(em),
      renewals: () => new MikroOrmRenewalRepository(em),
      apiTokens: () => new MikroOrmApiTokenRepository(em),
      clientNotes: () => new MikroOrmClientNoteRepository(em),
      contacts: () => new MikroOrmContactRepository(em),
      emailChanges: () => new MikroOrmEmailChangeRepository(em),
      tickets: () => new MikroOrmTicketRepository(em),
      help: () => new MikroOrmHelpRepository(em),
      announcements: () => new MikroOrmAnnouncementRepository(em),
      archive: () => new PostgresInvoiceArchive(em),
      fiscal: () => new PostgresFiscalRecordRepository(em),
      dispatches: () => new PostgresDispatchRepository(em),
      paymentReports: () => new PostgresPaymentReportRepository(em),
      statementImports: () => new PostgresStatementImportRepository(em),
      staffTokens: () => new MikroOrmStaffApiTokenRepository(em),
      webhooks: () => new MikroOrmWebhookRepository(em),
      idempotency: () => new PostgresIdempotencyKeys(em),
      reads: () => new PostgresPortalReads(sqlReader(em, outsideTransaction ? poolOf(this.orm) : null)),
      backOffice: () => new PostgresBackOfficeReads(sqlReader(em, outsideTransaction ? poolOf(this.orm) : null)),
    });
  }
}

/**
 * A scope whose repositories are made on first use: a page touches two or three of some thirty, and a use case runs
 * on every request.
 */
function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const scope = {} as T;
  for (const key of Object.keys(makers) as Array<keyof T>) {
    Object.defineProperty(scope, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = makers[key]();
        Object.defineProperty(scope, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return scope;
}
