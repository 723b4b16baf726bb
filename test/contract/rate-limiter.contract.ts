import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../adapters/system/system-clock.js';
import type { RateLimiter } from '../../application/ports/rate-limiter.js';

export function describeRateLimiterContract(name: string, make: () => Promise<{ limiter: RateLimiter; clock: FixedClock }>) {
  describe(`RateLimiter: ${name}`, () => {
    const rule = { limit: 3, windowSeconds: 60 };

    it('allows the limit, refuses past it with the wait, and forgets after the window', async () => {
      const { limiter, clock } = await make();
      const key = `k:${crypto.randomUUID()}`;
      for (let i = 0; i < 3; i += 1) expect(await limiter.consume(key, rule)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 - i, resetSeconds: 60 });
      clock.advance(20_000);
      expect(await limiter.consume(key, rule)).toEqual({ allowed: false, retryAfterSeconds: 40, remaining: 0, resetSeconds: 40 });
      clock.advance(40_000);
      expect((await limiter.consume(key, rule)).allowed).toBe(true);
    });

    it('purges windows that started before a moment, and only those', async () => {
      const { limiter, clock } = await make();
      const old = `old:${crypto.randomUUID()}`;
      const recent = `recent:${crypto.randomUUID()}`;
      for (let i = 0; i < 4; i += 1) await limiter.consume(old, rule);
      clock.advance(10_000);
      await limiter.consume(recent, rule);
      expect(await limiter.purge(new Date(clock.now().getTime() - 5_000))).toBeGreaterThanOrEqual(1);
      expect((await limiter.consume(old, rule)).allowed).toBe(true);
      for (let i = 0; i < 2; i += 1) await limiter.consume(recent, rule);
      expect((await limiter.consume(recent, rule)).allowed).toBe(false);
    });

    it('counts keys separately and can be reset', async () => {
      const { limiter } = await make();
      const a = `a:${crypto.randomUUID()}`;
      const b = `b:${crypto.randomUUID()}`;
      for (let i = 0; i < 4; i += 1) await limiter.consume(a, rule);
      expect((await limiter.consume(b, rule)).allowed).toBe(true);
      expect((await limiter.consume(a, rule)).allowed).toBe(false);
      await limiter.reset(a);
      expect((await limiter.consume(a, rule)).allowed).toBe(true);
    });
  });
}
