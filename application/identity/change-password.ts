import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { checkNewPassword } from '../../domain/identity/password-policy.js';
import { fail, Forbidden, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { queueMail } from '../mail/queue-mail.js';
import { passwordChangedByOwnerMail } from '../mail/security-templates.js';
import { audit } from '../shared/audit.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/**
 * A signed-in person changes their password: the current one proves it is them, every other session ends (this
 * one is replaced by a new session), and the person is told by mail.
 */
export class ChangePassword {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'commonPasswords' | 'rateLimiter' | 'settings' | 'secrets'>) {}

  async execute(actor: Actor, input: { current: string; password: string; confirm: string }, meta: RequestMeta): Promise<Result<{ token: string }, DomainFailure>> {
    if (actor.kind !== 'user' || !can(actor, { type: 'user.security', userId: actor.userId }).allowed) return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`password-change:user:${actor.userId}`, RATE_RULES.twoFactorPerUser]]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (!user) return fail(new NotFound('not_found'));
      const problems = new Problems();
      const currentOk = user.passwordHash ? await this.deps.hasher.verify(user.passwordHash, input.current) : false;
      problems.check(currentOk, 'password.current', 'current');
      const password = problems.take(checkNewPassword(input.password, (p) => this.deps.commonPasswords.isCommon(p), { email: user.email }));
      if (password !== undefined) problems.check(input.password === input.confirm, 'password.mismatch', 'confirm');
      const invalid = problems.failure();
      if (invalid || password === undefined) return fail(invalid!);
      user.changePassword(await this.deps.hasher.hash(password), this.deps.clock.now());
      await scope.users.save(user);
      await scope.sessions.invalidateAll('user', user.id);
      const created = await scope.sessions.create('user', user.id, meta);
      const base = this.deps.settings.appUrl;
      await queueMail(scope, this.deps, { to: user.email, topic: 'security', userId: user.id, content: passwordChangedByOwnerMail[user.locale]({ name: user.name, product: this.deps.settings.productName, resetLink: `${base}/password-reset`, link: `${base}/security` }) });
      await audit(scope, this.deps, meta, { action: 'auth.password_changed', actorKind: 'user', actorId: user.id });
      return ok({ token: created.token });
    });
  }
}
