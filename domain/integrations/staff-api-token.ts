import type { StaffRole } from '../staff/staff-member.js';
import { TOKEN_LIFETIME_MS } from './api-token.js';

/** The roles a staff token may carry: never admin, so no token administers tokens, webhooks or staff. */
export const STAFF_TOKEN_ROLES = ['support', 'billing', 'verifier', 'editor'] as const satisfies readonly StaffRole[];
export type StaffTokenRole = (typeof STAFF_TOKEN_ROLES)[number];

/** The prefix tells a leaked string for what it is (secret scanners look for such prefixes). */
export const STAFF_TOKEN_PREFIX = 'st_';

/**
 * A key for a back-office integration, created by an admin: it acts as that admin limited to the chosen roles, and
 * stops when revoked or when the admin is no longer active. Only its SHA-256 is kept.
 */
export class StaffApiToken {
  id!: string;
  name!: string;
  createdByStaffId!: string;
  tokenHash!: string;
  roles!: StaffTokenRole[];
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
  expiresAt!: Date;

  static create(input: { id: string; name: string; createdByStaffId: string; tokenHash: string; roles: StaffTokenRole[]; now: Date }): StaffApiToken {
    const token = new StaffApiToken();
    const { now, ...rest } = input;
    Object.assign(token, rest, { name: input.name.trim(), roles: [...new Set(input.roles)], createdAt: now, lastUsedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS) });
    return token;
  }

  isActive(now: Date): boolean {
    return this.revokedAt === null && now < this.expiresAt;
  }
}
