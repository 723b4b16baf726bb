import nodemailer, { type Transporter } from 'nodemailer';
import type { MailEnvelope, Mailer } from '../../application/ports/mailer.js';

/** Mail over SMTP with nodemailer. The Message-ID is the mail's own id, so receivers can drop a duplicate. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: MailEnvelope): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
  }

  close(): void {
    this.transport.close();
  }
}
