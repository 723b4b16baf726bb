import { actorNames, type ActorNames } from './actor-names.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { fail, Forbidden, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

/** The owner reads what was done on their account: orders, access data reveals, payments, staff decisions. */
export class AccountAuditLog {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  async execute(actor: Actor, accountId: string, after: string | null | Paging): Promise<Result<Page<AuditEntry> & { people: ActorNames }, DomainFailure>> {
    if (!can(actor, { type: 'account.audit', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(
      await this.deps.uow.run(async (scope) => {
        const page = await scope.audit.list({ accountId }, pageRequest(after, 50));
        return { ...page, people: await actorNames(scope, page.items) };
      }),
    );
  }
}
