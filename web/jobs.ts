import { RunRenewals } from '../application/billing/run-renewals.js';
import { EmailChange } from '../application/email-change/email-change.js';
import { RequestPasswordReset } from '../application/identity/request-password-reset.js';
import { DeliverMail } from '../application/mail/deliver-mail.js';
import { UndeliveredMail } from '../application/mail/undelivered-mail.js';
import { PurgeExpiredRecords } from '../application/maintenance/purge-expired-records.js';
import { Announcements } from '../application/help/announcements.js';
import type { JobWorker } from '../application/ports/job-queue.js';
import type { Mailer } from '../application/ports/mailer.js';
import type { Services } from '../application/shared/services.js';
import { FiscalizeInvoice } from '../application/fiscal/fiscalize-invoice.js';
import { PollEInvoices, SendEInvoice } from '../application/fiscal/send-einvoice.js';
import { ReportPayment } from '../application/fiscal/report-payment.js';
import type { WebhookSender } from '../application/ports/integrations.js';
import { Webhooks } from '../application/integrations/webhooks.js';
import { NodeWebhookSender } from '../adapters/http/node-webhook-sender.js';

/** Mails sent at once by one instance; the SMTP pool has as many connections as `SMTP_POOL_SIZE`. */
export const MAIL_CONCURRENCY = 20;

/** The background work: each job calls its use case. The same wiring for pg-boss and for the in-memory worker. */
export async function registerJobHandlers(worker: JobWorker, services: Services, mail: { mailer: Mailer; messageIdDomain: string }, integrations: { webhookSender?: WebhookSender } = {}): Promise<void> {
  const deliverMail = new DeliverMail({ ...services, ...mail });
  const purge = new PurgeExpiredRecords(services);
  const renewals = new RunRenewals({ ...services, policy: services.settings.billing.renewal });
  const reset = new RequestPasswordReset(services);
  const emailChange = new EmailChange(services);
  const undelivered = new UndeliveredMail(services);
  // Mail waits on a remote server: many at once (over a pool of SMTP connections). The rest are rare.
  await worker.handle('mail.deliver', async ({ mailId }) => void (await deliverMail.execute(mailId)), { concurrency: MAIL_CONCURRENCY });
  await worker.handle('mail.undeliverable', ({ mailId }) => undelivered.giveUp(mailId));
  await worker.handle('mail.sweep', async () => void (await undelivered.sweep()));
  await worker.handle('maintenance.purge', async () => void (await purge.execute()));
  await worker.handle('billing.renewals', async () => void (await renewals.execute()));
  await worker.handle('identity.password_reset', (payload) => reset.deliver(payload));
  await worker.handle('email_change.public', ({ submissionId }) => emailChange.processPublic(submissionId));
  const announcements = new Announcements(services);
  await worker.handle('announcements.mail', async ({ announcementId }) => void (await announcements.mailBatch(announcementId)));
  // The Tax Administration and the intermediary answer in seconds: a few at once, each claimed before it is sent.
  const fiscalize = new FiscalizeInvoice(services);
  const sendEInvoice = new SendEInvoice(services);
  const poll = new PollEInvoices(services);
  const reportPayment = new ReportPayment(services);
  await worker.handle('fiscal.invoice', async ({ invoiceId }) => void (await fiscalize.execute(invoiceId)), { concurrency: 4 });
  await worker.handle('einvoice.send', async ({ invoiceId }) => void (await sendEInvoice.execute(invoiceId)), { concurrency: 4 });
  await worker.handle('einvoice.poll', async () => void (await poll.execute()));
  await worker.handle('einvoice.report_payment', async ({ paymentId }) => void (await reportPayment.execute(paymentId)), { concurrency: 4 });
  // Plain http and loopback targets only when the portal itself runs on this machine (tests, the demo).
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(services.settings.appUrl).hostname);
  const webhooks = new Webhooks(services, integrations.webhookSender ?? new NodeWebhookSender({ allowLoopback: local }));
  await worker.handle('webhooks.deliver', ({ deliveryId }) => webhooks.deliver(deliveryId), { concurrency: 10 });
  await worker.handle('webhooks.failed', ({ deliveryId }) => webhooks.giveUp(deliveryId));
}
