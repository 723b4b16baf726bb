import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { STAFF_TOKEN_PREFIX, STAFF_TOKEN_ROLES, StaffApiToken, type StaffTokenRole } from '../../domain/integrations/staff-api-token.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

const TOUCH_EVERY_MS = 60_000;

/**
 * Staff API tokens: an admin (signed in, never through a token) creates one with a subset of the non-admin roles and
 * sees it once; it is stored as a SHA-256, revocable, and every creation and revocation is audited. A request with it
 * acts as that admin limited to the chosen roles, and only while the admin is still an active admin.
 */
export class StaffApiTokens {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens'>) {}

  async create(actor: Actor, input: { name: string; roles: readonly string[] }, meta: RequestMeta): Promise<Result<{ token: string; record: StaffApiToken }, DomainFailure>> {
    if (!can(actor, { type: 'staff.api_tokens' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const name = input.name.trim();
    if (name.length < 2 || name.length > 80) return fail(new InvalidInput('staff_token.name', 'name'));
    const roles = input.roles.filter((r): r is StaffTokenRole => (STAFF_TOKEN_ROLES as readonly string[]).includes(r));
    if (roles.length === 0 || roles.length !== input.roles.length) return fail(new InvalidInput('staff_token.roles', 'roles'));
    const token = `${STAFF_TOKEN_PREFIX}${this.deps.tokens.generate()}`;
    return this.deps.uow.run(async (scope) => {
      const record = StaffApiToken.create({ id: this.deps.ids.newId(), name, createdByStaffId: actor.staffId, tokenHash: this.deps.tokens.hash(token), roles, now: this.deps.clock.now() });
      await scope.staffTokens.add(record);
      await audit(scope, this.deps, meta, { action: 'staff.api_token_created', actorKind: 'staff', actorId: actor.staffId, details: { token: record.id, name, roles: roles.join(',') } });
      return ok({ token, record });
    });
  }

  async list(actor: Actor): Promise<Result<StaffApiToken[], DomainFailure>> {
    if (!can(actor, { type: 'staff.api_tokens' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.staffTokens.list()));
  }

  async revoke(actor: Actor, tokenId: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (!can(actor, { type: 'staff.api_tokens' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      if (!(await scope.staffTokens.revoke(tokenId, this.deps.clock.now()))) return fail(new NotFound('not_found'));
      await audit(scope, this.deps, meta, { action: 'staff.api_token_revoked', actorKind: 'staff', actorId: actor.staffId, details: { token: tokenId } });
      return ok(undefined);
    });
  }

  /** The staff actor behind a token, or null for an unknown or revoked one, or one whose admin is gone. */
  async authenticate(token: string): Promise<Actor | null> {
    if (!token.startsWith(STAFF_TOKEN_PREFIX) || token.length > 100) return null;
    const hash = this.deps.tokens.hash(token);
    return this.deps.uow.run(async (scope) => {
      const record = await scope.staffTokens.findByHash(hash);
      if (!record?.isActive(this.deps.clock.now())) return null;
      const creator = await scope.staff.findById(record.createdByStaffId);
      if (!creator?.active || !creator.roles.includes('admin')) return null;
      const now = this.deps.clock.now();
      if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_EVERY_MS) await scope.staffTokens.touch(record.id, now);
      return { kind: 'staff' as const, staffId: creator.id, roles: [...record.roles], viaTokenId: record.id };
    });
  }
}
