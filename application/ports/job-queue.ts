export interface JobPayloads {
  'mail.deliver': { mailId: string };
  /** A public email-change form's submission: the OIB is looked up here, not while the visitor waits. */
  'email_change.public': { submissionId: string };
  /** A forgotten-password request: the address is looked up here, not while the visitor waits. */
  'identity.password_reset': { email: string; meta: { clientAddress: string; userAgent: string; locale: 'hr' | 'en' } };
  'maintenance.purge': Record<string, never>;
  'billing.renewals': Record<string, never>;
  'announcements.mail': { announcementId: string };
}
export type JobName = keyof JobPayloads;

/** Enqueues work in the current transaction: the job exists exactly when the change commits. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

/** Runs handlers for queued jobs, retrying failures. */
export interface JobWorker {
  handle<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void>;
}
