import { addressBlock } from '../../domain/shared/address-block.js';
import { RateLimited } from '../../domain/shared/result.js';
import type { RateLimiter, RateRule } from '../ports/rate-limiter.js';

/**
 * Limits of ASVS 2.2.1. Sign-in: per account from one address (guessing one password there), per address (spraying
 * many accounts), and a slower one per account from anywhere, so that failures from one place never lock the real
 * owner out of another, yet a guess from many places is still bounded.
 */
export const RATE_RULES = {
  signInPerAccountAndAddress: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAccount: { limit: 100, windowSeconds: 60 * 60 },
  signInPerAddress: { limit: 50, windowSeconds: 15 * 60 },
  /** Failed sign-ins on one account within an hour that count as an attack the owner is told about (once a day). */
  signInFailuresAlert: { limit: 20, windowSeconds: 60 * 60 },
  signInAlertOnce: { limit: 1, windowSeconds: 24 * 60 * 60 },
  resetPerAccount: { limit: 3, windowSeconds: 15 * 60 },
  resetPerAddress: { limit: 20, windowSeconds: 15 * 60 },
  resetConfirmPerAddress: { limit: 30, windowSeconds: 15 * 60 },
  invitationsPerAccount: { limit: 20, windowSeconds: 60 * 60 },
  invitationAcceptPerAddress: { limit: 30, windowSeconds: 15 * 60 },
  twoFactorPerUser: { limit: 10, windowSeconds: 15 * 60 },
  emailChangePerAccount: { limit: 10, windowSeconds: 24 * 60 * 60 },
  emailChangePerAddress: { limit: 10, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateRule>;

/** The three sign-in limits of an account (`who`) asked from an address; returns the key to forget on success. */
export async function checkSignInRates(limiter: RateLimiter, kind: 'sign-in' | 'staff-sign-in', who: string, address: string): Promise<{ limited: RateLimited | null; pairKey: string }> {
  const block = addressBlock(address);
  const pairKey = `${kind}:account:${who}:from:${block}`;
  const limited = await checkRates(limiter, [
    [`${kind}:address:${block}`, RATE_RULES.signInPerAddress],
    [pairKey, RATE_RULES.signInPerAccountAndAddress],
    [`${kind}:account:${who}`, RATE_RULES.signInPerAccount],
  ]);
  return { limited, pairKey };
}

/** Counts a failed sign-in; true the first time in a day that the failures amount to an attack worth telling. */
export async function signInAttackBegins(limiter: RateLimiter, kind: 'sign-in' | 'staff-sign-in', id: string): Promise<boolean> {
  if ((await limiter.consume(`${kind}:failures:${id}`, RATE_RULES.signInFailuresAlert)).allowed) return false;
  return (await limiter.consume(`${kind}:alerted:${id}`, RATE_RULES.signInAlertOnce)).allowed;
}

/** Consumes every key; refused when any of them is over its limit. */
export async function checkRates(limiter: RateLimiter, checks: ReadonlyArray<readonly [string, RateRule]>): Promise<RateLimited | null> {
  let worst = 0;
  for (const [key, rule] of checks) {
    const decision = await limiter.consume(key, rule);
    if (!decision.allowed) worst = Math.max(worst, decision.retryAfterSeconds);
  }
  return worst > 0 ? new RateLimited(worst) : null;
}
