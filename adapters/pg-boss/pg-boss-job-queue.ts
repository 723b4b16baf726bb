import { PgBoss, type JobResult, type Queue } from 'pg-boss';
import type { JobHandler, JobName, JobPayloads, JobQueue, JobWorker } from '../../application/ports/job-queue.js';
import { execute, type Em } from '../mikro-orm/orm.js';

type QueueSettings = Omit<Queue, 'name' | 'policy' | 'partition'>;

const RARE: QueueSettings = { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 900, notify: true };

/**
 * Every queue and how its failed jobs are retried; a job added to JobPayloads without a queue here fails the type
 * check. Mail is tried again with a growing delay of at most 15 minutes, for more than three days (an SMTP outage
 * of a long weekend), then goes to its dead-letter queue, which marks it undeliverable for staff to see.
 */
const QUEUES: Record<JobName, QueueSettings> = {
  'mail.undeliverable': { retryLimit: 50, retryDelay: 60, retryBackoff: true, retryDelayMax: 900 },
  'mail.deliver': { retryLimit: 300, retryDelay: 60, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 600, deadLetter: 'mail.undeliverable', notify: true },
  'mail.sweep': { retryLimit: 0, expireInSeconds: 300 },
  'maintenance.purge': RARE,
  'billing.renewals': RARE,
  'email_change.public': RARE,
  'identity.password_reset': RARE,
  'announcements.mail': RARE,
  // The law's subsequent delivery: a consumer's invoice is sent again until it has its JIR (weeks of retries, at
  // most 15 minutes apart); the record's claim keeps two runs from sending it at once.
  'fiscal.invoice': { retryLimit: 3000, retryDelay: 20, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 180, notify: true },
  'einvoice.send': { retryLimit: 1000, retryDelay: 60, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 300, notify: true },
  'einvoice.poll': { retryLimit: 0, expireInSeconds: 600 },
  'einvoice.report_payment': { retryLimit: 3000, retryDelay: 60, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 300, notify: true },
  // A receiver that is down is tried for about a day: 30 s doubling to at most an hour between tries.
  'webhooks.failed': { retryLimit: 50, retryDelay: 60, retryBackoff: true, retryDelayMax: 900 },
  'webhooks.deliver': { retryLimit: 30, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 120, deadLetter: 'webhooks.failed', notify: true },
};
export const JOB_NAMES = Object.keys(QUEUES) as JobName[];

/** Sends through the use case's own transaction (pg-boss's `db` option): the job commits with the change. */
export class PgBossJobQueue implements JobQueue {
  constructor(
    private readonly boss: PgBoss,
    private readonly em: Em,
  ) {}

  private readonly pending = new Map<JobName, object[]>();

  /** Kept until the use case's work is done, then sent by `flush` in its transaction: one insert per queue. */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    const jobs = this.pending.get(name) ?? [];
    jobs.push(payload);
    this.pending.set(name, jobs);
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The jobs enqueued so far, inserted in the transaction (called by the unit of work before it commits). */
  async flush(): Promise<void> {
    const db = { executeSql: async (text: string, values?: unknown[]) => ({ rows: await execute(this.em, text, values ?? []) }) };
    for (const [name, jobs] of this.pending) await this.boss.insert(name, jobs.map((data) => ({ data })), { db });
    this.pending.clear();
  }
}

/**
 * Each queue's jobs are fetched in batches of `concurrency` and run at once; each job is settled on its own, so one
 * that fails is retried without the others.
 */
export class PgBossJobWorker implements JobWorker {
  constructor(private readonly boss: PgBoss) {}

  async handle<N extends JobName>(name: N, handler: JobHandler<N>, options: { concurrency?: number } = {}): Promise<void> {
    const concurrency = options.concurrency ?? 1;
    // NOTIFY wakes a worker for each new job; polling (every 2 s) is the backstop, and a full batch means more is
    // waiting, so the next one is fetched at once (a backlog drains without pauses).
    const polling = { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, burstWhenBatchFull: concurrency > 1 };
    await this.boss.work<JobPayloads[N]>(name, { batchSize: concurrency, localConcurrency: concurrency > 1 ? 2 : 1, ...polling, perJobResults: true }, async (jobs): Promise<JobResult[]> => {
      const outcomes = await Promise.allSettled(jobs.map((job) => handler(job.data)));
      return jobs.map((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.status === 'fulfilled') return { id: job.id, status: 'completed' };
        const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        return { id: job.id, status: 'failed', output: { message: reason.slice(0, 500) } };
      });
    });
  }
}

/**
 * Starts pg-boss (it creates or migrates its own schema) and makes every queue exist with the settings above, an
 * install made by an earlier version included: its queues are updated to them.
 */
export async function startPgBoss(databaseUrl: string, options: { supervise?: boolean; manageQueues?: boolean } = {}): Promise<PgBoss> {
  const supervise = options.supervise ?? true;
  // A process that only enqueues (a web worker) needs few connections and leaves the queues to the primary.
  const enqueueOnly = options.manageQueues === false;
  const boss = new PgBoss({ connectionString: databaseUrl, max: enqueueOnly ? 2 : 6, supervise, schedule: supervise, useListenNotify: !enqueueOnly, migrate: !enqueueOnly });
  boss.on('error', (error: unknown) => console.error('[jobs]', error instanceof Error ? error.message : error));
  await boss.start();
  if (enqueueOnly) return boss;
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  // Dead-letter queues first: a queue names its dead letters at creation.
  for (const name of JOB_NAMES) {
    const settings = QUEUES[name];
    if (existing.has(name)) await boss.updateQueue(name, settings);
    else await boss.createQueue(name, settings);
  }
  if (supervise) {
    // One cron tick enqueues one job for all instances; each job is safe to run twice.
    await boss.schedule('maintenance.purge', '17 3 * * *', {}, { tz: 'Europe/Zagreb' });
    await boss.schedule('billing.renewals', '5 6 * * *', {}, { tz: 'Europe/Zagreb' });
    await boss.schedule('mail.sweep', '* * * * *', {}, { tz: 'Europe/Zagreb' });
    await boss.schedule('einvoice.poll', '*/5 * * * *', {}, { tz: 'Europe/Zagreb' });
  }
  return boss;
}

/** The settings of a queue as pg-boss keeps them, to check that an install has them. */
export async function queueSettings(boss: PgBoss, name: JobName): Promise<Queue | null> {
  return boss.getQueue(name);
}

export type { PgBoss };
