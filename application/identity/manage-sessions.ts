import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/** A signed-in person sees where they are signed in and ends any of those sessions. */
export class ManageSessions {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  async list(actor: Actor): Promise<Result<SessionInfo[], DomainFailure>> {
    // The person's own sign-ins: never through an API token.
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.sessions.listFor('user', actor.userId)));
  }

  async end(actor: Actor, sessionId: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      if (!(await scope.sessions.end('user', actor.userId, sessionId))) return fail(new NotFound('not_found'));
      await audit(scope, this.deps, meta, { action: 'auth.session_ended', actorKind: 'user', actorId: actor.userId, details: { session: sessionId.slice(0, 8) } });
      return ok(undefined);
    });
  }
}
