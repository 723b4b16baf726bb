import type { MailEnvelope, Mailer } from '../../application/ports/mailer.js';

export class InMemoryMailer implements Mailer {
  readonly sent: MailEnvelope[] = [];
  /** Set to make the next sends fail, as an SMTP server that refuses would. */
  failWith: Error | null = null;

  async send(mail: MailEnvelope): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(structuredClone(mail));
  }
}
