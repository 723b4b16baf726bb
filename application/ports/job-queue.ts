export interface JobPayloads {
  'mail.deliver': { mailId: string };
  /** A mail whose retries are spent (the dead-letter queue of mail.deliver). */
  'mail.undeliverable': { mailId: string };
  /** Gives interrupted and orphaned mail a new delivery job; every minute. */
  'mail.sweep': Record<string, never>;
  /** A public email-change form's submission: the OIB is looked up here, not while the visitor waits. */
  'email_change.public': { submissionId: string };
  /** A forgotten-password request: the address is looked up here, not while the visitor waits. */
  'identity.password_reset': { email: string; meta: { clientAddress: string; userAgent: string; locale: 'hr' | 'en' } };
  'maintenance.purge': Record<string, never>;
  'billing.renewals': Record<string, never>;
  'announcements.mail': { announcementId: string };
  /** Fiscalizes a consumer's invoice until its JIR comes (subsequent delivery). */
  'fiscal.invoice': { invoiceId: string };
  /** Sends an eRačun through the intermediary, once. */
  'einvoice.send': { invoiceId: string };
  /** Asks the intermediary where sent eRačuni stand and which buyers rejected one; every few minutes. */
  'einvoice.poll': Record<string, never>;
  /** Reports a collected payment of an eRačun (eIzvještavanje) until it is accepted. */
  'einvoice.report_payment': { paymentId: string };
  /** One signed POST of an event to one webhook endpoint, retried with a growing delay. */
  'webhooks.deliver': { deliveryId: string };
  /** A delivery whose retries are spent (the dead-letter queue of webhooks.deliver). */
  'webhooks.failed': { deliveryId: string };
}
export type JobName = keyof JobPayloads;

/** Enqueues work in the current transaction: the job exists exactly when the change commits. */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

/** Runs handlers for queued jobs, retrying failures; `concurrency` jobs of the queue at once. */
export interface JobWorker {
  handle<N extends JobName>(name: N, handler: JobHandler<N>, options?: { concurrency?: number }): Promise<void>;
}
