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
