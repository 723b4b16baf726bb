import type { CaughtMail, MailInbox } from './smtp-catcher.js';

/**
 * A copy of the mail catcher's inbox in a web worker: the catcher runs in the primary process, which sends each mail
 * it catches to every worker, so `/dev/mail` answers alike whichever worker takes the request.
 */
export class MirroredInbox implements MailInbox {
  private readonly caught = new Map<number, CaughtMail>();

  add(mail: CaughtMail): void {
    this.caught.set(mail.id, mail);
  }

  list(): readonly CaughtMail[] {
    return [...this.caught.values()].sort((a, b) => b.id - a.id);
  }

  find(id: number): CaughtMail | null {
    return this.caught.get(id) ?? null;
  }
}
