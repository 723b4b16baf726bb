import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import type { Clock } from '../../application/ports/clock.js';
import type { NewSession, SessionManager } from '../../application/ports/session-manager.js';
import type { Tokens } from '../../application/ports/tokens.js';
import { sessionEnded, slidIdleExpiry, type SessionInfo, type SessionLifetime, type SessionSubject } from '../../domain/identity/session.js';
import { execute, type Em } from '../mikro-orm/orm.js';
import { changeTag, EVERY_SESSION } from '../postgres/change-tags.js';

interface SessionRow {
  id: string;
  subject: SessionSubject;
  subject_id: string;
  // The driver hands timestamps over as text; they become Dates here.
  created_at: string | Date;
  expires_at: string | Date;
  absolute_expires_at: string | Date;
  client_address: string;
  user_agent: string;
}

interface Attributes {
  subject: SessionSubject;
  createdAt: Date;
  absoluteExpiresAt: Date;
  clientAddress: string;
  userAgent: string;
}

const metaOf = (session: object): Attributes => (session as { meta: Attributes }).meta;

/** Lucia's storage adapter over the `sessions` table, limited to one subject (users or staff). */
class SessionTableAdapter implements Adapter {
  constructor(
    private readonly em: Em,
    private readonly subject: SessionSubject,
    private readonly changed: Set<string>,
  ) {}

  private toDatabaseSession(row: SessionRow): DatabaseSession {
    const attributes: Attributes = {
      subject: row.subject,
      createdAt: new Date(row.created_at),
      absoluteExpiresAt: new Date(row.absolute_expires_at),
      clientAddress: row.client_address,
      userAgent: row.user_agent,
    };
    return { id: row.id, userId: row.subject_id, expiresAt: new Date(row.expires_at), attributes: attributes as unknown as DatabaseSession['attributes'] };
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await execute<SessionRow>(this.em, 'select * from sessions where id = $1 and subject = $2', [sessionId, this.subject]);
    if (!row) return [null, null];
    return [this.toDatabaseSession(row), { id: row.subject_id, attributes: {} as DatabaseUser['attributes'] }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await execute<SessionRow>(this.em, 'select * from sessions where subject = $1 and subject_id = $2 order by created_at desc', [this.subject, userId]);
    return rows.map((row) => this.toDatabaseSession(row));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const a = session.attributes as unknown as Attributes;
    await execute(
      this.em,
      'insert into sessions (id, subject, subject_id, created_at, expires_at, absolute_expires_at, client_address, user_agent) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      [session.id, this.subject, session.userId, a.createdAt, session.expiresAt, a.absoluteExpiresAt, a.clientAddress, a.userAgent],
    );
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await execute(this.em, 'update sessions set expires_at = least($1, absolute_expires_at) where id = $2', [expiresAt, sessionId]);
    this.changed.add(changeTag.session(sessionId));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await execute(this.em, 'delete from sessions where id = $1 and subject = $2', [sessionId, this.subject]);
    this.changed.add(changeTag.session(sessionId));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await execute(this.em, 'delete from sessions where subject = $1 and subject_id = $2', [this.subject, userId]);
    this.changed.add(this.subject === 'user' ? changeTag.user(userId) : changeTag.staff(userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    await execute(this.em, 'delete from sessions where expires_at <= now() or absolute_expires_at <= now()');
    this.changed.add(EVERY_SESSION);
  }
}

/**
 * Lucia (v3) kept behind our port. Lucia's session id is the SHA-256 of the token the cookie carries,
 * so the table never holds a usable token. Lucia's adapter stores and ends sessions; creating and validating them
 * follow our clock and the rules of domain/identity/session.ts (sliding idle expiry, absolute lifetime).
 */
export class LuciaSessionManager implements SessionManager {
  private readonly lucias: Record<SessionSubject, Lucia>;
  private readonly adapters: Record<SessionSubject, SessionTableAdapter>;
  /**
   * What this manager changed, as the tags of the session cache (`s <session id>`, `u <user id>`, `m <staff id>`, or
   * every session): the unit of work drops those from this process's cache when its work is done.
   */
  readonly changed = new Set<string>();

  constructor(
    private readonly em: Em,
    private readonly deps: { clock: Clock; tokens: Tokens; lifetime: SessionLifetime },
  ) {
    this.adapters = { user: new SessionTableAdapter(em, 'user', this.changed), staff: new SessionTableAdapter(em, 'staff', this.changed) };
    const make = (subject: SessionSubject) =>
      new Lucia(this.adapters[subject], {
        sessionExpiresIn: new TimeSpan(Math.max(1, Math.round(deps.lifetime.idleMs / 1000)), 's'),
        getSessionAttributes: (attributes) => ({ meta: attributes as unknown as Attributes }),
      });
    this.lucias = { user: make('user'), staff: make('staff') };
  }

  async create(subject: SessionSubject, subjectId: string, meta: { clientAddress: string; userAgent: string }): Promise<NewSession> {
    const token = this.deps.tokens.generate();
    const now = this.deps.clock.now();
    const attributes: Attributes = {
      subject,
      createdAt: now,
      absoluteExpiresAt: new Date(now.getTime() + this.deps.lifetime.absoluteMs),
      clientAddress: meta.clientAddress.slice(0, 100),
      userAgent: meta.userAgent.slice(0, 400),
    };
    // Stored through Lucia's adapter, but dated by our clock (Lucia dates by the wall clock), as validation is.
    const id = this.deps.tokens.hash(token);
    const expiresAt = new Date(Math.min(now.getTime() + this.deps.lifetime.idleMs, attributes.absoluteExpiresAt.getTime()));
    await this.adapters[subject].setSession({ id, userId: subjectId, expiresAt, attributes: attributes as unknown as DatabaseSession['attributes'] });
    return { token, session: this.toInfo(subject, id, subjectId, expiresAt, attributes) };
  }

  /**
   * One SELECT per request; the idle expiry is written forward only when it has fallen a minute behind (Lucia's own
   * validation would write at half the idle lifetime, letting a session end up to 15 minutes early).
   */
  async validate(subject: SessionSubject, token: string): Promise<SessionInfo | null> {
    const [stored] = await this.adapters[subject].getSessionAndUser(this.idOf(token));
    if (!stored) return null;
    return this.check(subject, this.toInfo(subject, stored.id, stored.userId, stored.expiresAt, stored.attributes as unknown as Attributes));
  }

  idOf(token: string): string {
    return this.deps.tokens.hash(token);
  }

  async check(subject: SessionSubject, session: SessionInfo): Promise<SessionInfo | null> {
    const now = this.deps.clock.now();
    if (session.subject !== subject) return null;
    if (sessionEnded(session, now)) {
      await this.adapters[subject].deleteSession(session.id);
      return null;
    }
    const slid = slidIdleExpiry(session, now, this.deps.lifetime);
    if (!slid) return session;
    await this.adapters[subject].updateSessionExpiration(session.id, slid);
    return { ...session, expiresAt: slid };
  }

  async invalidate(subject: SessionSubject, token: string): Promise<void> {
    await this.lucias[subject].invalidateSession(this.deps.tokens.hash(token));
  }

  async invalidateAll(subject: SessionSubject, subjectId: string): Promise<void> {
    await this.lucias[subject].invalidateUserSessions(subjectId);
  }

  async end(subject: SessionSubject, subjectId: string, sessionId: string): Promise<boolean> {
    const removed = await execute(this.em, 'delete from sessions where id = $1 and subject = $2 and subject_id = $3 returning id', [sessionId, subject, subjectId]);
    this.changed.add(changeTag.session(sessionId));
    return removed.length === 1;
  }

  async purgeExpired(now: Date): Promise<number> {
    const removed = await execute(this.em, 'delete from sessions where expires_at <= $1 or absolute_expires_at <= $1 returning id', [now]);
    this.changed.add(EVERY_SESSION);
    return removed.length;
  }

  async listFor(subject: SessionSubject, subjectId: string): Promise<SessionInfo[]> {
    const sessions = await this.lucias[subject].getUserSessions(subjectId);
    const now = this.deps.clock.now().getTime();
    return sessions
      .map((s) => this.toInfo(subject, s.id, s.userId, s.expiresAt, metaOf(s)))
      .filter((s) => s.absoluteExpiresAt.getTime() > now);
  }

  private toInfo(subject: SessionSubject, id: string, subjectId: string, expiresAt: Date, a: Attributes): SessionInfo {
    return {
      id,
      subject,
      subjectId,
      createdAt: a.createdAt,
      expiresAt: new Date(Math.min(expiresAt.getTime(), a.absoluteExpiresAt.getTime())),
      absoluteExpiresAt: a.absoluteExpiresAt,
      clientAddress: a.clientAddress,
      userAgent: a.userAgent,
    };
  }
}
