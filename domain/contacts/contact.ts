import type { AccessScope, Membership } from '../authorization/actor.js';
import { PERMISSIONS, type Permission } from '../authorization/permission.js';
import type { EmailAddress } from '../identity/email-address.js';
import type { Locale } from '../identity/locale.js';
import type { MailTopic } from '../mail/outgoing-mail.js';

/** The kinds of mail a contact can subscribe to; security mail goes only to the person it concerns. */
export const SUBSCRIPTIONS = ['general', 'billing', 'services', 'domains', 'support'] as const satisfies readonly MailTopic[];
export type Subscription = (typeof SUBSCRIPTIONS)[number];

/**
 * The rights a subscription needs (any one of them): mail of a kind goes only to someone who may read what it is
 * about. General news needs no right.
 */
export const SUBSCRIPTION_RIGHTS: Record<Subscription, readonly Permission[]> = {
  general: [],
  billing: ['quotes', 'invoices'],
  services: ['services'],
  domains: ['domains'],
  support: ['tickets'],
};

export function subscriptionAllowed(permissions: readonly Permission[], subscription: Subscription): boolean {
  const needs = SUBSCRIPTION_RIGHTS[subscription];
  return needs.length === 0 || needs.some((p) => permissions.includes(p));
}

export const INVITATION_TTL_MS = 7 * 86_400_000;

export type ContactStatus = 'mail_only' | 'invited' | 'expired' | 'active';

/**
 * A person an owner lets act for the account, or only mails. A contact with a login is invited by mail and becomes
 * active when the invitee accepts; its rights may be limited to chosen services and domains.
 */
export class Contact {
  id!: string;
  accountId!: string;
  name!: string;
  email!: string;
  locale!: Locale;
  userId!: string | null;
  login!: boolean;
  permissions!: Permission[];
  /** Null: the whole account. Otherwise the services and domains the rights apply to. */
  scopeServiceIds!: string[] | null;
  scopeDomainIds!: string[] | null;
  subscriptions!: Subscription[];
  invitationHash!: string | null;
  invitationExpiresAt!: Date | null;
  acceptedAt!: Date | null;
  createdAt!: Date;
  /** When it last changed (set by the repository on every write): what `updated_since` asks about. */
  updatedAt!: Date;

  static add(input: {
    id: string;
    accountId: string;
    name: string;
    email: EmailAddress;
    locale: Locale;
    permissions: readonly Permission[];
    scope: AccessScope | null;
    subscriptions: readonly Subscription[];
    now: Date;
  }): Contact {
    const contact = new Contact();
    contact.id = input.id;
    contact.accountId = input.accountId;
    contact.name = input.name.trim();
    contact.email = input.email.value;
    contact.locale = input.locale;
    contact.userId = null;
    contact.login = false;
    contact.permissions = [];
    contact.scopeServiceIds = null;
    contact.scopeDomainIds = null;
    contact.subscriptions = [...new Set(input.subscriptions)];
    contact.invitationHash = null;
    contact.invitationExpiresAt = null;
    contact.acceptedAt = null;
    contact.createdAt = input.now;
    contact.grant(input.permissions, input.scope);
    return contact;
  }

  /** A new invitation link (the old one stops working); the contact gets a login once it is accepted. */
  invite(tokenHash: string, now: Date): void {
    this.login = true;
    this.invitationHash = tokenHash;
    this.invitationExpiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  }

  status(now: Date): ContactStatus {
    if (!this.login) return 'mail_only';
    if (this.acceptedAt) return 'active';
    return this.invitationExpiresAt && now.getTime() < this.invitationExpiresAt.getTime() ? 'invited' : 'expired';
  }

  isInvitationUsable(now: Date): boolean {
    return this.status(now) === 'invited' && this.invitationHash !== null;
  }

  accept(userId: string, now: Date): void {
    this.login = true;
    this.userId = userId;
    this.acceptedAt = now;
    this.invitationHash = null;
    this.invitationExpiresAt = null;
  }

  grant(permissions: readonly Permission[], scope: AccessScope | null): void {
    this.permissions = PERMISSIONS.filter((p) => permissions.includes(p));
    this.scopeServiceIds = scope ? [...new Set(scope.serviceIds)] : null;
    this.scopeDomainIds = scope ? [...new Set(scope.domainIds)] : null;
  }

  subscribe(subscriptions: readonly Subscription[]): void {
    this.subscriptions = SUBSCRIPTIONS.filter((s) => subscriptions.includes(s));
  }

  /** The contact as the policy sees it (also one who only receives mail: its rights decide which mail). */
  membership(): Membership {
    return { accountId: this.accountId, role: 'contact', permissions: this.permissions, scope: this.scope() };
  }

  scope(): AccessScope | null {
    return this.scopeServiceIds === null ? null : { serviceIds: this.scopeServiceIds, domainIds: this.scopeDomainIds ?? [] };
  }

  rename(name: string): void {
    this.name = name.trim();
  }
}
