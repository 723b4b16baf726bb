import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { User } from '../../domain/identity/user.js';
import type { Services } from '../shared/services.js';

/** The accounts the signed-in person may act for (owned or as a contact), for the dashboard and the account switcher. */
export class ListMyAccounts {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  async execute(actor: Actor): Promise<ClientAccount[]> {
    if (actor.kind !== 'user') return [];
    const ids = actor.memberships.map((m) => m.accountId).filter((accountId) => can(actor, { type: 'account.view', accountId }).allowed);
    return this.deps.uow.read((scope) => scope.accounts.listByIds(ids));
  }

  /** The person behind a session or an API token (the owner who made the token). */
  async user(actor: Actor): Promise<User | null> {
    if (actor.kind !== 'user') return null;
    return this.deps.uow.read((scope) => scope.users.findById(actor.userId));
  }
}
