import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';
import type { TransactionScope } from '../ports/unit-of-work.js';

/** Who an audit entry's actor is, to show a name and a role in words ("Ana Horvat (vlasnik)") instead of ids. */
export interface ActorName {
  readonly name: string;
  readonly role: 'owner' | 'contact' | 'staff';
  readonly staffRoles?: readonly StaffRole[];
}

export type ActorNames = Readonly<Record<string, ActorName>>;

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
