import type { NewSession, SessionManager } from '../../application/ports/session-manager.js';
import type { Clock } from '../../application/ports/clock.js';
import type { Tokens } from '../../application/ports/tokens.js';
import { sessionEnded, slidIdleExpiry, type SessionInfo, type SessionLifetime, type SessionSubject } from '../../domain/identity/session.js';
import type { InMemoryStore } from './in-memory-store.js';

/** Same rules as the Lucia adapter: idle expiry slides (written a minute behind at most), absolute expiry never moves. */
export class InMemorySessionManager implements SessionManager {
  constructor(
    private readonly store: InMemoryStore,
    private readonly deps: { clock: Clock; tokens: Tokens; lifetime: SessionLifetime },
  ) {}

  async create(subject: SessionSubject, subjectId: string, meta: { clientAddress: string; userAgent: string }): Promise<NewSession> {
    const token = this.deps.tokens.generate();
    const now = this.deps.clock.now();
    const absoluteExpiresAt = new Date(now.getTime() + this.deps.lifetime.absoluteMs);
    const session: SessionInfo = {
      id: this.deps.tokens.hash(token),
      subject,
      subjectId,
      createdAt: now,
      expiresAt: new Date(Math.min(now.getTime() + this.deps.lifetime.idleMs, absoluteExpiresAt.getTime())),
      absoluteExpiresAt,
      clientAddress: meta.clientAddress,
      userAgent: meta.userAgent.slice(0, 400),
    };
    this.store.sessions.set(session.id, session);
    return { token, session };
  }

  async validate(subject: SessionSubject, token: string): Promise<SessionInfo | null> {
    const session = this.store.sessions.get(this.idOf(token));
    return session ? this.check(subject, session) : null;
  }

  idOf(token: string): string {
    return this.deps.tokens.hash(token);
  }

  async check(subject: SessionSubject, session: SessionInfo): Promise<SessionInfo | null> {
    const id = session.id;
    if (session.subject !== subject || !this.store.sessions.has(id)) return null;
    const now = this.deps.clock.now();
    if (sessionEnded(session, now)) {
      this.store.sessions.delete(id);
      return null;
    }
    const slid = slidIdleExpiry(session, now, this.deps.lifetime);
    if (!slid) return session;
    const extended = { ...session, expiresAt: slid };
    this.store.sessions.set(id, extended);
    return extended;
  }

  async invalidate(subject: SessionSubject, token: string): Promise<void> {
    const id = this.deps.tokens.hash(token);
    if (this.store.sessions.get(id)?.subject === subject) this.store.sessions.delete(id);
  }

  async invalidateAll(subject: SessionSubject, subjectId: string): Promise<void> {
    for (const [id, session] of this.store.sessions) {
      if (session.subject === subject && session.subjectId === subjectId) this.store.sessions.delete(id);
    }
  }

  async end(subject: SessionSubject, subjectId: string, sessionId: string): Promise<boolean> {
    const session = this.store.sessions.get(sessionId);
    if (!session || session.subject !== subject || session.subjectId !== subjectId) return false;
    this.store.sessions.delete(sessionId);
    return true;
  }

  async purgeExpired(now: Date): Promise<number> {
    let removed = 0;
    for (const [id, session] of this.store.sessions) {
      if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= session.absoluteExpiresAt.getTime()) {
        this.store.sessions.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  async listFor(subject: SessionSubject, subjectId: string): Promise<SessionInfo[]> {
    return [...this.store.sessions.values()]
      .filter((s) => s.subject === subject && s.subjectId === subjectId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
