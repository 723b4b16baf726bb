import type { Membership } from '../../domain/authorization/actor.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { SignedInUser } from '../ports/portal-reads.js';

/**
 * What a user may act for, read fresh on every request: the accounts it owns and those where it is an accepted
 * contact. Removing a contact or a right therefore takes effect on the very next request.
 */
export async function membershipsOf(scope: TransactionScope, userId: string): Promise<Membership[]> {
  const owned = await scope.accounts.listOwnedBy(userId);
  const contacts = await scope.contacts.listActiveForUser(userId);
  const ownedIds = new Set(owned.map((a) => a.id));
  return [
    ...owned.map((account) => ({ accountId: account.id, role: 'owner' as const, permissions: [] })),
    ...contacts.filter((c) => !ownedIds.has(c.accountId)).map((c) => ({ accountId: c.accountId, role: 'contact' as const, permissions: c.permissions, scope: c.scope() })),
  ];
}

/** The same memberships from the one-statement read of a signed-in user: owning an account wins over a contact. */
export function membershipsFrom(read: Pick<SignedInUser, 'ownedAccountIds' | 'grants'>): Membership[] {
  const owned = new Set(read.ownedAccountIds);
  return [
    ...read.ownedAccountIds.map((accountId) => ({ accountId, role: 'owner' as const, permissions: [] })),
    ...read.grants.filter((g) => !owned.has(g.accountId)).map((g) => ({ accountId: g.accountId, role: 'contact' as const, permissions: g.permissions, scope: g.scope })),
  ];
}
