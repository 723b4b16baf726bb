export type SessionSubject = 'user' | 'staff';

/** What the application knows about a signed-in session; the token itself is never stored. */
export interface SessionInfo {
  readonly id: string;
  readonly subjectId: string;
  readonly subject: SessionSubject;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly absoluteExpiresAt: Date;
  readonly clientAddress: string;
  readonly userAgent: string;
}

export interface SessionLifetime {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

/** How stale the stored idle expiry may get before a request writes it forward: one write a minute at most. */
export const IDLE_EXPIRY_WRITE_EVERY_MS = 60_000;

/**
 * The idle expiry a session should have after a request at `now` (never past its absolute expiry), or null when the
 * stored one is within a minute of it and need not be written: a busy session costs one UPDATE a minute, not one a
 * request, and still ends at most a minute earlier than a session written every time would.
 */
export function slidIdleExpiry(session: Pick<SessionInfo, 'expiresAt' | 'absoluteExpiresAt'>, now: Date, lifetime: SessionLifetime): Date | null {
  const slid = Math.min(now.getTime() + lifetime.idleMs, session.absoluteExpiresAt.getTime());
  return slid - session.expiresAt.getTime() >= IDLE_EXPIRY_WRITE_EVERY_MS ? new Date(slid) : null;
}

/** Whether a session is over at `now`: idle too long or past its absolute lifetime. */
export function sessionEnded(session: Pick<SessionInfo, 'expiresAt' | 'absoluteExpiresAt'>, now: Date): boolean {
  return now.getTime() >= session.expiresAt.getTime() || now.getTime() >= session.absoluteExpiresAt.getTime();
}
