import nodemailer, { type Transporter } from 'nodemailer';
import type { MailEnvelope, Mailer } from '../../application/ports/mailer.js';

export interface SmtpSettings {
  /** Connections kept open and shared by the mails sent at once. */
  readonly poolSize: number;
  /** Waiting for the connection, for the server's greeting (some greet slowly on purpose), and for any answer. */
  readonly connectionTimeoutMs: number;
  readonly greetingTimeoutMs: number;
  readonly socketTimeoutMs: number;
}

export const DEFAULT_SMTP_SETTINGS: SmtpSettings = { poolSize: 5, connectionTimeoutMs: 60_000, greetingTimeoutMs: 60_000, socketTimeoutMs: 120_000 };

/** Mail over SMTP with nodemailer, over a pool of connections. The Message-ID is the mail's own id, so receivers can drop a duplicate. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string, settings: SmtpSettings = DEFAULT_SMTP_SETTINGS) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: settings.poolSize,
      maxMessages: 1000,
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: settings.connectionTimeoutMs,
      greetingTimeout: settings.greetingTimeoutMs,
      socketTimeout: settings.socketTimeoutMs,
    });
  }

  async send(mail: MailEnvelope): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
  }

  close(): void {
    this.transport.close();
  }
}
