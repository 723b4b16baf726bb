import type { EmailAddress } from '../identity/email-address.js';

export const STAFF_ROLES = ['admin', 'support', 'billing', 'verifier', 'editor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** An employee of the company. Signing in always takes a password and a TOTP code. */
export class StaffMember {
  id!: string;
  email!: string;
  name!: string;
  passwordHash!: string;
  /** The TOTP secret, sealed like every secret at rest (a secret of an earlier version may still be plain). */
  totpSealed!: string;
  lastTotpStep!: number;
  roles!: StaffRole[];
  /** Printed as the operator of the invoices this person issues (HR-BT-5); without it the system operator is named. */
  oib!: string | null;
  active!: boolean;
  createdAt!: Date;

  static create(input: { id: string; email: EmailAddress; name: string; passwordHash: string; totpSealed: string; roles: StaffRole[]; now: Date; oib?: string | null }): StaffMember {
    const staff = new StaffMember();
    staff.id = input.id;
    staff.email = input.email.value;
    staff.name = input.name.trim();
    staff.passwordHash = input.passwordHash;
    staff.totpSealed = input.totpSealed;
    staff.lastTotpStep = 0;
    staff.roles = [...new Set(input.roles)];
    staff.oib = input.oib ?? null;
    staff.active = true;
    staff.createdAt = input.now;
    return staff;
  }

  hasRole(role: StaffRole): boolean {
    return this.roles.includes('admin') || this.roles.includes(role);
  }

  /** A TOTP code may be used once: a replayed or older step is refused. */
  acceptTotpStep(step: number): boolean {
    if (step <= this.lastTotpStep) return false;
    this.lastTotpStep = step;
    return true;
  }
}
