import { OutgoingMail, type MailTopic } from '../../domain/mail/outgoing-mail.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';
import type { MailContent } from './mail-content.js';

/** Stores the mail (it is history from now on) and enqueues its delivery in the same transaction. */
export async function queueMail(
  scope: TransactionScope,
  services: Pick<Services, 'clock' | 'ids'>,
  input: { to: string; topic: MailTopic; content: MailContent; accountId?: string | null; userId?: string | null },
): Promise<OutgoingMail> {
  const mail = OutgoingMail.compose({
    id: services.ids.newId(),
    accountId: input.accountId ?? null,
    userId: input.userId ?? null,
    topic: input.topic,
    to: input.to,
    subject: input.content.subject,
    text: input.content.text,
    html: input.content.html,
    now: services.clock.now(),
  });
  await scope.mails.add(mail);
  await scope.jobs.enqueue('mail.deliver', { mailId: mail.id });
  return mail;
}
