export const MAIL_TOPICS = ['security', 'general', 'billing', 'services', 'domains', 'support'] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A mail the portal sends. Kept after sending: it is the account's email history. */
export class OutgoingMail {
  id!: string;
  accountId!: string | null;
  userId!: string | null;
  topic!: MailTopic;
  to!: string;
  subject!: string;
  text!: string;
  html!: string;
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
    now: Date;
  }): OutgoingMail {
    const mail = new OutgoingMail();
    mail.id = input.id;
    mail.accountId = input.accountId ?? null;
    mail.userId = input.userId ?? null;
    mail.topic = input.topic;
    mail.to = input.to;
    mail.subject = input.subject;
    mail.text = input.text;
    mail.html = input.html;
    mail.status = 'queued';
    mail.attempts = 0;
    mail.lastError = null;
    mail.createdAt = input.now;
    mail.sentAt = null;
    return mail;
  }
}
