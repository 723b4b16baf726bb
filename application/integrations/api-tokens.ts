import type { Actor } from '../../domain/authorization/actor.js';
import { PERMISSIONS, type Permission } from '../../domain/authorization/permission.js';
import { can } from '../../domain/authorization/policy.js';
import { API_TOKEN_PREFIX, ApiToken } from '../../domain/integrations/api-token.js';
import { fail, Forbidden, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

const TOUCH_EVERY_MS = 60_000;

/**
 * API tokens: the owner creates one with a subset of the account's rights and sees it once; it can be revoked
 * at any time. A request with the token acts as the owner who made it, limited to those rights.
 */
export class ApiTokens {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens'>) {}

  async create(actor: Actor, accountId: string, input: { name: string; permissions: readonly string[] }, meta: RequestMeta): Promise<Result<{ token: string; record: ApiToken }, DomainFailure>> {
    if (!can(actor, { type: 'account.tokens', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const name = input.name.trim();
    const permissions = input.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
    const problems = new Problems();
    problems.check(name.length >= 2 && name.length <= 80, 'token.name', 'name');
    problems.check(permissions.length > 0 && permissions.length === input.permissions.length, 'token.permissions', 'permissions');
    const invalid = problems.failure();
    if (invalid) return fail(invalid);
    const token = `${API_TOKEN_PREFIX}${this.deps.tokens.generate()}`;
    return this.deps.uow.run(async (scope) => {
      const record = ApiToken.create({ id: this.deps.ids.newId(), accountId, name, createdByUserId: actor.userId, tokenHash: this.deps.tokens.hash(token), permissions, now: this.deps.clock.now() });
      await scope.apiTokens.add(record);
      await audit(scope, this.deps, meta, { action: 'api_token.created', actorKind: 'user', actorId: actor.userId, accountId, details: { name, permissions: permissions.join(',') } });
      return ok({ token, record });
    });
  }

  async list(actor: Actor, accountId: string): Promise<Result<ApiToken[], DomainFailure>> {
    if (!can(actor, { type: 'account.tokens', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.apiTokens.listForAccount(accountId)));
  }

  async revoke(actor: Actor, accountId: string, tokenId: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (!can(actor, { type: 'account.tokens', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      if (!(await scope.apiTokens.revoke(tokenId, accountId, this.deps.clock.now()))) return fail(new NotFound('not_found'));
      await audit(scope, this.deps, meta, { action: 'api_token.revoked', actorKind: 'user', actorId: actor.userId, accountId, details: { token: tokenId } });
      return ok(undefined);
    });
  }

  /** The actor behind a bearer token, or null for an unknown, revoked or orphaned one. */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
    const hash = this.deps.tokens.hash(token);
    return this.deps.uow.run(async (scope) => {
      const record = await scope.apiTokens.findByHash(hash);
      if (!record?.isActive(this.deps.clock.now())) return null;
      const account = await scope.accounts.findById(record.accountId);
      if (!account || account.ownerUserId !== record.createdByUserId) return null;
      const now = this.deps.clock.now();
      if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_EVERY_MS) await scope.apiTokens.touch(record.id, now);
      return { kind: 'user' as const, userId: record.createdByUserId, viaTokenId: record.id, memberships: [{ accountId: record.accountId, role: 'contact' as const, permissions: record.permissions }] };
    });
  }
}
