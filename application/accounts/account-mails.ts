import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import type { Services } from '../shared/services.js';

/** The email history of an account: every mail the portal sent for it, welcome and access data included. */
export class AccountMails {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  async list(actor: Actor, accountId: string, page: { after?: string | null; limit?: number }): Promise<Result<Page<OutgoingMail>, DomainFailure>> {
    if (!can(actor, { type: 'account.emails', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
    return ok(await this.deps.uow.run((scope) => scope.mails.listForAccount(accountId, { after: page.after ?? null, limit })));
  }

  async show(actor: Actor, accountId: string, mailId: string): Promise<Result<OutgoingMail, DomainFailure>> {
    if (!can(actor, { type: 'account.emails', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const mail = await this.deps.uow.run((scope) => scope.mails.findById(mailId));
    if (!mail || mail.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(mail);
  }
}
