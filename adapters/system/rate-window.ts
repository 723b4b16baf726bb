import type { RateDecision, RateRule } from '../../application/ports/rate-limiter.js';

/** The decision for a fixed window, shared by every rate limiter adapter. */
export function decideRate(window: { startedAt: Date; hits: number }, rule: RateRule, now: Date): RateDecision {
  if (window.hits <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  const endsAt = window.startedAt.getTime() + rule.windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
