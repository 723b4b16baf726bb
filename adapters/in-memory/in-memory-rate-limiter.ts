import type { Clock } from '../../application/ports/clock.js';
import type { RateDecision, RateLimiter, RateRule } from '../../application/ports/rate-limiter.js';
import { decideRate } from '../system/rate-window.js';

export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { startedAt: Date; hits: number }>();

  constructor(private readonly clock: Clock) {}

  async consume(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.clock.now();
    const current = this.windows.get(key);
    const fresh = !current || now.getTime() - current.startedAt.getTime() >= rule.windowSeconds * 1000;
    const window = fresh ? { startedAt: now, hits: 1 } : { startedAt: current.startedAt, hits: current.hits + 1 };
    this.windows.set(key, window);
    return decideRate(window, rule, now);
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async purge(before: Date): Promise<number> {
    let removed = 0;
    for (const [key, window] of this.windows) {
      if (window.startedAt.getTime() < before.getTime()) {
        this.windows.delete(key);
        removed += 1;
      }
    }
    return removed;
  }
}
