import type { StaffRole } from '../staff/staff-member.js';
import type { Actor, Membership } from './actor.js';
import type { Permission } from './permission.js';

/** Everything anybody can ask to do. Each later capability adds its actions here, and only here. */
export type Action =
  | { readonly type: 'account.view'; readonly accountId: string }
  | { readonly type: 'account.emails'; readonly accountId: string }
  | { readonly type: 'staff.backoffice' }
  | { readonly type: 'staff.audit' };

export type Decision =
  | { readonly allowed: true; readonly grantedBy: Permission | 'owner' | 'membership' | StaffRole }
  | { readonly allowed: false; readonly reason: 'unauthenticated' | 'not_member' | 'missing_permission' | 'missing_role' };

const allow = (grantedBy: Extract<Decision, { allowed: true }>['grantedBy']): Decision => ({ allowed: true, grantedBy });
const deny = (reason: Extract<Decision, { allowed: false }>['reason']): Decision => ({ allowed: false, reason });

function membershipPermission(membership: Membership | undefined, permission: Permission | null): Decision {
  if (!membership) return deny('not_member');
  if (membership.role === 'owner') return allow('owner');
  if (permission === null) return allow('membership');
  return membership.permissions.includes(permission) ? allow(permission) : deny('missing_permission');
}

function staffRole(roles: readonly StaffRole[], needed: StaffRole | 'any'): Decision {
  if (roles.includes('admin')) return allow('admin');
  if (needed === 'any') return roles[0] ? allow(roles[0]) : deny('missing_role');
  return roles.includes(needed) ? allow(needed) : deny('missing_role');
}

/** The one answer to every question of access. Pure: no I/O, no clock, no framework. */
export function can(actor: Actor, action: Action): Decision {
  if (actor.kind === 'anonymous') return deny('unauthenticated');
  switch (action.type) {
    case 'account.view':
    case 'account.emails': {
      if (actor.kind !== 'user') return deny('not_member');
      const membership = actor.memberships.find((m) => m.accountId === action.accountId);
      return membershipPermission(membership, action.type === 'account.emails' ? 'emails' : null);
    }
    case 'staff.backoffice':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'any') : deny('missing_role');
    case 'staff.audit':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'admin') : deny('missing_role');
  }
}
