import { describe, expect, it } from 'vitest';
import { checkDigit, Oib } from '../../domain/accounts/oib.js';
import { can } from '../../domain/authorization/policy.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { checkNewPassword } from '../../domain/identity/password-policy.js';
import { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import { StaffMember } from '../../domain/staff/staff-member.js';

describe('OIB', () => {
  it('accepts numbers whose ISO 7064 MOD 11,10 check digit matches', () => {
    for (const valid of ['69435151530', '87654321095', '12345678903']) expect(Oib.parse(valid).ok, valid).toBe(true);
  });
  it('refuses a wrong check digit, the wrong length and letters, with the field named', () => {
    const wrongDigit = Oib.parse('69435151531');
    expect(wrongDigit.ok).toBe(false);
    if (!wrongDigit.ok) expect([wrongDigit.error.code, wrongDigit.error.field]).toEqual(['oib.check_digit', 'oib']);
    for (const bad of ['6943515153', '694351515300', '6943515153a', '']) {
      const r = Oib.parse(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('oib.format');
    }
  });
  it('turns a remainder of 10 into the check digit 0', () => {
    expect(checkDigit('0000000001')).toBeGreaterThanOrEqual(0);
    const all = Array.from({ length: 200 }, (_, i) => checkDigit(String(1234567000 + i)));
    expect(all.every((d) => d >= 0 && d <= 9)).toBe(true);
    expect(all).toContain(0);
  });
});

describe('EmailAddress', () => {
  it('normalises case and surrounding space', () => {
    const r = EmailAddress.parse('  Ana.Horvat@Firma.HR ');
    expect(r.ok && r.value.value).toBe('ana.horvat@firma.hr');
  });
  it('refuses empty, malformed and over-long addresses', () => {
    expect(EmailAddress.parse('').ok).toBe(false);
    expect(EmailAddress.parse('ana@').ok).toBe(false);
    expect(EmailAddress.parse('ana firma@x.hr').ok).toBe(false);
    expect(EmailAddress.parse(`${'a'.repeat(250)}@x.hr`).ok).toBe(false);
  });
});

describe('password policy', () => {
  const common = (p: string) => p === 'password1';
  it('counts characters, not bytes, from 8 to 128, and allows spaces and any letters', () => {
    expect(checkNewPassword('šđčćž ab', common).ok).toBe(true);
    expect(checkNewPassword('a'.repeat(128), common).ok).toBe(true);
    const short = checkNewPassword('1234567', common);
    expect(!short.ok && short.error.code).toBe('password.too_short');
    const long = checkNewPassword('a'.repeat(129), common);
    expect(!long.ok && long.error.code).toBe('password.too_long');
  });
  it('refuses common passwords whatever their case, and the email address itself', () => {
    const r = checkNewPassword('PassWord1', common);
    expect(!r.ok && r.error.code).toBe('password.too_common');
    const same = checkNewPassword('ana.horvat@firma.hr', () => false, { email: 'ana.horvat@firma.hr' });
    expect(!same.ok && same.error.code).toBe('password.same_as_email');
  });
});

describe('password reset link', () => {
  it('works once and only within the hour', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const token = PasswordResetToken.issue({ tokenHash: 'h', userId: 'u', now });
    expect(token.isUsable(new Date('2026-01-01T10:59:59Z'))).toBe(true);
    expect(token.isUsable(new Date('2026-01-01T11:00:00Z'))).toBe(false);
    token.use(now);
    expect(token.isUsable(now)).toBe(false);
  });
});

describe('staff TOTP steps', () => {
  it('refuses a step already used or older', () => {
    const staff = new StaffMember();
    staff.lastTotpStep = 100;
    expect(staff.acceptTotpStep(100)).toBe(false);
    expect(staff.acceptTotpStep(99)).toBe(false);
    expect(staff.acceptTotpStep(101)).toBe(true);
    expect(staff.acceptTotpStep(101)).toBe(false);
  });
});

describe('authorization policy', () => {
  const owner: Actor = { kind: 'user', userId: 'u1', memberships: [{ accountId: 'a1', role: 'owner', permissions: [] }] };
  const contactWithEmails: Actor = { kind: 'user', userId: 'u2', memberships: [{ accountId: 'a1', role: 'contact', permissions: ['emails'] }] };
  const contactWithout: Actor = { kind: 'user', userId: 'u3', memberships: [{ accountId: 'a1', role: 'contact', permissions: ['invoices'] }] };
  const stranger: Actor = { kind: 'user', userId: 'u4', memberships: [{ accountId: 'a2', role: 'owner', permissions: [] }] };
  const support: Actor = { kind: 'staff', staffId: 's1', roles: ['support'] };
  const admin: Actor = { kind: 'staff', staffId: 's2', roles: ['admin'] };

  it('lets the owner see the account and its mail', () => {
    expect(can(owner, { type: 'account.view', accountId: 'a1' })).toEqual({ allowed: true, grantedBy: 'owner' });
    expect(can(owner, { type: 'account.emails', accountId: 'a1' })).toEqual({ allowed: true, grantedBy: 'owner' });
  });
  it('lets a contact read mail only with the emails right', () => {
    expect(can(contactWithEmails, { type: 'account.emails', accountId: 'a1' })).toEqual({ allowed: true, grantedBy: 'emails' });
    expect(can(contactWithout, { type: 'account.emails', accountId: 'a1' })).toEqual({ allowed: false, reason: 'missing_permission' });
  });
  it('refuses another account, the anonymous and staff on client actions', () => {
    expect(can(stranger, { type: 'account.view', accountId: 'a1' })).toEqual({ allowed: false, reason: 'not_member' });
    expect(can({ kind: 'anonymous' }, { type: 'account.view', accountId: 'a1' })).toEqual({ allowed: false, reason: 'unauthenticated' });
    expect(can(admin, { type: 'account.emails', accountId: 'a1' }).allowed).toBe(false);
  });
  it('gives the audit log to admins only, the back office to any staff', () => {
    expect(can(support, { type: 'staff.backoffice' }).allowed).toBe(true);
    expect(can(support, { type: 'staff.audit' })).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(admin, { type: 'staff.audit' })).toEqual({ allowed: true, grantedBy: 'admin' });
    expect(can(owner, { type: 'staff.backoffice' }).allowed).toBe(false);
  });
});

describe('the account audit log belongs to the owner', () => {
  it('refuses contacts and other accounts', () => {
    const owner: Actor = { kind: 'user', userId: 'u1', memberships: [{ accountId: 'a1', role: 'owner', permissions: [] }] };
    const contact: Actor = { kind: 'user', userId: 'u2', memberships: [{ accountId: 'a1', role: 'contact', permissions: ['emails', 'invoices'] }] };
    expect(can(owner, { type: 'account.audit', accountId: 'a1' }).allowed).toBe(true);
    expect(can(contact, { type: 'account.audit', accountId: 'a1' })).toEqual({ allowed: false, reason: 'missing_permission' });
    expect(can(owner, { type: 'account.audit', accountId: 'a2' })).toEqual({ allowed: false, reason: 'not_member' });
    expect(can({ kind: 'staff', staffId: 's', roles: ['admin'] }, { type: 'account.audit', accountId: 'a1' }).allowed).toBe(false);
  });
});
