import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
  readonly id: number;
  readonly receivedAt: Date;
  readonly messageId: string | null;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

/** What the mail catcher's pages read: the caught mail, newest first, and one by its number. */
export interface MailInbox {
  list(): readonly CaughtMail[];
  find(id: number): CaughtMail | null;
}

/**
 * An SMTP server inside the process that keeps what it receives, for `npm start` without SMTP_URL
 * and for tests: mail really travels over SMTP and is read back from here.
 */
export class SmtpCatcher implements MailInbox {
  private readonly caught: CaughtMail[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly listeners: Array<(mail: CaughtMail) => void> = [];
  private server: SMTPServer | null = null;
  private nextId = 1;

  async start(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      banner: 'portal mail catcher',
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const mail: CaughtMail = {
              id: this.nextId++,
              receivedAt: new Date(),
              messageId: parsed.messageId ?? null,
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
            };
            this.caught.push(mail);
            this.waiters.splice(0).forEach((wake) => wake());
            for (const listener of this.listeners) listener(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.server.address() as AddressInfo;
    return { url: `smtp://${host}:${address.port}`, port: address.port };
  }

  list(): readonly CaughtMail[] {
    return [...this.caught].reverse();
  }

  /** Calls `listener` with every mail caught from now on (the web workers keep a copy of the inbox). */
  onCaught(listener: (mail: CaughtMail) => void): void {
    this.listeners.push(listener);
  }

  find(id: number): CaughtMail | null {
    return this.caught.find((m) => m.id === id) ?? null;
  }

  /** Resolves with the first mail matching, waiting for it to arrive. */
  async waitFor(match: (mail: CaughtMail) => boolean, timeoutMs = 15_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.caught.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching mail arrived in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
