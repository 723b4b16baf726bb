export const MAIL_TOPICS = ['security', 'general', 'billing', 'services', 'domains', 'support'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/**
 * Where a one-time secret (a reset or invitation link's token, a transfer code) stands in a stored mail. The
 * secret itself is kept only sealed beside the mail until it is delivered, then dropped: the history never holds it.
 */
export const SECRET_MARK = '{{secret}}';
/** What a reader of the history sees where the secret was. */
export const REDACTED = '••••••••';

/** A mail the portal sends. Kept after sending: it is the account's email history, or the addressee's own. */
export class OutgoingMail {
  id!: string;
  accountId!: string | null;
  userId!: string | null;
  topic!: MailTopic;
  to!: string;
  subject!: string;
  text!: string;
  html!: string;
  /** Shown only to the person it was sent to (userId), never in an account's shared history. */
  personal!: boolean;
  /** The secret for SECRET_MARK, sealed; null once delivered (or for a mail without one). */
  sealedSecret!: string | null;
  status!: MailStatus;
  attempts!: number;
  lastError!: string | null;
  createdAt!: Date;
  sentAt!: Date | null;

  static compose(input: {
    id: string;
    accountId?: string | null;
    userId?: string | null;
    topic: MailTopic;
    to: string;
    subject: string;
    text: string;
    html: string;
    personal?: boolean;
    sealedSecret?: string | null;
    now: Date;
  }): OutgoingMail {
    const sealedSecret = input.sealedSecret ?? null;
    if (sealedSecret !== null && !input.text.includes(SECRET_MARK)) throw new Error('a mail with a secret must show where it goes');
    const mail = new OutgoingMail();
    mail.id = input.id;
    mail.accountId = input.accountId ?? null;
    mail.userId = input.userId ?? null;
    mail.topic = input.topic;
    mail.to = input.to;
    mail.subject = input.subject;
    mail.text = input.text;
    mail.html = input.html;
    // Mail with a secret, and security mail, concern one person only.
    mail.personal = sealedSecret !== null || input.topic === 'security' || (input.personal ?? false);
    mail.sealedSecret = sealedSecret;
    mail.status = 'queued';
    mail.attempts = 0;
    mail.lastError = null;
    mail.createdAt = input.now;
    mail.sentAt = null;
    return mail;
  }

  /** The content to hand to the transport, with the secret in its place. */
  forDelivery(openSecret: (sealed: string) => string): { subject: string; text: string; html: string } {
    const secret = this.sealedSecret === null ? REDACTED : openSecret(this.sealedSecret);
    const put = (s: string) => s.split(SECRET_MARK).join(secret);
    return { subject: put(this.subject), text: put(this.text), html: put(this.html) };
  }

  /** The text as the history shows it: the secret never appears. */
  shownText(): string {
    return this.text.split(SECRET_MARK).join(REDACTED);
  }
}
