import { checkProfileDetails, PROFILE_FIELDS, type ClientAccount, type ProfileDetails, type ProfileField } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { profileChangedMail } from '../mail/email-change-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

const FIELD_NAMES = { hr: { name: 'naziv', address: 'adresa', phone: 'telefon' }, en: { name: 'name', address: 'address', phone: 'phone' } } as const;

/**
 * The client's details: name, address and phone are self-service for whoever holds the profile right, unless
 * staff locked a field; the OIB and the email address are not edited here. Every change is audited and mailed.
 */
export class ManageProfile {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'settings'>) {}

  async show(actor: Actor, accountId: string): Promise<Result<{ account: ClientAccount; mayEdit: boolean; mayChangeEmail: boolean }, DomainFailure>> {
    // Clients with the profile right, and staff who may lock its fields.
    if (!can(actor, { type: 'profile.view', accountId }).allowed && !can(actor, { type: 'staff.profile_locks' }).allowed) return fail(new Forbidden('forbidden'));
    const account = await this.deps.uow.run((scope) => scope.accounts.findById(accountId));
    if (!account) return fail(new NotFound('not_found'));
    return ok({ account, mayEdit: can(actor, { type: 'profile.edit', accountId }).allowed, mayChangeEmail: can(actor, { type: 'account.email_change', accountId }).allowed });
  }

  async update(actor: Actor, accountId: string, input: ProfileDetails, meta: RequestMeta): Promise<Result<ClientAccount, DomainFailure>> {
    if (!can(actor, { type: 'profile.edit', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const details = checkProfileDetails(input);
    if (!details.ok) return details;
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const before = { name: account.name, address: `${account.street}, ${account.postalCode} ${account.city}`, phone: account.phone };
      const changed = account.updateProfile(details.value);
      if (!changed.ok) return changed;
      if (changed.value.length === 0) return ok(account);
      await scope.accounts.save(account);
      const after = { name: account.name, address: `${account.street}, ${account.postalCode} ${account.city}`, phone: account.phone };
      const beforeAndAfter = Object.fromEntries(changed.value.flatMap((f) => [[`${f}.before`, before[f]], [`${f}.after`, after[f]]]));
      await audit(scope, this.deps, meta, { action: 'profile.changed', actorKind: 'user', actorId: actor.userId, accountId, details: beforeAndAfter });
      await mailAccount(scope, this.deps, {
        account,
        topic: 'general',
        compose: (locale) => profileChangedMail[locale]({ account: account.name, product: this.deps.settings.productName, fields: changed.value.map((f) => FIELD_NAMES[locale][f]).join(', '), link: `${this.deps.settings.appUrl}/accounts/${account.id}/profile` }),
      });
      return ok(account);
    });
  }

  /** Staff lock fields against self-service (for example after a verified change of the company name). */
  async lock(actor: Actor, accountId: string, fields: readonly string[], meta: RequestMeta): Promise<Result<ClientAccount, DomainFailure>> {
    if (!can(actor, { type: 'staff.profile_locks' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const chosen = PROFILE_FIELDS.filter((f): f is ProfileField => fields.includes(f));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      account.lock(chosen);
      await scope.accounts.save(account);
      await audit(scope, this.deps, meta, { action: 'staff.profile_locked', actorKind: 'staff', actorId: actor.staffId, accountId, details: { fields: chosen.join(',') } });
      return ok(account);
    });
  }
}
