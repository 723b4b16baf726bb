import { EmailAddress } from '../../domain/identity/email-address.js';
import { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import { fail, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { queueMail, SECRET_MARK } from '../mail/queue-mail.js';
import { passwordResetMail } from '../mail/templates.js';
import { audit } from '../shared/audit.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/**
 * Mails a single-use link valid for one hour. The answer, and the work done while the visitor waits, are the same
 * whether the address belongs to somebody or not: the request is queued, and a job (`deliver`) looks the address up.
 * So neither the answer nor its timing tells who is a client.
 */
export class RequestPasswordReset {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'tokens' | 'rateLimiter' | 'settings'>) {}

  async execute(input: { email: string }, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    const email = EmailAddress.parse(input.email);
    if (!email.ok) return fail(email.error);
    const limited = await checkRates(this.deps.rateLimiter, [
      [`reset:address:${addressBlock(meta.clientAddress)}`, RATE_RULES.resetPerAddress],
      [`reset:account:${email.value.value}`, RATE_RULES.resetPerAccount],
    ]);
    if (limited) return fail(limited);
    await this.deps.uow.run((scope) => scope.jobs.enqueue('identity.password_reset', { email: email.value.value, meta: { clientAddress: meta.clientAddress, userAgent: meta.userAgent, locale: meta.locale } }));
    return ok(undefined);
  }

  /** The job: a link for a known address, an audit record either way. */
  async deliver(input: { email: string; meta: RequestMeta }): Promise<void> {
    const { meta } = input;
    const token = this.deps.tokens.generate();
    const tokenHash = this.deps.tokens.hash(token);
    await this.deps.uow.run(async (scope) => {
      const user = await scope.users.findByEmail(input.email);
      const now = this.deps.clock.now();
      if (!user) {
        await audit(scope, this.deps, meta, { action: 'auth.password_reset_requested', actorKind: 'anonymous', details: { known: false } });
        return;
      }
      await scope.resetTokens.revokeUnusedFor(user.id, now);
      await scope.resetTokens.add(PasswordResetToken.issue({ tokenHash, userId: user.id, now }));
      const link = `${this.deps.settings.appUrl}/password-reset/${SECRET_MARK}`;
      await queueMail(scope, this.deps, {
        to: user.email,
        topic: 'security',
        userId: user.id,
        accountId: (await scope.accounts.listOwnedBy(user.id))[0]?.id ?? null,
        content: passwordResetMail[user.locale]({ name: user.name, link, product: this.deps.settings.productName }),
        secret: token,
      });
      await audit(scope, this.deps, meta, { action: 'auth.password_reset_requested', actorKind: 'anonymous', actorId: user.id, details: { known: true } });
    });
  }
}
