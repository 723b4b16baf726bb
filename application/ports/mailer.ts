export interface MailEnvelope {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Hands a mail to the transport (SMTP). Throws when the transport refuses it. */
export interface Mailer {
  send(mail: MailEnvelope): Promise<void>;
}
