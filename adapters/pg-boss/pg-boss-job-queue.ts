import { PgBoss } from 'pg-boss';
import type { JobHandler, JobName, JobPayloads, JobQueue, JobWorker } from '../../application/ports/job-queue.js';
import { execute, type Em } from '../mikro-orm/orm.js';

/** Every queue; a job added to JobPayloads without a queue here fails the type check. */
const QUEUES: Record<JobName, true> = { 'mail.deliver': true, 'maintenance.purge': true, 'billing.renewals': true, 'email_change.public': true, 'identity.password_reset': true, 'announcements.mail': true };
export const JOB_NAMES = Object.keys(QUEUES) as JobName[];

/** Sends through the use case's own transaction (pg-boss's `db` option): the job commits with the change. */
export class PgBossJobQueue implements JobQueue {
  constructor(
    private readonly boss: PgBoss,
    private readonly em: Em,
  ) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    await this.boss.send(name, payload, {
      db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: await execute(this.em, text, values ?? []) }) },
    });
  }
}

export class PgBossJobWorker implements JobWorker {
  constructor(private readonly boss: PgBoss) {}

  async handle<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void> {
    // Mail is many small jobs that wait on a remote server: several at once. The rest are rare and heavy.
    const concurrency = name === 'mail.deliver' ? 4 : 1;
    await this.boss.work<JobPayloads[N]>(name, { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: concurrency }, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
  }
}

/** Starts pg-boss (it creates or migrates its own schema) and makes sure every queue exists. */
export async function startPgBoss(databaseUrl: string, options: { supervise?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4, supervise: options.supervise ?? true, schedule: options.supervise ?? true });
  boss.on('error', (error: unknown) => console.error('[jobs]', error instanceof Error ? error.message : error));
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const name of JOB_NAMES) {
    if (!existing.has(name)) await boss.createQueue(name, { retryLimit: 8, retryDelay: 30, retryBackoff: true });
  }
  if (options.supervise ?? true) {
    // One cron tick enqueues one job for all instances; the renewal rows make a repeated run harmless.
    await boss.schedule('maintenance.purge', '17 3 * * *', {}, { tz: 'Europe/Zagreb' });
    await boss.schedule('billing.renewals', '5 6 * * *', {}, { tz: 'Europe/Zagreb' });
  }
  return boss;
}

export type { PgBoss };
