import type { SessionInfo, SessionSubject } from '../../domain/identity/session.js';

export interface NewSession {
  readonly token: string;
  readonly session: SessionInfo;
}

/** Sessions of users and staff. The cookie carries the token; storage holds only its SHA-256. */
export interface SessionManager {
  create(subject: SessionSubject, subjectId: string, meta: { clientAddress: string; userAgent: string }): Promise<NewSession>;
  /** The live session for a token (idle expiry slides forward), or null when unknown or expired. */
  validate(subject: SessionSubject, token: string): Promise<SessionInfo | null>;
  /** The id a token's session is stored under (its SHA-256), to read the session together with its subject. */
  idOf(token: string): string;
  /**
   * The same rules as `validate` for a session read elsewhere (with its subject, in one statement): null when it has
   * ended (and it is deleted), else the session, its idle expiry written forward when a minute behind.
   */
  check(subject: SessionSubject, session: SessionInfo): Promise<SessionInfo | null>;
  invalidate(subject: SessionSubject, token: string): Promise<void>;
  invalidateAll(subject: SessionSubject, subjectId: string): Promise<void>;
  /** Ends one session of this subject by its id (as listed); false when it is not theirs or already gone. */
  end(subject: SessionSubject, subjectId: string, sessionId: string): Promise<boolean>;
  listFor(subject: SessionSubject, subjectId: string): Promise<SessionInfo[]>;
  /** Deletes every session past its idle or absolute expiry; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
