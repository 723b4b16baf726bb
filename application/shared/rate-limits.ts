import { RateLimited } from '../../domain/shared/result.js';
import type { RateLimiter, RateRule } from '../ports/rate-limiter.js';

/** Limits of ASVS 2.2.1: per account (guessing one password) and per client address (spraying many). */
export const RATE_RULES = {
  signInPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAddress: { limit: 50, windowSeconds: 15 * 60 },
  resetPerAccount: { limit: 3, windowSeconds: 15 * 60 },
  resetPerAddress: { limit: 20, windowSeconds: 15 * 60 },
  resetConfirmPerAddress: { limit: 30, windowSeconds: 15 * 60 },
  invitationsPerAccount: { limit: 20, windowSeconds: 60 * 60 },
  invitationAcceptPerAddress: { limit: 30, windowSeconds: 15 * 60 },
  twoFactorPerUser: { limit: 10, windowSeconds: 15 * 60 },
  emailChangePerAccount: { limit: 10, windowSeconds: 24 * 60 * 60 },
  emailChangePerAddress: { limit: 10, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateRule>;

/** Consumes every key; refused when any of them is over its limit. */
export async function checkRates(limiter: RateLimiter, checks: ReadonlyArray<readonly [string, RateRule]>): Promise<RateLimited | null> {
  let worst = 0;
  for (const [key, rule] of checks) {
    const decision = await limiter.consume(key, rule);
    if (!decision.allowed) worst = Math.max(worst, decision.retryAfterSeconds);
  }
  return worst > 0 ? new RateLimited(worst) : null;
}
