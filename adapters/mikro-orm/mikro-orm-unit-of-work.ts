import { MikroOrmClientNoteRepository } from './mikro-orm-client-note-repository.js';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../../application/ports/clock.js';
import type { Tokens } from '../../application/ports/tokens.js';
import type { TransactionScope, UnitOfWork } from '../../application/ports/unit-of-work.js';
import type { SessionLifetime } from '../../domain/identity/session.js';
import { LuciaSessionManager } from '../lucia/lucia-session-manager.js';
import { changeTag, EVERY_SESSION } from '../postgres/change-tags.js';
import { PgBossJobQueue } from '../pg-boss/pg-boss-job-queue.js';
import {
  MikroOrmAuditLog,
  MikroOrmClientAccountRepository,
  MikroOrmMailRepository,
  MikroOrmPasswordResetTokenRepository,
  MikroOrmStaffRepository,
  MikroOrmUserRepository,
} from './mikro-orm-repositories.js';
import { numbersPoolOf, readCacheOf, readsPoolOf, wroteSessionSources, type Em, type Orm } from './orm.js';
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

const NOT_SINGLE = 'a single-statement change wrote entities or enqueued jobs: it belongs in run';

/** A forked entity manager in one PostgreSQL transaction per use case; flushed and committed at the end. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly orm: Orm,
    private readonly deps: { boss: PgBoss; clock: Clock; tokens: Tokens; lifetime: SessionLifetime },
  ) {}

  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const made: { scope?: TransactionScope; em?: Em } = {};
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const jobs: PgBossJobQueue[] = [];
        const scope = this.scopeFor(em, false, jobs);
        Object.assign(made, { scope, em });
        const result = await work(scope);
        // The jobs the work enqueued go in last, a queue's in one insert, in the same transaction.
        for (const queue of jobs) await queue.flush();
        return result;
      });
    } finally {
      if (made.scope && made.em) this.settle(made.scope, made.em, true);
    }
  }

  async read<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    // Outside a transaction the read models send named statements straight to the pool: parsed and planned once.
    const jobs: PgBossJobQueue[] = [];
    const em = this.orm.em.fork();
    const scope = this.scopeFor(em, true, jobs);
    try {
      const result = await work(scope);
      // Appended rows (mail, audit) wait for a flush: a read that wrote one writes it now, as it would have at once.
      if (em.getUnitOfWork().getPersistStack().size > 0) await em.flush();
      // A read has no transaction to send jobs in: one that enqueues is a change, and belongs in `run`.
      if (jobs.some((queue) => queue.hasPending)) throw new Error('a read-only use case enqueued a job');
      return result;
    } finally {
      this.settle(scope, em, false);
    }
  }

  async single<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    // No transaction: the one statement commits by itself, on the main pool. An entity flushed here would be a
    // statement of its own (and a flush of several one transaction of its own): refused before anything is written.
    const jobs: PgBossJobQueue[] = [];
    const em = this.orm.em.fork({ cloneEventManager: true });
    em.getEventManager().registerSubscriber({
      onFlush: ({ uow }) => {
        if (uow.getChangeSets().length > 0) throw new Error(NOT_SINGLE);
      },
    });
    const scope = this.scopeFor(em, false, jobs);
    try {
      const result = await work(scope);
      if (em.getUnitOfWork().getPersistStack().size > 0 || jobs.some((queue) => queue.hasPending)) throw new Error(NOT_SINGLE);
      return result;
    } finally {
      this.settle(scope, em, true);
    }
  }

  /**
   * What a use case changed behind the read cache leaves this process's cache as soon as it is done, so that its next
   * request sees it (other processes hear of it from the database): the sessions it wrote; after it wrote a user,
   * account, contact or staff member, every kept session; after a change (`run`) that used the help centre, its front
   * page.
   */
  private settle(scope: TransactionScope, em: Em, change: boolean): void {
    const cache = readCacheOf(this.orm);
    if (!cache) return;
    if (wroteSessionSources(em)) cache.clear();
    if (change && Object.hasOwn(scope, 'help')) cache.forget(changeTag.help);
    if (!Object.hasOwn(scope, 'sessions')) return;
    for (const tag of (scope.sessions as LuciaSessionManager).changed) {
      if (tag === EVERY_SESSION) cache.clear();
      else cache.forget(tag);
    }
  }

  scopeFor(em: Em, outsideTransaction = false, madeQueues: PgBossJobQueue[] = []): TransactionScope {
    return lazily<TransactionScope>({
      users: () => new MikroOrmUserRepository(em),
      accounts: () => new MikroOrmClientAccountRepository(em),
      staff: () => new MikroOrmStaffRepository(em),
      resetTokens: () => new MikroOrmPasswordResetTokenRepository(em),
      mails: () => new MikroOrmMailRepository(em),
      audit: () => new MikroOrmAuditLog(em),
      jobs: () => {
        const queue = new PgBossJobQueue(this.deps.boss, em);
        madeQueues.push(queue);
        return queue;
      },
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
      help: () => new MikroOrmHelpRepository(em, outsideTransaction ? readCacheOf(this.orm) : null),
      announcements: () => new MikroOrmAnnouncementRepository(em),
      archive: () => new PostgresInvoiceArchive(em),
      fiscal: () => new PostgresFiscalRecordRepository(em),
      dispatches: () => new PostgresDispatchRepository(em),
      paymentReports: () => new PostgresPaymentReportRepository(em),
      statementImports: () => new PostgresStatementImportRepository(em),
      staffTokens: () => new MikroOrmStaffApiTokenRepository(em),
      webhooks: () => new MikroOrmWebhookRepository(em),
      idempotency: () => new PostgresIdempotencyKeys(em),
      reads: () => new PostgresPortalReads(sqlReader(em, outsideTransaction ? readsPoolOf(this.orm) : null), outsideTransaction ? readCacheOf(this.orm) : null),
      backOffice: () => new PostgresBackOfficeReads(sqlReader(em, outsideTransaction ? readsPoolOf(this.orm) : null)),
    });
  }
}

/**
 * A scope whose repositories are made on first use: a page touches two or three of some thirty, and a use case runs
 * on every request. The getters live on one prototype per set of names, made once; the first use of a name on a scope
 * keeps what it made on that scope.
 */
const MAKERS = Symbol('makers');
const PROTOTYPES = new Map<string, object>();

function lazily<T extends object>(makers: { [K in keyof T]: () => T[K] }): T {
  const names = Object.keys(makers);
  const id = names.join(',');
  let prototype = PROTOTYPES.get(id);
  if (!prototype) {
    prototype = {};
    for (const name of names) {
      Object.defineProperty(prototype, name, {
        configurable: true,
        enumerable: true,
        get(this: { [MAKERS]: Record<string, () => unknown> }) {
          const value = this[MAKERS][name]!();
          Object.defineProperty(this, name, { value, enumerable: true });
          return value;
        },
      });
    }
    PROTOTYPES.set(id, prototype);
  }
  const scope = Object.create(prototype) as T & { [MAKERS]: typeof makers };
  scope[MAKERS] = makers;
  return scope;
}
