import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { STALE_CLAIM_MS, type OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { Conflict, fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

/** A queued or failed mail untouched this long has lost its delivery job (a restore, a queue emptied by hand). */
const LOST_AFTER_MS = 30 * 60_000;
const SWEEP_LIMIT = 500;

/**
 * Mail that did not go out: the sweep that gives interrupted and orphaned mail a new delivery job, the end of the
 * retries (undeliverable), and the staff list with "send again".
 */
export class UndeliveredMail {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  /** The periodic job: returns how many mails got a new delivery job. */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    return this.deps.uow.run(async (scope) => {
      const ids = await scope.mails.sweep(new Date(now - STALE_CLAIM_MS), new Date(now - LOST_AFTER_MS), SWEEP_LIMIT);
      for (const mailId of ids) await scope.jobs.enqueue('mail.deliver', { mailId });
      return ids.length;
    });
  }

  /** The dead-letter job: every retry was refused. */
  async giveUp(mailId: string): Promise<void> {
    await this.deps.uow.run((scope) => scope.mails.markUndeliverable(mailId, 'undeliverable: every attempt for three days was refused'));
  }

  async list(actor: Actor, after: string | null | Paging): Promise<Result<Page<OutgoingMail>, DomainFailure>> {
    if (!can(actor, { type: 'staff.mail' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.backOffice.undeliveredMail(pageRequest(after, 50))));
  }

  /** Staff send a mail that did not go out once more (after the address was fixed, or SMTP is back). */
  async resend(actor: Actor, mailId: string, meta: RequestMeta): Promise<Result<OutgoingMail, DomainFailure>> {
    if (!can(actor, { type: 'staff.mail' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const mail = await scope.mails.findById(mailId);
      if (!mail) return fail(new NotFound('not_found'));
      // A one-time link whose secret was dropped with the retries is gone: the person asks for a new one.
      if (!mail.canBeSentAgain()) return fail(new Conflict(mail.status === 'sent' || mail.status === 'sending' || mail.status === 'queued' ? 'mail.not_undelivered' : 'mail.secret_gone'));
      const queued = await scope.mails.requeue(mailId);
      if (!queued) return fail(new Conflict('mail.not_undelivered'));
      await scope.jobs.enqueue('mail.deliver', { mailId });
      await audit(scope, this.deps, meta, { action: 'staff.mail_resent', actorKind: 'staff', actorId: actor.staffId, accountId: mail.accountId, details: { mail: mail.id, to: mail.to } });
      return ok(queued);
    });
  }
}
