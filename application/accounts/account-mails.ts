import type { Actor } from '../../domain/authorization/actor.js';
import { can, mailHistoryFilter, mailReadable, type MailHistoryFilter } from '../../domain/authorization/policy.js';
import type { MailSummary, OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { MailRepository, Page, PageRequest } from '../ports/repositories.js';
import type { Services } from '../shared/services.js';

type HistoryPaging = { after?: string | null; limit?: number; oldestFirst?: boolean; search?: string | null };

/** The email history of an account (every mail about it but the personal ones), and a person's own mails. */
export class AccountMails {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  /** The account's history, whole mails (the JSON API). */
  list(actor: Actor, accountId: string, page: HistoryPaging): Promise<Result<Page<OutgoingMail>, DomainFailure>> {
    return this.history(actor, accountId, page, (mails, request, filter) => mails.listForAccount(accountId, request, filter));
  }

  /** The same page of history with only what the list shows of each mail (the history page). */
  listSummaries(actor: Actor, accountId: string, page: HistoryPaging): Promise<Result<Page<MailSummary>, DomainFailure>> {
    return this.history(actor, accountId, page, (mails, request, filter) => mails.listSummariesForAccount(accountId, request, filter));
  }

  private async history<T>(actor: Actor, accountId: string, page: HistoryPaging, read: (mails: MailRepository, request: PageRequest, filter: MailHistoryFilter | null) => Promise<Page<T>>): Promise<Result<Page<T>, DomainFailure>> {
    if (!can(actor, { type: 'account.emails', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
    const search = page.search?.trim().slice(0, 100) || null;
    const request = { after: page.after ?? null, limit, ...(page.oldestFirst ? { oldestFirst: true } : {}), ...(search ? { search } : {}) };
    return ok(await this.deps.uow.read((scope) => read(scope.mails, request, mailHistoryFilter(actor, accountId))));
  }

  async show(actor: Actor, accountId: string, mailId: string): Promise<Result<OutgoingMail, DomainFailure>> {
    if (!can(actor, { type: 'account.emails', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const mail = await this.deps.uow.read((scope) => scope.mails.findById(mailId));
    if (!mail || mail.accountId !== accountId || mail.personal || !mailReadable(mailHistoryFilter(actor, accountId), mail)) return fail(new NotFound('not_found'));
    return ok(mail);
  }

  /** The signed-in person's own mails: security notices and the one-time links sent to them (shown redacted). */
  async listPersonal(actor: Actor, page: { after?: string | null; limit?: number }): Promise<Result<Page<OutgoingMail>, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
    return ok(await this.deps.uow.read((scope) => scope.mails.listPersonal(actor.userId, { after: page.after ?? null, limit })));
  }

  async showPersonal(actor: Actor, mailId: string): Promise<Result<OutgoingMail, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const mail = await this.deps.uow.read((scope) => scope.mails.findById(mailId));
    if (!mail || !mail.personal || mail.userId !== actor.userId) return fail(new NotFound('not_found'));
    return ok(mail);
  }
}
