import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ActorName, ActorNames } from '../ports/back-office-reads.js';
import type { TransactionScope } from '../ports/unit-of-work.js';

export type { ActorName, ActorNames };

/** The names of everyone on a page of the log, in a fixed number of queries whatever the page holds. */
export async function actorNames(scope: TransactionScope, entries: readonly AuditEntry[]): Promise<ActorNames> {
  const userIds = [...new Set(entries.filter((e) => e.actorKind !== 'staff' && e.actorId).map((e) => e.actorId!))];
  const accountIds = [...new Set(entries.flatMap((e) => (e.accountId ? [e.accountId] : [])))];
  const names: Record<string, ActorName> = {};
  if (userIds.length) {
    const owners = new Set((accountIds.length ? await scope.accounts.listByIds(accountIds) : []).map((a) => a.ownerUserId));
    for (const user of await scope.users.listByIds(userIds)) names[user.id] = { name: user.name, role: owners.has(user.id) ? 'owner' : 'contact' };
  }
  if (entries.some((e) => e.actorKind === 'staff')) {
    for (const member of await scope.staff.listAll()) names[member.id] = { name: member.name, role: 'staff', staffRoles: member.roles };
  }
  return names;
}
