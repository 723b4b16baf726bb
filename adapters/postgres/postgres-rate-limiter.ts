import type { Clock } from '../../application/ports/clock.js';
import type { RateDecision, RateLimiter, RateRule } from '../../application/ports/rate-limiter.js';
import { execute, type Orm } from '../mikro-orm/orm.js';
import { decideRate } from '../system/rate-window.js';

/**
 * Fixed windows in the `rate_limits` table: one atomic upsert per attempt, committed on its own so a
 * refused attempt still counts, and shared by every app instance.
 */
export class PostgresRateLimiter implements RateLimiter {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
    const [row] = await execute<{ hits: number; window_started_at: Date }>(
      this.orm.em.fork(),
      `insert into rate_limits as r (key, window_started_at, hits) values ($1, $2, 1)
       on conflict (key) do update set
         hits = case when r.window_started_at <= $3 then 1 else r.hits + 1 end,
         window_started_at = case when r.window_started_at <= $4 then excluded.window_started_at else r.window_started_at end
       returning hits, window_started_at`,
      [key.slice(0, 300), now, windowStart, windowStart],
    );
    if (!row) throw new Error('rate limit upsert returned nothing');
    return decideRate({ startedAt: new Date(row.window_started_at), hits: Number(row.hits) }, rule, now);
  }

  async reset(key: string): Promise<void> {
    await execute(this.orm.em.fork(), 'delete from rate_limits where key = $1', [key.slice(0, 300)]);
  }

  async purge(before: Date): Promise<number> {
    return (await execute(this.orm.em.fork(), 'delete from rate_limits where window_started_at < $1 returning key', [before])).length;
  }
}
