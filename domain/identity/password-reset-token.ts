export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** A single-use permission to set a new password. Only the SHA-256 of the mailed token is kept. */
export class PasswordResetToken {
  tokenHash!: string;
  userId!: string;
  createdAt!: Date;
  expiresAt!: Date;
  usedAt!: Date | null;

  static issue(input: { tokenHash: string; userId: string; now: Date; ttlMs?: number }): PasswordResetToken {
    const token = new PasswordResetToken();
    token.tokenHash = input.tokenHash;
    token.userId = input.userId;
    token.createdAt = input.now;
    token.expiresAt = new Date(input.now.getTime() + (input.ttlMs ?? PASSWORD_RESET_TTL_MS));
    token.usedAt = null;
    return token;
  }

  isUsable(now: Date): boolean {
    return this.usedAt === null && now.getTime() < this.expiresAt.getTime();
  }

  use(now: Date): void {
    this.usedAt = now;
  }
}
