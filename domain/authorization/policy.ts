import { SUBSCRIPTIONS, subscriptionAllowed, type Subscription } from '../contacts/contact.js';
import type { StaffRole } from '../staff/staff-member.js';
import type { MailAbout } from '../mail/outgoing-mail.js';
import type { TicketRef } from '../support/ticket.js';
import type { AccessScope, Actor, Membership } from './actor.js';
import type { Permission } from './permission.js';

/** What a contact holds or is about to be given: rights and the part of the account they apply to. */
export interface Grant {
  readonly userId?: string | null;
  readonly permissions: readonly Permission[];
  readonly scope: AccessScope | null;
}

/** What a mail is about, so that it reaches only those who may read that: services, domains, a ticket. */
export type { MailAbout };

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
  /** Changing or cancelling a service; a scoped contact only for its own services. */
  | { readonly type: 'services.manage'; readonly accountId: string; readonly serviceId?: string }
  /** Changing a domain (nameservers, transfer code); a scoped contact only for its own domains. */
  | { readonly type: 'domains.manage'; readonly accountId: string; readonly domainId?: string }
  /** Reading the account's tickets; with `ticket`, that one: a scoped contact reads those about its part and its own. */
  | { readonly type: 'tickets.view'; readonly accountId: string; readonly ticket?: TicketRef }
  /** Receiving the account's mail of a kind (a subscription), about these things. */
  | { readonly type: 'mail.receive'; readonly accountId: string; readonly topic: Subscription; readonly about?: MailAbout }
  | { readonly type: 'tickets.create'; readonly accountId: string }
  | { readonly type: 'invoices.view'; readonly accountId: string }
  | { readonly type: 'contacts.view'; readonly accountId: string }
  /** Adding, changing or removing a contact: `target` is the contact as it is, `grant` what it would become. */
  | { readonly type: 'contacts.manage'; readonly accountId: string; readonly target?: Grant; readonly grant?: Grant }
  | { readonly type: 'profile.view'; readonly accountId: string }
  | { readonly type: 'profile.edit'; readonly accountId: string }
  /** Asking to change the account's email address: the owner only, signed in (never a token). */
  | { readonly type: 'account.email_change'; readonly accountId: string }
  /** Inviting a person to sign in for the account: the signed-in owner only (never a token, never a contact). */
  | { readonly type: 'contacts.invite'; readonly accountId: string }
  | { readonly type: 'account.audit'; readonly accountId: string }
  | { readonly type: 'account.tokens'; readonly accountId: string }
  /** The account's webhook endpoints and their deliveries: the signed-in owner only (never a token). */
  | { readonly type: 'account.webhooks'; readonly accountId: string }
  /** The signed-in person's own sign-in settings (two-factor): never through an API token. */
  | { readonly type: 'user.security'; readonly userId: string }
  | { readonly type: 'staff.orders' }
  | { readonly type: 'staff.billing' }
  | { readonly type: 'staff.backoffice' }
  /** Checking documents and deciding email changes. */
  | { readonly type: 'staff.email_changes' }
  /** Locking profile fields against self-service. */
  | { readonly type: 'staff.profile_locks' }
  /** Answering tickets and carrying out the requests they carry. */
  | { readonly type: 'staff.tickets' }
  /** Switching off a client's two-factor sign-in when the authenticator is lost (after a check by phone or in person). */
  | { readonly type: 'staff.user_security' }
  /** Mail that did not go out: seeing it and sending it again. */
  | { readonly type: 'staff.mail' }
  /** Searching clients and opening a client's whole picture. */
  | { readonly type: 'staff.clients' }
  /** Writing, publishing and ordering help articles and their categories. */
  | { readonly type: 'staff.help' }
  /** Publishing and withdrawing announcements to every client. */
  | { readonly type: 'staff.announcements' }
  /** Marking an announcement read: the signed-in person's own dashboard, never through a token. */
  | { readonly type: 'announcements.read' }
  | { readonly type: 'staff.audit' }
  /** Staff API tokens and the staff webhooks that receive every account's events: admins, signed in (never a token). */
  | { readonly type: 'staff.api_tokens' }
  | { readonly type: 'staff.webhooks' };

export type DenyReason = 'unauthenticated' | 'not_member' | 'missing_permission' | 'missing_role' | 'out_of_scope' | 'own_contact' | 'exceeds_own_rights';

export type Decision =
  | { readonly allowed: true; readonly grantedBy: Permission | 'owner' | 'membership' | StaffRole }
  | { readonly allowed: false; readonly reason: DenyReason };

const allow = (grantedBy: Extract<Decision, { allowed: true }>['grantedBy']): Decision => ({ allowed: true, grantedBy });
const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

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
const ACCOUNT_PERMISSION: Record<'account.view' | 'account.emails' | 'orders.place' | 'orders.view' | 'quotes.view' | 'invoices.view' | 'services.view' | 'services.credentials' | 'domains.view' | 'contacts.view' | 'profile.view' | 'profile.edit' | 'services.manage' | 'domains.manage' | 'tickets.create', Permission | null> = {
  'services.manage': 'services.manage',
  'domains.manage': 'domains.manage',
  'tickets.create': 'tickets',
  'profile.view': 'profile',
  'profile.edit': 'profile',
  'invoices.view': 'invoices',
  'account.view': null,
  'account.emails': 'emails',
  'orders.place': 'orders',
  'orders.view': 'orders',
  'quotes.view': 'quotes',
  'services.view': 'services',
  'services.credentials': 'credentials',
  'domains.view': 'domains',
  'contacts.view': 'contacts',
};

function membershipOf(actor: Extract<Actor, { kind: 'user' }>, accountId: string): Membership | undefined {
  return actor.memberships.find((m) => m.accountId === accountId);
}

/** A scoped contact reaches only the services and domains of its scope. */
function inScope(membership: Membership, kind: 'services' | 'domains', id: string | undefined): boolean {
  if (membership.role === 'owner' || !membership.scope || id === undefined) return true;
  return (kind === 'services' ? membership.scope.serviceIds : membership.scope.domainIds).includes(id);
}

const within = (inner: readonly string[], outer: readonly string[]) => inner.every((x) => outer.includes(x));

/** True when `grant` gives nothing beyond `own`: fewer or equal rights over an equal or smaller part of the account. */
function isWithin(grant: Grant, own: Membership): boolean {
  if (!within(grant.permissions, own.permissions)) return false;
  if (!own.scope) return true;
  return grant.scope !== null && within(grant.scope.serviceIds, own.scope.serviceIds) && within(grant.scope.domainIds, own.scope.domainIds);
}

/** A contact with the contacts right manages other contacts, never itself, and never beyond its own rights. */
function manageContacts(actor: Extract<Actor, { kind: 'user' }>, action: Extract<Action, { type: 'contacts.manage' }>): Decision {
  const membership = membershipOf(actor, action.accountId);
  const base = membershipPermission(membership, 'contacts');
  if (!base.allowed || !membership || membership.role === 'owner') return base;
  if (action.target?.userId && action.target.userId === actor.userId) return deny('own_contact');
  if (action.target && !isWithin(action.target, membership)) return deny('exceeds_own_rights');
  if (action.grant && !isWithin(action.grant, membership)) return deny('exceeds_own_rights');
  return base;
}

/** A scoped contact reads the tickets it opened and those about its services and domains. */
function ticketInScope(membership: Membership, userId: string, ticket: TicketRef): boolean {
  if (membership.role === 'owner' || !membership.scope || ticket.openedByUserId === userId) return true;
  return (ticket.serviceId !== null && membership.scope.serviceIds.includes(ticket.serviceId)) || (ticket.domainId !== null && membership.scope.domainIds.includes(ticket.domainId));
}

/**
 * Mail of a kind reaches a contact only within its rights (billing mail needs quotes or invoices, service mail
 * services, domain mail domains, support mail tickets) and, when scoped, only about its own part of the account:
 * mail about things outside it, or about the whole account, does not reach it.
 */
function receiveMail(actor: Extract<Actor, { kind: 'user' }>, action: Extract<Action, { type: 'mail.receive' }>): Decision {
  const membership = membershipOf(actor, action.accountId);
  if (!membership) return deny('not_member');
  if (membership.role === 'owner') return allow('owner');
  if (!subscriptionAllowed(membership.permissions, action.topic)) return deny('missing_permission');
  const about = action.about ?? {};
  const services = about.serviceIds ?? [];
  const domains = about.domainIds ?? [];
  if (!services.every((id) => inScope(membership, 'services', id)) || !domains.every((id) => inScope(membership, 'domains', id))) return deny('out_of_scope');
  if (about.ticket && !ticketInScope(membership, actor.userId, about.ticket)) return deny('out_of_scope');
  const specific = services.length > 0 || domains.length > 0 || about.ticket !== undefined;
  const partial = membership.scope !== null && membership.scope !== undefined;
  if (partial && !specific && action.topic !== 'billing' && action.topic !== 'general') return deny('out_of_scope');
  return allow('membership');
}

/** What of an account's shared email history a member may read: mail of these topics, about its part of the account. */
export interface MailHistoryFilter {
  /** The member asking, as the policy judges it. */
  readonly member: Extract<Actor, { kind: 'user' }>;
  readonly accountId: string;
  /** For the repository's query: the topics the member may receive, and its part of the account (null: all of it). */
  readonly topics: readonly Subscription[];
  readonly scope: AccessScope | null;
  readonly userId: string;
}

/**
 * The part of the email history a member may read, or null for all of it (the owner): a mail is readable when the
 * member could receive it now (`mail.receive`: the rights its topic needs, and for a scoped contact only mail about
 * its own services, domains and tickets). Lists ask once and let the repository filter; one mail is asked with
 * `can(mail.receive)`, and `mailReadable` says the same for a mail in hand.
 */
export function mailHistoryFilter(actor: Actor, accountId: string): MailHistoryFilter | null {
  if (actor.kind !== 'user') return null;
  const membership = membershipOf(actor, accountId);
  if (!membership || membership.role === 'owner') return null;
  return { member: actor, accountId, topics: SUBSCRIPTIONS.filter((t) => subscriptionAllowed(membership.permissions, t)), scope: membership.scope ?? null, userId: actor.userId };
}

/** Whether a stored mail (its topic and what it is about) is within a history filter: `can(mail.receive)` over the filter. */
export function mailReadable(filter: MailHistoryFilter | null, mail: { readonly topic: string; readonly about: MailAbout | null }): boolean {
  if (!filter) return true;
  if (!(SUBSCRIPTIONS as readonly string[]).includes(mail.topic)) return false;
  return can(filter.member, { type: 'mail.receive', accountId: filter.accountId, topic: mail.topic as Subscription, ...(mail.about ? { about: mail.about } : {}) }).allowed;
}

/**
 * Which tickets of an account the actor may list: null for all of them, or the filter of a scoped contact (its
 * own, and those about its services and domains). Lists ask once and let the repository filter.
 */
export function ticketVisibility(actor: Actor, accountId: string): { userId: string; serviceIds: readonly string[]; domainIds: readonly string[] } | null {
  if (actor.kind !== 'user') return null;
  const membership = membershipOf(actor, accountId);
  if (!membership || membership.role === 'owner' || !membership.scope) return null;
  return { userId: actor.userId, serviceIds: membership.scope.serviceIds, domainIds: membership.scope.domainIds };
}

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
    case 'profile.view':
    case 'profile.edit':
    case 'tickets.create':
    case 'contacts.view': {
      if (actor.kind !== 'user') return deny('not_member');
      return membershipPermission(membershipOf(actor, action.accountId), ACCOUNT_PERMISSION[action.type]);
    }
    case 'services.view':
    case 'services.credentials':
    case 'services.manage':
    case 'domains.manage':
    case 'domains.view': {
      if (actor.kind !== 'user') return deny('not_member');
      const membership = membershipOf(actor, action.accountId);
      const decision = membershipPermission(membership, ACCOUNT_PERMISSION[action.type]);
      if (!decision.allowed || !membership) return decision;
      const inside = action.type === 'domains.view' || action.type === 'domains.manage' ? inScope(membership, 'domains', action.domainId) : inScope(membership, 'services', action.serviceId);
      return inside ? decision : deny('out_of_scope');
    }
    case 'tickets.view': {
      if (actor.kind !== 'user') return deny('not_member');
      const membership = membershipOf(actor, action.accountId);
      const decision = membershipPermission(membership, 'tickets');
      if (!decision.allowed || !membership || !action.ticket) return decision;
      return ticketInScope(membership, actor.userId, action.ticket) ? decision : deny('out_of_scope');
    }
    case 'mail.receive':
      return actor.kind === 'user' ? receiveMail(actor, action) : deny('not_member');
    case 'contacts.manage':
      return actor.kind === 'user' ? manageContacts(actor, action) : deny('not_member');
    case 'staff.orders':
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.some((r) => r === 'support' || r === 'billing') ? allow(actor.roles.includes('billing') ? 'billing' : 'support') : staffRole(actor.roles, 'admin');
    case 'staff.backoffice':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'any') : deny('missing_role');
    case 'account.audit':
    case 'account.email_change':
    case 'contacts.invite':
    case 'account.webhooks':
    case 'account.tokens': {
      // The account's audit log, its API tokens, its email address and who may sign in for it are the owner's; never
      // through a token.
      if (actor.kind !== 'user' || actor.viaTokenId) return deny('not_member');
      const membership = membershipOf(actor, action.accountId);
      if (!membership) return deny('not_member');
      return membership.role === 'owner' ? allow('owner') : deny('missing_permission');
    }
    case 'user.security':
      return actor.kind === 'user' && !actor.viaTokenId && actor.userId === action.userId ? allow('membership') : deny('not_member');
    case 'staff.tickets':
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.includes('support') ? allow('support') : actor.roles.includes('billing') ? allow('billing') : staffRole(actor.roles, 'admin');
    case 'staff.user_security':
      // Switching off a client's second factor, like deciding an email change, hands over an account: only a person
      // signed in with a second factor of their own, never a token.
      if (actor.kind !== 'staff' || actor.viaTokenId) return deny('missing_role');
      return actor.roles.includes('support') ? allow('support') : staffRole(actor.roles, 'admin');
    case 'staff.mail':
      return actor.kind === 'staff' ? (actor.roles.includes('support') ? allow('support') : staffRole(actor.roles, 'admin')) : deny('missing_role');
    case 'staff.clients':
      // Editors write help pages for everybody: they have no business with any one client's data.
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.some((r) => r !== 'editor') ? staffRole(actor.roles.filter((r) => r !== 'editor'), 'any') : deny('missing_role');
    case 'staff.help':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'editor') : deny('missing_role');
    case 'staff.announcements':
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.includes('support') ? allow('support') : staffRole(actor.roles, 'editor');
    case 'announcements.read':
      return actor.kind === 'user' && !actor.viaTokenId ? allow('membership') : deny('not_member');
    case 'staff.email_changes':
      return actor.kind === 'staff' && !actor.viaTokenId ? staffRole(actor.roles, 'verifier') : deny('missing_role');
    case 'staff.profile_locks':
      if (actor.kind !== 'staff') return deny('missing_role');
      return actor.roles.includes('support') ? allow('support') : staffRole(actor.roles, 'admin');
    case 'staff.billing':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'billing') : deny('missing_role');
    case 'staff.audit':
      return actor.kind === 'staff' ? staffRole(actor.roles, 'admin') : deny('missing_role');
    case 'staff.api_tokens':
    case 'staff.webhooks':
      if (actor.kind !== 'staff' || actor.viaTokenId) return deny('missing_role');
      return actor.roles.includes('admin') ? allow('admin') : deny('missing_role');
  }
}

/**
 * The ids of the services or domains the actor may list in an account, or null when it may list them all.
 * Lists ask this once and let the repository filter, so paging stays a single keyset query.
 */
export function visibleIds(actor: Actor, accountId: string, kind: 'services' | 'domains'): readonly string[] | null {
  if (actor.kind !== 'user') return null;
  const membership = membershipOf(actor, accountId);
  if (!membership || membership.role === 'owner' || !membership.scope) return null;
  return kind === 'services' ? membership.scope.serviceIds : membership.scope.domainIds;
}
