import { EmailAddress } from '../../domain/identity/email-address.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { User } from '../../domain/identity/user.js';
import { fail, ok, Unauthenticated, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { signInAttackMail } from '../mail/templates.js';
import { recoveryCodeUsedMail } from '../mail/security-templates.js';
import { checkRates, checkSignInRates, RATE_RULES, signInAttackBegins } from '../shared/rate-limits.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { DummyHash } from './dummy-hash.js';
import { openTotpSecret } from './two-factor.js';
import { recoveryCodeHash } from './recovery-codes.js';

export interface SignedIn {
  readonly token: string;
  readonly session: SessionInfo;
  readonly user: User;
}

/** The password was right and the person has two-factor sign-in on: the code is asked on a second step. */
export interface SecondStep {
  /** Sealed (who, until when): the second step's form carries it back, unreadable and tamper-proof. */
  readonly challenge: string;
}

const CHALLENGE = 'sign-in-2:';
const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Email and password (and the TOTP code when the user switched two-factor on) to a new session. One answer for
 * every failure, and the same work for unknown addresses. `begin` asks the code on a second step, and only of
 * people who have two-factor sign-in on; `complete` takes the code or a single-use recovery code.
 */
export class SignIn {
  private readonly dummy: DummyHash;

  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'rateLimiter' | 'totp' | 'secrets' | 'settings' | 'tokens'>) {
    this.dummy = new DummyHash(deps.hasher);
  }

  /** Both factors at once (the code in the same form), as integrations and older forms send them. */
  async execute(input: { email: string; password: string; code?: string }, meta: RequestMeta): Promise<Result<SignedIn, DomainFailure>> {
    const result = await this.attempt(input, meta, false);
    if (!result.ok) return result;
    return 'token' in result.value ? ok(result.value) : fail(new Unauthenticated('auth.invalid_credentials'));
  }

  /** The first step: the password; a session at once without two-factor, else the challenge of the second step. */
  async begin(input: { email: string; password: string }, meta: RequestMeta): Promise<Result<SignedIn | SecondStep, DomainFailure>> {
    return this.attempt({ ...input, code: '' }, meta, true);
  }

  /** The second step: a current TOTP code, or one of the recovery codes (which then stops working). */
  async complete(input: { challenge: string; code: string }, meta: RequestMeta): Promise<Result<SignedIn, DomainFailure>> {
    const userId = this.openChallenge(input.challenge);
    if (!userId) return fail(new Unauthenticated('auth.second_step_expired'));
    const limited = await checkRates(this.deps.rateLimiter, [
      [`sign-in-2:user:${userId}`, RATE_RULES.twoFactorPerUser],
      [`sign-in:address:${meta.clientAddress}`, RATE_RULES.signInPerAddress],
    ]);
    if (limited) return fail(limited);
    const outcome = await this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(userId);
      if (!user?.hasTwoFactor()) return null;
      const code = input.code.trim();
      const byApp = /^\d{6}$/u.test(code) && this.secondFactor(user, code);
      const byRecovery = !byApp && user.useRecoveryCode(recoveryCodeHash(this.deps.tokens, code));
      if (!byApp && !byRecovery) {
        await audit(scope, this.deps, meta, { action: 'auth.sign_in_failed', actorKind: 'anonymous', actorId: user.id, details: { email: user.email, factor: 'totp' } });
        return null;
      }
      await scope.users.save(user);
      if (byRecovery) {
        await audit(scope, this.deps, meta, { action: 'auth.recovery_code_used', actorKind: 'user', actorId: user.id, details: { left: user.recoveryCodes.length } });
        await queueMail(scope, this.deps, {
          to: user.email,
          topic: 'security',
          userId: user.id,
          content: recoveryCodeUsedMail[user.locale]({ name: user.name, product: this.deps.settings.productName, left: user.recoveryCodes.length, link: `${this.deps.settings.appUrl}/security` }),
        });
      }
      return this.open(scope, user, meta);
    });
    return outcome ? ok(outcome) : fail(new Unauthenticated('auth.invalid_code'));
  }

  private async attempt(input: { email: string; password: string; code?: string }, meta: RequestMeta, stepwise: boolean): Promise<Result<SignedIn | SecondStep, DomainFailure>> {
    const email = EmailAddress.parse(input.email);
    const { limited, pairKey } = await checkSignInRates(this.deps.rateLimiter, 'sign-in', email.ok ? email.value.value : input.email.trim().toLowerCase(), meta.clientAddress);
    if (limited) return fail(limited);

    const outcome = await this.deps.uow.run(async (scope): Promise<SignedIn | SecondStep | null> => {
      const user = email.ok ? await scope.users.findByEmail(email.value.value) : null;
      const verified = user?.passwordHash
        ? await this.deps.hasher.verify(user.passwordHash, input.password)
        : (await this.dummy.verify(input.password), false);
      if (user && verified && stepwise && user.hasTwoFactor()) return { challenge: this.sealChallenge(user.id) };
      const secondFactor = user && verified ? this.secondFactor(user, input.code ?? '') : false;
      if (!user || !verified || !secondFactor) {
        await audit(scope, this.deps, meta, {
          action: 'auth.sign_in_failed',
          actorKind: 'anonymous',
          actorId: user?.id ?? null,
          details: { email: input.email.slice(0, 254), factor: verified ? 'totp' : 'password' },
        });
        if (user && (await signInAttackBegins(this.deps.rateLimiter, 'sign-in', user.id))) {
          await queueMail(scope, this.deps, {
            to: user.email,
            topic: 'security',
            userId: user.id,
            content: signInAttackMail[user.locale]({ name: user.name, product: this.deps.settings.productName, resetLink: `${this.deps.settings.appUrl}/password-reset`, securityLink: `${this.deps.settings.appUrl}/security` }),
          });
        }
        return null;
      }
      if (user.hasTwoFactor()) await scope.users.save(user);
      return this.open(scope, user, meta);
    });
    if (!outcome) return fail(new Unauthenticated('auth.invalid_credentials'));
    if ('token' in outcome) await this.deps.rateLimiter.reset(pairKey);
    return ok(outcome);
  }

  private async open(scope: TransactionScope, user: User, meta: RequestMeta): Promise<SignedIn> {
    const created = await scope.sessions.create('user', user.id, meta);
    await audit(scope, this.deps, meta, { action: 'auth.signed_in', actorKind: 'user', actorId: user.id });
    return { token: created.token, session: created.session, user };
  }

  private sealChallenge(userId: string): string {
    return this.deps.secrets.seal(`${CHALLENGE}${userId}|${this.deps.clock.now().getTime() + CHALLENGE_TTL_MS}`);
  }

  private openChallenge(sealed: string): string | null {
    try {
      const plain = this.deps.secrets.open(sealed);
      if (!plain.startsWith(CHALLENGE)) return null;
      const [userId, until] = plain.slice(CHALLENGE.length).split('|');
      return userId && Number(until) > this.deps.clock.now().getTime() ? userId : null;
    } catch {
      return null;
    }
  }

  /** True without two-factor; with it, the code must be current and not used before. */
  private secondFactor(user: User, code: string): boolean {
    if (!user.totpSealed) return true;
    const secret = openTotpSecret(this.deps.secrets, user.totpSealed);
    const step = secret ? this.deps.totp.verify(secret, code.trim(), this.deps.clock.now()) : null;
    return step !== null && user.acceptTotpStep(step);
  }
}
