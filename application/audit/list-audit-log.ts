import { actorNames, type ActorNames } from './actor-names.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { fail, Forbidden, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import type { Services } from '../shared/services.js';

export class ListAuditLog {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  /** Whether the staff back office should offer the audit log to this actor. */
  allowed(actor: Actor): boolean {
    return can(actor, { type: 'staff.audit' }).allowed;
  }

  async execute(actor: Actor, page: { after?: string | null; limit?: number }): Promise<Result<Page<AuditEntry> & { people: ActorNames }, DomainFailure>> {
    if (!can(actor, { type: 'staff.audit' }).allowed) return fail(new Forbidden('forbidden'));
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    return ok(
      await this.deps.uow.run(async (scope) => {
        const found = await scope.audit.list({}, { after: page.after ?? null, limit });
        return { ...found, people: await actorNames(scope, found.items) };
      }),
    );
  }
}
