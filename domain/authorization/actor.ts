import type { StaffRole } from '../staff/staff-member.js';
import type { Permission } from './permission.js';

/** The services and domains a contact's rights are limited to; absent or null means the whole account. */
export interface AccessScope {
  readonly serviceIds: readonly string[];
  readonly domainIds: readonly string[];
}

export interface Membership {
  readonly accountId: string;
  readonly role: 'owner' | 'contact';
  readonly permissions: readonly Permission[];
  readonly scope?: AccessScope | null;
}

/** Who is asking. Built once per request from the session; every use case passes it to the policy. */
export type Actor =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly userId: string; readonly memberships: readonly Membership[]; readonly viaTokenId?: string }
  | { readonly kind: 'staff'; readonly staffId: string; readonly roles: readonly StaffRole[]; readonly viaTokenId?: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
