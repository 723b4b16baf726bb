import type { JobHandler, JobName, JobPayloads, JobQueue, JobWorker } from '../../application/ports/job-queue.js';
import type { InMemoryStore } from './in-memory-store.js';

/** Jobs live in the store, so they roll back with the transaction that enqueued them. */
export class InMemoryJobQueue implements JobQueue {
  constructor(private readonly store: InMemoryStore) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    this.store.jobs.push({ name, payload: structuredClone(payload) });
  }
}

/** Runs queued jobs when told to (`drain`), retrying a failed job on the next drain. */
export class InMemoryJobWorker implements JobWorker {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(private readonly store: InMemoryStore) {}

  async handle<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void> {
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  /**
   * Runs the queued jobs, and the jobs they queue, until none is left or only failing ones are; returns how many
   * failed (they stay queued for the next drain).
   */
  async drain(): Promise<number> {
    for (;;) {
      const jobs = this.store.jobs.splice(0);
      let failed = 0;
      for (const job of jobs) {
        const handler = this.handlers.get(job.name);
        try {
          if (!handler) throw new Error(`no handler for ${job.name}`);
          await handler(job.payload);
        } catch {
          failed += 1;
          this.store.jobs.push(job);
        }
      }
      if (failed === this.store.jobs.length) return failed;
    }
  }
}
