import type { TicketRef } from '../support/ticket.js';

/** What a mail is about, so the history shows it only to members who may read that service, domain or ticket. */
export interface MailAbout {
  readonly serviceIds?: readonly string[];
  readonly domainIds?: readonly string[];
  readonly ticket?: TicketRef;
}

export const MAIL_TOPICS = ['security', 'general', 'billing', 'services', 'domains', 'support'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];
/**
 * queued → sending → sent. A refused attempt is `failed` and tried again (every 15 minutes at most, for three
 * days); then `undeliverable`, listed for staff to send again. A `sending` mail whose sender died is claimed
 * again once stale: delivery is at least once, and the Message-ID stays the same so a receiver drops a repeat.
 */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'undeliverable'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A claim older than this belongs to a sender that died (SMTP answers or times out well within it). */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Where a one-time secret (a reset or invitation link's token, a transfer code) stands in a stored mail. The
 * secret itself is kept only sealed beside the mail until it is delivered, then dropped: the history never holds it.
 */
export const SECRET_MARK = '{{secret}}';
/** What a reader of the history sees where the secret was. */
export const REDACTED = '••••••••';

/** A mail the portal sends. Kept after sending: it is the account's email history, or the addressee's own. */
/** What the history list shows of a mail (no bodies): what the history page reads, for reading only. */
export const MAIL_SUMMARY = ['id', 'accountId', 'topic', 'to', 'subject', 'status', 'createdAt', 'sentAt'] as const;
export type MailSummary = Readonly<Pick<OutgoingMail, (typeof MAIL_SUMMARY)[number]>>;

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
  /** What the mail is about (services, domains, a ticket), so that the history shows it only to who may read that. */
  about!: MailAbout | null;
  /** The secret for SECRET_MARK, sealed; null once delivered (or for a mail without one). */
  sealedSecret!: string | null;
  status!: MailStatus;
  attempts!: number;
  lastError!: string | null;
  /** When the last attempt began. */
  claimedAt!: Date | null;
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
    about?: MailAbout | null;
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
    mail.about = input.about ?? null;
    mail.status = 'queued';
    mail.attempts = 0;
    mail.lastError = null;
    mail.claimedAt = null;
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

  /** Whether staff may send it again: it did not go out, and what it carries is still there to send. */
  canBeSentAgain(): boolean {
    return (this.status === 'undeliverable' || this.status === 'failed') && (this.sealedSecret !== null || !this.text.includes(SECRET_MARK));
  }

  /** The text as the history shows it: the secret never appears. */
  shownText(): string {
    return this.text.split(SECRET_MARK).join(REDACTED);
  }
}
