import type { RateDecision, RateRule } from '../../application/ports/rate-limiter.js';

/** The decision for a fixed window, shared by every rate limiter adapter. */
export function decideRate(window: { startedAt: Date; hits: number }, rule: RateRule, now: Date): RateDecision {
  const endsAt = window.startedAt.getTime() + rule.windowSeconds * 1000;
  const resetSeconds = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
  if (window.hits <= rule.limit) return { allowed: true, retryAfterSeconds: 0, remaining: rule.limit - window.hits, resetSeconds };
  return { allowed: false, retryAfterSeconds: resetSeconds, remaining: 0, resetSeconds };
}
