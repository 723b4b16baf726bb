import type { Services } from '../shared/services.js';

const DAY_MS = 24 * 3_600_000;

/** The nightly job: expired sessions and stale rate-limit windows are deleted, not kept for ever. */
export class PurgeExpiredRecords {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'rateLimiter'>) {}

  async execute(): Promise<{ sessions: number; rateWindows: number }> {
    const now = this.deps.clock.now();
    const sessions = await this.deps.uow.run((scope) => scope.sessions.purgeExpired(now));
    const rateWindows = await this.deps.rateLimiter.purge(new Date(now.getTime() - DAY_MS));
    return { sessions, rateWindows };
  }
}
