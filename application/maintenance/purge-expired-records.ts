import type { Services } from '../shared/services.js';

const DAY_MS = 24 * 3_600_000;

/**
 * The nightly job: expired sessions and stale rate-limit windows are deleted, not kept for ever, and so are
 * email-change documents once the retention period after the decision has passed (the record of what was
 * checked stays: type, size, SHA-256, decision).
 */
export class PurgeExpiredRecords {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'rateLimiter' | 'settings'>) {}

  async execute(): Promise<{ sessions: number; rateWindows: number; documents: number }> {
    const now = this.deps.clock.now();
    const sessions = await this.deps.uow.run((scope) => scope.sessions.purgeExpired(now));
    const rateWindows = await this.deps.rateLimiter.purge(new Date(now.getTime() - DAY_MS));
    const retention = new Date(now.getTime() - this.deps.settings.documentRetentionDays * DAY_MS);
    const documents = await this.deps.uow.run((scope) => scope.emailChanges.purgeDocuments(retention, now));
    return { sessions, rateWindows, documents };
  }
}
