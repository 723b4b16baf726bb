import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { User } from '../../domain/identity/user.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { JobName, JobPayloads } from '../../application/ports/job-queue.js';

export interface QueuedJob {
  readonly name: JobName;
  readonly payload: JobPayloads[JobName];
}

/** The tables of the in-memory database. Values are copies; a transaction snapshots the maps. */
export class InMemoryStore {
  users = new Map<string, User>();
  accounts = new Map<string, ClientAccount>();
  staff = new Map<string, StaffMember>();
  resetTokens = new Map<string, PasswordResetToken>();
  mails = new Map<string, OutgoingMail>();
  audit: AuditEntry[] = [];
  sessions = new Map<string, SessionInfo>();
  jobs: QueuedJob[] = [];

  snapshot(): () => void {
    const saved = {
      users: new Map(this.users),
      accounts: new Map(this.accounts),
      staff: new Map(this.staff),
      resetTokens: new Map(this.resetTokens),
      mails: new Map(this.mails),
      audit: [...this.audit],
      sessions: new Map(this.sessions),
      jobs: [...this.jobs],
    };
    return () => Object.assign(this, saved);
  }
}
