import { EmailAddress } from '../../domain/identity/email-address.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { User } from '../../domain/identity/user.js';
import { fail, ok, Unauthenticated, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import { queueMail } from '../mail/queue-mail.js';
import { signInAttackMail } from '../mail/templates.js';
import { checkSignInRates, signInAttackBegins } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { DummyHash } from './dummy-hash.js';
import { openTotpSecret } from './two-factor.js';

export interface SignedIn {
  readonly token: string;
  readonly session: SessionInfo;
  readonly user: User;
}

/**
 * Email and password (and the TOTP code when the user switched two-factor on) to a new session. One answer for
 * every failure, and the same work for unknown addresses.
 */
export class SignIn {
  private readonly dummy: DummyHash;

  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'rateLimiter' | 'totp' | 'secrets' | 'settings'>) {
    this.dummy = new DummyHash(deps.hasher);
  }

  async execute(input: { email: string; password: string; code?: string }, meta: RequestMeta): Promise<Result<SignedIn, DomainFailure>> {
    const email = EmailAddress.parse(input.email);
    const { limited, pairKey } = await checkSignInRates(this.deps.rateLimiter, 'sign-in', email.ok ? email.value.value : input.email.trim().toLowerCase(), meta.clientAddress);
    if (limited) return fail(limited);

    const outcome = await this.deps.uow.run(async (scope) => {
      const user = email.ok ? await scope.users.findByEmail(email.value.value) : null;
      const verified = user?.passwordHash
        ? await this.deps.hasher.verify(user.passwordHash, input.password)
        : (await this.dummy.verify(input.password), false);
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
      const created = await scope.sessions.create('user', user.id, meta);
      await audit(scope, this.deps, meta, { action: 'auth.signed_in', actorKind: 'user', actorId: user.id });
      return { token: created.token, session: created.session, user };
    });
    if (!outcome) return fail(new Unauthenticated('auth.invalid_credentials'));
    await this.deps.rateLimiter.reset(pairKey);
    return ok(outcome);
  }

  /** True without two-factor; with it, the code must be current and not used before. */
  private secondFactor(user: User, code: string): boolean {
    if (!user.totpSealed) return true;
    const secret = openTotpSecret(this.deps.secrets, user.totpSealed);
    const step = secret ? this.deps.totp.verify(secret, code.trim(), this.deps.clock.now()) : null;
    return step !== null && user.acceptTotpStep(step);
  }
}
