import type { Mailer } from '../ports/mailer.js';
import type { Services } from '../shared/services.js';

/**
 * The job behind every mail. The claim is committed before SMTP is spoken, so a retried job never
 * sends a mail twice: a mail found `sending` or `sent` is left alone. Once sent, its secret (if any) is dropped.
 */
export class DeliverMail {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'secrets'> & { mailer: Mailer; messageIdDomain: string }) {}

  async execute(mailId: string): Promise<'sent' | 'skipped'> {
    const mail = await this.deps.uow.run((scope) => scope.mails.claimForDelivery(mailId));
    if (!mail) return 'skipped';
    try {
      await this.deps.mailer.send({ messageId: `<${mail.id}@${this.deps.messageIdDomain}>`, to: mail.to, ...mail.forDelivery((sealed) => this.deps.secrets.open(sealed)) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.deps.uow.run((scope) => scope.mails.markFailed(mailId, reason.slice(0, 500)));
      throw error;
    }
    await this.deps.uow.run((scope) => scope.mails.markSent(mailId, this.deps.clock.now()));
    return 'sent';
  }
}
