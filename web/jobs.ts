import { RunRenewals } from '../application/billing/run-renewals.js';
import { EmailChange } from '../application/email-change/email-change.js';
import { RequestPasswordReset } from '../application/identity/request-password-reset.js';
import { DeliverMail } from '../application/mail/deliver-mail.js';
import { PurgeExpiredRecords } from '../application/maintenance/purge-expired-records.js';
import { Announcements } from '../application/help/announcements.js';
import type { JobWorker } from '../application/ports/job-queue.js';
import type { Mailer } from '../application/ports/mailer.js';
import type { Services } from '../application/shared/services.js';

/** The background work: each job calls its use case. The same wiring for pg-boss and for the in-memory worker. */
export async function registerJobHandlers(worker: JobWorker, services: Services, mail: { mailer: Mailer; messageIdDomain: string }): Promise<void> {
  const deliverMail = new DeliverMail({ ...services, ...mail });
  const purge = new PurgeExpiredRecords(services);
  const renewals = new RunRenewals({ ...services, policy: services.settings.billing.renewal });
  const reset = new RequestPasswordReset(services);
  const emailChange = new EmailChange(services);
  await worker.handle('mail.deliver', async ({ mailId }) => void (await deliverMail.execute(mailId)));
  await worker.handle('maintenance.purge', async () => void (await purge.execute()));
  await worker.handle('billing.renewals', async () => void (await renewals.execute()));
  await worker.handle('identity.password_reset', (payload) => reset.deliver(payload));
  await worker.handle('email_change.public', ({ submissionId }) => emailChange.processPublic(submissionId));
  const announcements = new Announcements(services);
  await worker.handle('announcements.mail', async ({ announcementId }) => void (await announcements.mailBatch(announcementId)));
}
