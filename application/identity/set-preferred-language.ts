import type { Actor } from '../../domain/authorization/actor.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { Services } from '../shared/services.js';

/** Mails follow the language a user last chose in the portal. */
export class SetPreferredLanguage {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  async execute(actor: Actor, locale: Locale): Promise<void> {
    if (actor.kind !== 'user') return;
    await this.deps.uow.run(async (scope) => {
      const user = await scope.users.findById(actor.userId);
      if (!user || user.locale === locale) return;
      user.preferLocale(locale);
      await scope.users.save(user);
    });
  }
}
