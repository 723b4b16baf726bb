import { checkNewPassword } from '../../domain/identity/password-policy.js';
import { fail, InvalidInput, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { queueMail } from '../mail/queue-mail.js';
import { passwordChangedMail, type LiveToken } from '../mail/templates.js';
import { audit } from '../shared/audit.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/** Sets a new password from a reset link: the link is spent, every session ends, the owner is told. */
export class ResetPassword {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'tokens' | 'hasher' | 'commonPasswords' | 'rateLimiter' | 'settings'>) {}

  /** Whether a link can still be used, to show the form or say at once that it has expired. */
  async isUsable(token: string): Promise<boolean> {
    const tokenHash = this.deps.tokens.hash(token);
    const found = await this.deps.uow.run((scope) => scope.resetTokens.findByHash(tokenHash));
    return found?.isUsable(this.deps.clock.now()) ?? false;
  }

  /** Judges a new password for the link's person without using the link (a form with another error shows this one too). */
  async check(token: string, password: string): Promise<Result<{ checked: true }, DomainFailure>> {
    const tokenHash = this.deps.tokens.hash(token);
    return this.deps.uow.run(async (scope) => {
      const found = await scope.resetTokens.findByHash(tokenHash);
      const user = found?.isUsable(this.deps.clock.now()) ? await scope.users.findById(found.userId) : null;
      if (!user) return fail(new InvalidInput('reset.link_invalid', 'token'));
      const checked = checkNewPassword(password, (p) => this.deps.commonPasswords.isCommon(p), { email: user.email });
      return checked.ok ? ok({ checked: true as const }) : fail(checked.error);
    });
  }

  /**
   * The first password of a newcomer (from the welcome mail) also signs them in: `session` is its token. A reset of
   * an existing password signs in nobody: the person signs in with the new one.
   */
  async execute(input: { token: string; password: string }, meta: RequestMeta): Promise<Result<{ session: string | null }, DomainFailure>> {
    const limited = await checkRates(this.deps.rateLimiter, [[`reset-confirm:address:${addressBlock(meta.clientAddress)}`, RATE_RULES.resetConfirmPerAddress]]);
    if (limited) return fail(limited);
    const tokenHash = this.deps.tokens.hash(input.token);
    return this.deps.uow.run(async (scope) => {
      const now = this.deps.clock.now();
      const token = await scope.resetTokens.findByHash(tokenHash);
      const user = token?.isUsable(now) ? await scope.users.findById(token.userId) : null;
      if (!token || !user) return fail(new InvalidInput('reset.link_invalid', 'token'));
      const password = checkNewPassword(input.password, (p) => this.deps.commonPasswords.isCommon(p), { email: user.email });
      if (!password.ok) return fail(password.error);

      const first = !user.hasPassword();
      user.changePassword(await this.deps.hasher.hash(password.value), now);
      token.use(now);
      await scope.users.save(user);
      await scope.resetTokens.save(token);
      await scope.resetTokens.revokeUnusedFor(user.id, now);
      await scope.sessions.invalidateAll('user', user.id);
      const base = this.deps.settings.appUrl;
      // A stolen password may have been used to make API keys: they survive the reset, so the owner sees them here.
      const owned = await scope.accounts.listOwnedBy(user.id);
      const tokens: LiveToken[] = [];
      for (const account of owned) {
        for (const token of await scope.apiTokens.listForAccount(account.id)) {
          if (token.isActive(now)) tokens.push({ name: token.name, account: account.name, revokeLink: `${base}/accounts/${account.id}/tokens` });
        }
      }
      await queueMail(scope, this.deps, {
        to: user.email,
        topic: 'security',
        userId: user.id,
        accountId: owned[0]?.id ?? null,
        content: passwordChangedMail[user.locale]({ name: user.name, product: this.deps.settings.productName, signInLink: `${base}/sign-in`, resetLink: `${base}/password-reset`, tokens }),
      });
      await audit(scope, this.deps, meta, { action: first ? 'auth.first_password_set' : 'auth.password_reset_completed', actorKind: 'user', actorId: user.id });
      if (!first || user.hasTwoFactor()) return ok({ session: null });
      const created = await scope.sessions.create('user', user.id, meta);
      await audit(scope, this.deps, meta, { action: 'auth.signed_in', actorKind: 'user', actorId: user.id });
      return ok({ session: created.token });
    });
  }
}
