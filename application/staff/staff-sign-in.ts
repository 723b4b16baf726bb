import { EmailAddress } from '../../domain/identity/email-address.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import { fail, ok, Unauthenticated, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { DummyHash } from '../identity/dummy-hash.js';
import { audit } from '../shared/audit.js';
import { openTotpSecret } from '../identity/totp-secret.js';
import { checkSignInRates } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/** Staff always sign in with two factors: a password and a TOTP code that has not been used before. */
export class StaffSignIn {
  private readonly dummy: DummyHash;

  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'rateLimiter' | 'totp' | 'secrets'>) {
    this.dummy = new DummyHash(deps.hasher);
  }

  async execute(
    input: { email: string; password: string; code: string },
    meta: RequestMeta,
  ): Promise<Result<{ token: string; session: SessionInfo; staff: StaffMember }, DomainFailure>> {
    const email = EmailAddress.parse(input.email);
    const { limited, pairKey } = await checkSignInRates(this.deps.rateLimiter, 'staff-sign-in', email.ok ? email.value.value : input.email.trim().toLowerCase(), meta.clientAddress);
    if (limited) return fail(limited);

    const outcome = await this.deps.uow.run(async (scope) => {
      const staff = email.ok ? await scope.staff.findByEmail(email.value.value) : null;
      const passwordOk = staff?.active ? await this.deps.hasher.verify(staff.passwordHash, input.password) : (await this.dummy.verify(input.password), false);
      const secret = staff && passwordOk ? openTotpSecret(this.deps.secrets, staff.totpSealed) : null;
      const step = staff && secret ? this.deps.totp.verify(secret, input.code.trim(), this.deps.clock.now()) : null;
      if (!staff || !passwordOk || step === null || !staff.acceptTotpStep(step)) {
        await audit(scope, this.deps, meta, {
          action: 'staff.sign_in_failed',
          actorKind: 'anonymous',
          actorId: staff?.id ?? null,
          details: { email: input.email.slice(0, 254), factor: passwordOk ? 'totp' : 'password' },
        });
        return null;
      }
      await scope.staff.save(staff);
      const created = await scope.sessions.create('staff', staff.id, meta);
      await audit(scope, this.deps, meta, { action: 'staff.signed_in', actorKind: 'staff', actorId: staff.id });
      return { token: created.token, session: created.session, staff };
    });
    if (!outcome) return fail(new Unauthenticated('auth.invalid_staff_credentials'));
    await this.deps.rateLimiter.reset(pairKey);
    return ok(outcome);
  }
}
