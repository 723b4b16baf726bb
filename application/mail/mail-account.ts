import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can, type MailAbout } from '../../domain/authorization/policy.js';
import type { Contact, Subscription } from '../../domain/contacts/contact.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';
import type { MailContent } from './mail-content.js';
import { queueMail } from './queue-mail.js';

const asActor = (contact: Contact): Actor => ({ kind: 'user', userId: contact.userId ?? contact.id, memberships: [contact.membership()] });

/**
 * A mail about the account: the account's own address always gets it (it is where the law and the contract
 * reach the client), and so does every contact subscribed to its kind whom the policy lets read what it is about
 * (its rights, and for a contact scoped to part of the account, only that part), each in their language, each once.
 */
export async function mailAccount(
  scope: TransactionScope,
  services: Pick<Services, 'clock' | 'ids' | 'secrets'>,
  input: { account: ClientAccount; topic: Subscription; compose: (locale: Locale) => MailContent; about?: MailAbout },
): Promise<OutgoingMail[]> {
  const { account, topic } = input;
  const owner = await scope.users.findById(account.ownerUserId);
  const subscribers = await scope.contacts.listSubscribers(account.id, topic);
  const recipients = new Map<string, Locale>([[account.email, owner?.locale ?? 'hr']]);
  for (const contact of subscribers) {
    if (recipients.has(contact.email)) continue;
    if (can(asActor(contact), { type: 'mail.receive', accountId: account.id, topic, ...(input.about ? { about: input.about } : {}) }).allowed) recipients.set(contact.email, contact.locale);
  }
  const byLocale = new Map<Locale, MailContent>();
  const sent: OutgoingMail[] = [];
  for (const [to, locale] of recipients) {
    const content = byLocale.get(locale) ?? input.compose(locale);
    byLocale.set(locale, content);
    sent.push(await queueMail(scope, services, { to, topic, accountId: account.id, content, ...(input.about ? { about: input.about } : {}) }));
  }
  return sent;
}
