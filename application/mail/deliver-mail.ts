import { STALE_CLAIM_MS } from '../../domain/mail/outgoing-mail.js';
import type { Mailer } from '../ports/mailer.js';
import type { Services } from '../shared/services.js';

/**
 * The job behind every mail. The claim is committed before SMTP is spoken, so a retried job never sends a mail
 * that is sent or being sent; a claim left by a sender that died goes stale and is taken again (at least once,
 * with the same Message-ID, so the receiver can drop a repeat). Once sent, the mail's secret (if any) is dropped.
 * The claim and each mark are one statement each, committed on their own (`single`): no transaction around them.
 */
export class DeliverMail {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'secrets'> & { mailer: Mailer; messageIdDomain: string }) {}

  async execute(mailId: string): Promise<'sent' | 'skipped'> {
    const now = this.deps.clock.now();
    const mail = await this.deps.uow.single((scope) => scope.mails.claimForDelivery(mailId, now, new Date(now.getTime() - STALE_CLAIM_MS)));
    if (!mail) return 'skipped';
    try {
      await this.deps.mailer.send({ messageId: `<${mail.id}@${this.deps.messageIdDomain}>`, to: mail.to, ...mail.forDelivery((sealed) => this.deps.secrets.open(sealed)) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.deps.uow.single((scope) => scope.mails.markFailed(mailId, reason.slice(0, 500)));
      throw error;
    }
    await this.deps.uow.single((scope) => scope.mails.markSent(mailId, this.deps.clock.now()));
    return 'sent';
  }
}
