import type { EmailAddress } from './email-address.js';
import type { Locale } from './locale.js';

/** A person who can sign in to the portal. Which accounts they may act for is decided elsewhere. */
export class User {
  id!: string;
  email!: string;
  name!: string;
  passwordHash!: string | null;
  locale!: Locale;
  createdAt!: Date;
  passwordChangedAt!: Date | null;
  /** The TOTP secret, sealed by the secret box; null while two-factor sign-in is off. */
  totpSealed!: string | null;
  lastTotpStep!: number;
  /** Hashes of the unused single-use recovery codes of two-factor sign-in (the codes are shown once, never kept). */
  recoveryCodes!: string[];

  static create(input: { id: string; email: EmailAddress; name: string; locale: Locale; now: Date; passwordHash?: string | null }): User {
    const user = new User();
    user.id = input.id;
    user.email = input.email.value;
    user.name = input.name.trim();
    user.passwordHash = input.passwordHash ?? null;
    user.locale = input.locale;
    user.createdAt = input.now;
    user.passwordChangedAt = input.passwordHash ? input.now : null;
    user.totpSealed = null;
    user.lastTotpStep = 0;
    user.recoveryCodes = [];
    return user;
  }

  hasPassword(): boolean {
    return this.passwordHash !== null;
  }

  changePassword(hash: string, now: Date): void {
    this.passwordHash = hash;
    this.passwordChangedAt = now;
  }

  hasTwoFactor(): boolean {
    return this.totpSealed !== null;
  }

  enableTwoFactor(sealedSecret: string, confirmedStep: number): void {
    this.totpSealed = sealedSecret;
    this.lastTotpStep = confirmedStep;
  }

  disableTwoFactor(): void {
    this.totpSealed = null;
    this.recoveryCodes = [];
  }

  /** A new set of recovery codes replaces the old one whole: every earlier code stops working. */
  replaceRecoveryCodes(hashes: readonly string[]): void {
    this.recoveryCodes = [...hashes];
  }

  /** A recovery code works once: true when it was one of the unused ones, which it no longer is. */
  useRecoveryCode(hash: string): boolean {
    const before = this.recoveryCodes.length;
    this.recoveryCodes = this.recoveryCodes.filter((h) => h !== hash);
    return this.recoveryCodes.length < before;
  }

  /** A TOTP code may be used once: a replayed or older step is refused. */
  acceptTotpStep(step: number): boolean {
    if (step <= this.lastTotpStep) return false;
    this.lastTotpStep = step;
    return true;
  }

  /** Only after the staff-verified email-change procedure. */
  changeEmail(email: string): void {
    this.email = email;
  }

  preferLocale(locale: Locale): void {
    this.locale = locale;
  }
}
