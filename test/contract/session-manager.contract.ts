import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../adapters/system/system-clock.js';
import type { SessionManager } from '../../application/ports/session-manager.js';
import type { UnitOfWork } from '../../application/ports/unit-of-work.js';

export interface SessionProbe {
  readonly uow: UnitOfWork;
  readonly clock: FixedClock;
  /** Every session id as stored. */
  storedIds(): Promise<string[]>;
  /** Moves a session's idle expiry into the past, as if nobody had used it for too long. */
  expireIdle(sessionId: string): Promise<void>;
  /** The idle expiry as stored. */
  storedExpiry(sessionId: string): Promise<Date | null>;
}

const META = { clientAddress: '192.0.2.1', userAgent: 'contract' };

/** Sessions: tokens never stored, subjects kept apart, every way a session ends. */
export function describeSessionManagerContract(name: string, make: () => Promise<SessionProbe>) {
  describe(`SessionManager: ${name}`, () => {
    const within = <T>(probe: SessionProbe, work: (sessions: SessionManager) => Promise<T>) => probe.uow.run((scope) => work(scope.sessions));

    it('gives a token whose hash, not the token, is stored', async () => {
      const probe = await make();
      const userId = crypto.randomUUID();
      const created = await within(probe, (s) => s.create('user', userId, META));
      expect(created.token.length).toBeGreaterThanOrEqual(32);
      const stored = await probe.storedIds();
      expect(stored).toContain(created.session.id);
      expect(stored).not.toContain(created.token);
      const found = await within(probe, (s) => s.validate('user', created.token));
      expect([found?.subjectId, found?.clientAddress, found?.userAgent]).toEqual([userId, META.clientAddress, META.userAgent]);
      expect(await within(probe, (s) => s.validate('user', `${created.token}x`))).toBeNull();
    });

    it('keeps user and staff sessions apart', async () => {
      const probe = await make();
      const created = await within(probe, (s) => s.create('staff', crypto.randomUUID(), META));
      expect(await within(probe, (s) => s.validate('user', created.token))).toBeNull();
      expect(await within(probe, (s) => s.validate('staff', created.token))).not.toBeNull();
    });

    it('ends one session, or all of one subject, and lists the live ones', async () => {
      const probe = await make();
      const userId = crypto.randomUUID();
      const a = await within(probe, (s) => s.create('user', userId, META));
      const b = await within(probe, (s) => s.create('user', userId, META));
      const other = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      expect((await within(probe, (s) => s.listFor('user', userId))).map((x) => x.id).sort()).toEqual([a.session.id, b.session.id].sort());
      await within(probe, (s) => s.invalidate('user', a.token));
      expect(await within(probe, (s) => s.validate('user', a.token))).toBeNull();
      expect(await within(probe, (s) => s.validate('user', b.token))).not.toBeNull();
      await within(probe, (s) => s.invalidateAll('user', userId));
      expect(await within(probe, (s) => s.validate('user', b.token))).toBeNull();
      expect(await within(probe, (s) => s.validate('user', other.token))).not.toBeNull();
    });

    it('ends one session by id only for its own subject', async () => {
      const probe = await make();
      const userId = crypto.randomUUID();
      const mine = await within(probe, (s) => s.create('user', userId, META));
      const theirs = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      expect(await within(probe, (s) => s.end('user', userId, theirs.session.id))).toBe(false);
      expect(await within(probe, (s) => s.end('staff', userId, mine.session.id))).toBe(false);
      expect(await within(probe, (s) => s.validate('user', theirs.token))).not.toBeNull();
      expect(await within(probe, (s) => s.end('user', userId, mine.session.id))).toBe(true);
      expect(await within(probe, (s) => s.validate('user', mine.token))).toBeNull();
      expect(await within(probe, (s) => s.end('user', userId, mine.session.id))).toBe(false);
    });

    it('ends a session at its absolute lifetime however active it is', async () => {
      const probe = await make();
      const created = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      expect(created.session.absoluteExpiresAt.getTime() - created.session.createdAt.getTime()).toBe(12 * 3_600_000);
      expect(created.session.expiresAt.getTime()).toBeLessThanOrEqual(created.session.absoluteExpiresAt.getTime());
      // Active every ten minutes, so only the absolute lifetime can end it.
      for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
        probe.clock.advance(10 * 60_000);
        expect(await within(probe, (s) => s.validate('user', created.token)), `after ${minutes} min`).not.toBeNull();
      }
      probe.clock.advance(10 * 60_000);
      expect(await within(probe, (s) => s.validate('user', created.token))).toBeNull();
    });

    it('purges only expired sessions', async () => {
      const probe = await make();
      const live = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      const idle = await within(probe, (s) => s.create('staff', crypto.randomUUID(), META));
      await probe.expireIdle(idle.session.id);
      expect(await within(probe, (s) => s.purgeExpired(probe.clock.now()))).toBe(1);
      expect(await probe.storedIds()).toEqual([live.session.id]);
      const afterAbsolute = new Date(probe.clock.now().getTime() + 12 * 3_600_000);
      expect(await within(probe, (s) => s.purgeExpired(afterAbsolute))).toBe(1);
      expect(await probe.storedIds()).toEqual([]);
    });

    it('slides the idle expiry, writing it at most once a minute', async () => {
      const probe = await make();
      const created = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      const first = (await probe.storedExpiry(created.session.id))!.getTime();
      expect(first).toBe(probe.clock.now().getTime() + 30 * 60_000);
      // Requests within the minute leave the stored expiry as it is.
      probe.clock.advance(59_000);
      expect((await within(probe, (s) => s.validate('user', created.token)))?.expiresAt.getTime()).toBe(first);
      expect((await probe.storedExpiry(created.session.id))!.getTime()).toBe(first);
      // A minute on, it moves to a full idle lifetime from now.
      probe.clock.advance(1_000);
      const slid = await within(probe, (s) => s.validate('user', created.token));
      expect(slid?.expiresAt.getTime()).toBe(probe.clock.now().getTime() + 30 * 60_000);
      expect((await probe.storedExpiry(created.session.id))!.getTime()).toBe(probe.clock.now().getTime() + 30 * 60_000);
      // Used every 29 minutes, the session lives on; left 30 minutes, it ends.
      for (let i = 0; i < 4; i += 1) {
        probe.clock.advance(29 * 60_000);
        expect(await within(probe, (s) => s.validate('user', created.token))).not.toBeNull();
      }
      probe.clock.advance(30 * 60_000);
      expect(await within(probe, (s) => s.validate('user', created.token))).toBeNull();
    });

    it('ends a session whose idle expiry has passed', async () => {
      const probe = await make();
      const created = await within(probe, (s) => s.create('user', crypto.randomUUID(), META));
      await probe.expireIdle(created.session.id);
      expect(await within(probe, (s) => s.validate('user', created.token))).toBeNull();
      expect(await probe.storedIds()).not.toContain(created.session.id);
    });
  });
}
