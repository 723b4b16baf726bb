import type { MailAbout } from '../../domain/authorization/policy.js';
import { OutgoingMail, type MailTopic } from '../../domain/mail/outgoing-mail.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';
import type { MailContent } from './mail-content.js';

export { SECRET_MARK } from '../../domain/mail/outgoing-mail.js';

/**
 * Stores the mail (it is history from now on) and enqueues its delivery in the same transaction. A mail carrying a
 * one-time secret is composed with SECRET_MARK in its place and given the secret apart: the secret is kept sealed
 * until delivery only, and the mail is personal (never in an account's shared history).
 */
export async function queueMail(
  scope: TransactionScope,
  services: Pick<Services, 'clock' | 'ids' | 'secrets'>,
  input: { to: string; topic: MailTopic; content: MailContent; accountId?: string | null; userId?: string | null; secret?: string; personal?: boolean; about?: MailAbout },
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
    personal: input.personal,
    about: input.about ?? null,
    sealedSecret: input.secret === undefined ? null : services.secrets.seal(input.secret),
    now: services.clock.now(),
  });
  await scope.mails.add(mail);
  await scope.jobs.enqueue('mail.deliver', { mailId: mail.id });
  return mail;
}
