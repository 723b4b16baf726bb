import type { Permission } from '../authorization/permission.js';

/** How long an API key (a client's or staff's) works: a key forgotten in a script does not work for ever. */
export const TOKEN_LIFETIME_MS = 365 * 86_400_000;

/** A key for an integration: acts for one account with a subset of rights, for a year. Only its SHA-256 is kept. */
export class ApiToken {
  id!: string;
  accountId!: string;
  name!: string;
  createdByUserId!: string;
  tokenHash!: string;
  permissions!: Permission[];
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
  expiresAt!: Date;

  static create(input: { id: string; accountId: string; name: string; createdByUserId: string; tokenHash: string; permissions: Permission[]; now: Date }): ApiToken {
    const token = new ApiToken();
    const { now, ...rest } = input;
    Object.assign(token, rest, { name: input.name.trim(), permissions: [...new Set(input.permissions)], createdAt: now, lastUsedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS) });
    return token;
  }

  isActive(now: Date): boolean {
    return this.revokedAt === null && now < this.expiresAt;
  }
}

/** The prefix tells a leaked string for what it is (secret scanners look for such prefixes). */
export const API_TOKEN_PREFIX = 'pt_';
