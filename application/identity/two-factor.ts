import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { User } from '../../domain/identity/user.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { twoFactorChangedMail } from '../mail/contact-templates.js';
import { queueMail } from '../mail/queue-mail.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { openTotpSecret, sealTotpSecret } from './totp-secret.js';
import { newRecoveryCodes } from './recovery-codes.js';
import { recoveryCodesRenewedMail } from '../mail/security-templates.js';

export { openTotpSecret } from './totp-secret.js';

export interface TwoFactorSetup {
  /** Base32, for typing into the app by hand. */
  readonly secret: string;
  readonly keyUri: string;
  /** The secret sealed by the secret box: the form carries it back, unreadable and tamper-proof. */
  readonly sealed: string;
}

/** Optional TOTP for users: switched on by confirming a first code, off with the password and a current code. */
export class TwoFactor {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'totp' | 'secrets' | 'hasher' | 'rateLimiter' | 'settings' | 'tokens'>) {}

  async status(actor: Actor): Promise<Result<{ enabled: boolean; email: string; recoveryCodesLeft: number }, DomainFailure>> {
    const user = await this.userOf(actor);
    if (!user.ok) return user;
    return ok({ enabled: user.value.hasTwoFactor(), email: user.value.email, recoveryCodesLeft: user.value.recoveryCodes.length });
  }

  /** Ten new recovery codes replace the old ones, after the password proves it is the person: shown once. */
  async renewRecoveryCodes(actor: Actor, input: { password: string }, meta: RequestMeta): Promise<Result<{ codes: string[] }, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`two-factor:user:${actor.userId}`, RATE_RULES.twoFactorPerUser]]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (!user?.hasTwoFactor()) return fail(new Conflict('two_factor.already_off'));
      if (!user.passwordHash || !(await this.deps.hasher.verify(user.passwordHash, input.password))) return fail(new InvalidInput('email_change.password', 'password'));
      const { codes, hashes } = newRecoveryCodes(this.deps.tokens);
      user.replaceRecoveryCodes(hashes);
      await scope.users.save(user);
      await queueMail(scope, this.deps, { to: user.email, topic: 'security', userId: user.id, content: recoveryCodesRenewedMail[user.locale]({ name: user.name, product: this.deps.settings.productName, link: `${this.deps.settings.appUrl}/security` }) });
      await audit(scope, this.deps, meta, { action: 'auth.recovery_codes_renewed', actorKind: 'user', actorId: user.id });
      return ok({ codes });
    });
  }

  /** A new secret to scan; given the sealed one of a setup in progress, the same secret again (for a retry). */
  async begin(actor: Actor, sealed?: string): Promise<Result<TwoFactorSetup, DomainFailure>> {
    const user = await this.userOf(actor);
    if (!user.ok) return user;
    if (user.value.hasTwoFactor()) return fail(new Conflict('two_factor.already_on'));
    const secret = (sealed && this.openOrNull(sealed)) || this.deps.totp.newSecret();
    return ok({ secret, keyUri: this.deps.totp.keyUri({ issuer: this.deps.settings.productName, account: user.value.email, secretBase32: secret }), sealed: sealTotpSecret(this.deps.secrets, secret) });
  }

  /** Switches it on with a first code; the ten recovery codes are returned to be shown once (only hashes are kept). */
  async enable(actor: Actor, input: { sealed: string; code: string }, meta: RequestMeta): Promise<Result<{ recoveryCodes: string[] }, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`two-factor:user:${actor.userId}`, RATE_RULES.twoFactorPerUser]]);
    if (limited) return fail(limited);
    const secret = this.openOrNull(input.sealed);
    if (!secret) return fail(new InvalidInput('two_factor.setup_invalid', 'code'));
    const step = this.deps.totp.verify(secret, input.code.trim(), this.deps.clock.now());
    if (step === null) return fail(new InvalidInput('two_factor.code', 'code'));
    return this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (!user) return fail(new NotFound('not_found'));
      if (user.hasTwoFactor()) return fail(new Conflict('two_factor.already_on'));
      user.enableTwoFactor(input.sealed, step);
      const { codes, hashes } = newRecoveryCodes(this.deps.tokens);
      user.replaceRecoveryCodes(hashes);
      await scope.users.save(user);
      await this.notify(scope, user, true, meta);
      return ok({ recoveryCodes: codes });
    });
  }

  async disable(actor: Actor, input: { password: string; code: string }, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`two-factor:user:${actor.userId}`, RATE_RULES.twoFactorPerUser]]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (!user?.totpSealed) return fail(new Conflict('two_factor.already_off'));
      const passwordOk = user.passwordHash ? await this.deps.hasher.verify(user.passwordHash, input.password) : false;
      const secret = this.openOrNull(user.totpSealed);
      const step = secret ? this.deps.totp.verify(secret, input.code.trim(), this.deps.clock.now()) : null;
      if (!passwordOk || step === null || !user.acceptTotpStep(step)) return fail(new InvalidInput('two_factor.confirm', 'code'));
      user.disableTwoFactor();
      await scope.users.save(user);
      await this.notify(scope, user, false, meta);
      return ok(undefined);
    });
  }

  /** Staff switch it off for a client who lost the authenticator; a reason is required and the client is told. */
  async resetByStaff(actor: Actor, userId: string, reason: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (!can(actor, { type: 'staff.user_security' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) return fail(new InvalidInput('order.reason', 'reason'));
    return this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(userId);
      if (!user) return fail(new NotFound('not_found'));
      if (!user.hasTwoFactor()) return fail(new Conflict('two_factor.already_off'));
      user.disableTwoFactor();
      await scope.users.save(user);
      await scope.sessions.invalidateAll('user', user.id);
      await queueMail(scope, this.deps, { to: user.email, topic: 'security', userId: user.id, content: twoFactorChangedMail[user.locale]({ name: user.name, product: this.deps.settings.productName, enabled: false, link: `${this.deps.settings.appUrl}/security` }) });
      await audit(scope, this.deps, meta, { action: 'staff.two_factor_reset', actorKind: 'staff', actorId: actor.staffId, details: { user: user.id, reason: why } });
      return ok(undefined);
    });
  }

  private openOrNull(sealed: string): string | null {
    return openTotpSecret(this.deps.secrets, sealed);
  }

  private async userOf(actor: Actor): Promise<Result<User, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const user = await this.deps.uow.run((scope) => scope.users.findById(actor.userId));
    return user ? ok(user) : fail(new NotFound('not_found'));
  }

  private async notify(scope: TransactionScope, user: User, enabled: boolean, meta: RequestMeta): Promise<void> {
    await queueMail(scope, this.deps, {
      to: user.email,
      topic: 'security',
      userId: user.id,
      content: twoFactorChangedMail[user.locale]({ name: user.name, product: this.deps.settings.productName, enabled, link: `${this.deps.settings.appUrl}/security` }),
    });
    await audit(scope, this.deps, meta, { action: enabled ? 'auth.two_factor_enabled' : 'auth.two_factor_disabled', actorKind: 'user', actorId: user.id });
  }
}
