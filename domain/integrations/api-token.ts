import type { Permission } from '../authorization/permission.js';

/** A key for an integration: acts for one account with a subset of rights. Only its SHA-256 is kept. */
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

  static create(input: { id: string; accountId: string; name: string; createdByUserId: string; tokenHash: string; permissions: Permission[]; now: Date }): ApiToken {
    const token = new ApiToken();
    const { now, ...rest } = input;
    Object.assign(token, rest, { name: input.name.trim(), permissions: [...new Set(input.permissions)], createdAt: now, lastUsedAt: null, revokedAt: null });
    return token;
  }

  isActive(): boolean {
    return this.revokedAt === null;
  }
}

/** The prefix tells a leaked string for what it is (secret scanners look for such prefixes). */
export const API_TOKEN_PREFIX = 'pt_';
