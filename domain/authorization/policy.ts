import type { StaffRole } from '../staff/staff-member.js';
import type { Actor, Membership } from './actor.js';
import type { Permission } from './permission.js';

/** Everything anybody can ask to do. Each later capability adds its actions here, and only here. */
export type Action =
  | { readonly type: 'account.view'; readonly accountId: string }
  | { readonly type: 'account.emails'; readonly accountId: string }
  | { readonly type: 'orders.place'; readonly accountId: string }
  | { readonly type: 'orders.view'; readonly accountId: string }
  | { readonly type: 'quotes.view'; readonly accountId: string }
  | { readonly type: 'services.view'; readonly accountId: string; readonly serviceId?: string }
  | { readonly type: 'services.credentials'; readonly accountId: string; readonly serviceId: string }
  | { readonly type: 'domains.view'; readonly accountId: string; readonly domainId?: string }
  | { readonly type: 'invoices.view'; readonly accountId: string }
  | { readonly type: 'account.audit'; readonly accountId: string }
  | { readonly type: 'account.tokens'; readonly accountId: string }
  | { readonly type: 'staff.orders' }
  | { readonly type: 'staff.billing' }
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

/** The right each client action needs from a contact; null means any member may. */
const ACCOUNT_PERMISSION: Record<'account.view' | 'account.emails' | 'orders.place' | 'orders.view' | 'quotes.view' | 'invoices.view' | 'services.view' | 'services.credentials' | 'domains.view', Permission | null> = {
  'invoices.view': 'invoices',
  'account.view': null,
  'account.emails': 'emails',
  'orders.place': 'orders',
  'orders.view': 'orders',
  'quotes.view': 'quotes',
  'services.view': 'services',
  'services.credentials': 'credentials',
  'domains.view': 'domains',
};

/** The one answer to every question of access. Pure: no I/O, no clock, no framework. */
export function can(actor: Actor, action: Action): Decision {
  if (actor.kind === 'anonymous') return deny('unauthenticated');
  switch (action.type) {
    case 'account.view':
    case 'account.emails':
    case 'orders.place':
    case 'orders.view':
    case 'quotes.view':
    case 'invoices.view':
    case 'services.view':
    case 'services.credentials':
    case 'domains.view': {
      if (actor.kind !== 'user') return deny('not_member');
      const membership = actor.memberships.find((m) => m.accountId === action.accountId);
      return membershipPermission(membership, ACCOUNT_PERMISSION[action.type]);
    }
    case 'staff.orders':
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.some((r) => r === 'support' || r === 'billing') ? allow(actor.roles.includes('billing') ? 'billing' : 'support') : staffRole(actor.roles, 'admin');
    case 'staff.backoffice':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'any') : deny('missing_role');
    case 'account.audit':
    case 'account.tokens': {
      // The account's audit log and its API tokens are the owner's; a token never manages tokens.
      if (actor.kind !== 'user' || actor.viaTokenId) return deny('not_member');
      const membership = actor.memberships.find((m) => m.accountId === action.accountId);
      if (!membership) return deny('not_member');
      return membership.role === 'owner' ? allow('owner') : deny('missing_permission');
    }
    case 'staff.billing':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'billing') : deny('missing_role');
    case 'staff.audit':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'admin') : deny('missing_role');
  }
}
