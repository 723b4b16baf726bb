import { describe, expect, it } from 'vitest';
import type { JobPayloads, JobWorker } from '../../application/ports/job-queue.js';
import type { DatabaseHealth, UnitOfWork } from '../../application/ports/unit-of-work.js';

export interface JobProbe {
  readonly uow: UnitOfWork;
  readonly worker: JobWorker;
  /** Lets queued jobs run: drains the in-memory queue, waits for the real workers. */
  settle(until: () => boolean): Promise<void>;
  readonly database: DatabaseHealth;
}

/** A job committed with its change reaches its handler with its payload; a rolled-back one never does. */
export function describeJobQueueContract(name: string, make: () => Promise<JobProbe>) {
  describe(`JobQueue and JobWorker: ${name}`, () => {
    it('hands a committed job to its handler, and never a rolled-back one', async () => {
      const probe = await make();
      const seen: Array<JobPayloads['mail.deliver']> = [];
      await probe.worker.handle('mail.deliver', async (payload) => void seen.push(payload));
      const kept = crypto.randomUUID();
      const dropped = crypto.randomUUID();
      await probe.uow.run((scope) => scope.jobs.enqueue('mail.deliver', { mailId: kept }));
      await expect(
        probe.uow.run(async (scope) => {
          await scope.jobs.enqueue('mail.deliver', { mailId: dropped });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow();
      await probe.settle(() => seen.length > 0);
      expect(seen).toEqual([{ mailId: kept }]);
    });

    it('reports the database as reachable', async () => {
      const probe = await make();
      expect(await probe.database.ping()).toBeGreaterThanOrEqual(0);
    });
  });
}
