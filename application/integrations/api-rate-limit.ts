import type { RateRule } from '../ports/rate-limiter.js';
import type { Services } from '../shared/services.js';

/** Requests one caller of the JSON API may make in a minute: generous for a sync job, a wall for a runaway loop. */
export const API_RATE: RateRule = { limit: 600, windowSeconds: 60 };

export interface ApiQuota {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/** Counts each request of the JSON API against its caller (a token, a person, a staff member or an address). */
export class ApiRateLimit {
  constructor(private readonly deps: Pick<Services, 'rateLimiter'>, private readonly rule: RateRule = API_RATE) {}

  async consume(caller: string): Promise<ApiQuota> {
    const decision = await this.deps.rateLimiter.consume(`api:${caller}`, this.rule);
    return { allowed: decision.allowed, limit: this.rule.limit, remaining: decision.remaining, resetSeconds: decision.resetSeconds };
  }
}
