import { beforeEach, describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { Authenticate } from '../../application/identity/authenticate.js';
import { RequestPasswordReset } from '../../application/identity/request-password-reset.js';
import { ResetPassword } from '../../application/identity/reset-password.js';
import { ApiTokens } from '../../application/integrations/api-tokens.js';
import { SealStaffSecrets } from '../../application/staff/seal-staff-secrets.js';
import { SignIn } from '../../application/identity/sign-in.js';
import { SignOut } from '../../application/identity/sign-out.js';
import { StaffSignIn } from '../../application/staff/staff-sign-in.js';
import { givenOwner, givenStaff, PASSWORD, TOTP_SECRET } from '../support/builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

let portal: InMemoryPortal;
beforeEach(() => {
  portal = inMemoryPortal();
});

const linkIn = (text: string) => /\/password-reset\/([a-z2-7]+)/u.exec(text)?.[1] ?? null;

describe('SignIn', () => {
  it('creates a session for the right password and audits it', async () => {
    const { user } = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const result = await new SignIn(portal.services).execute({ email: ' ANA@firma.hr', password: PASSWORD }, META);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.user.id).toBe(user.id);
    expect(result.value.token).not.toBe(result.value.session.id);
    expect(portal.store.sessions.has(result.value.session.id)).toBe(true);
    expect(portal.store.audit.map((e) => e.action)).toContain('auth.signed_in');
  });

  it('gives one answer for a wrong password and an unknown address, and audits both', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const signIn = new SignIn(portal.services);
    const wrong = await signIn.execute({ email: 'ana@firma.hr', password: 'not the password' }, META);
    const unknown = await signIn.execute({ email: 'nobody@firma.hr', password: PASSWORD }, META);
    expect(wrong).toEqual(unknown);
    expect(!wrong.ok && wrong.error.code).toBe('auth.invalid_credentials');
    expect(portal.store.sessions.size).toBe(0);
    expect(portal.store.audit.filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(2);
  });

  it('refuses the eleventh attempt on one account from one address within 15 minutes, even with the right password', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const signIn = new SignIn(portal.services);
    const attacker = { ...META, clientAddress: '198.51.100.66' };
    for (let i = 0; i < 10; i += 1) await signIn.execute({ email: 'ana@firma.hr', password: 'wrong' }, attacker);
    const limited = await signIn.execute({ email: 'ana@firma.hr', password: PASSWORD }, attacker);
    expect(!limited.ok && limited.error.kind).toBe('rate_limited');
    // The real owner, elsewhere, is not locked out by the attacker's failures.
    expect((await signIn.execute({ email: 'ana@firma.hr', password: PASSWORD }, META)).ok).toBe(true);
    portal.clock.advance(15 * 60_000);
    expect((await signIn.execute({ email: 'ana@firma.hr', password: PASSWORD }, attacker)).ok).toBe(true);
  });

  it('bounds a guess from many addresses by a slower limit per account, and tells the owner once when under attack', async () => {
    const { user } = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const signIn = new SignIn(portal.services);
    for (let i = 0; i < 100; i += 1) await signIn.execute({ email: 'ana@firma.hr', password: `guess ${i}` }, { ...META, clientAddress: `203.0.${Math.floor(i / 200)}.${i % 200}` });
    const alerts = (await portal.inbox('ana@firma.hr')).filter((m) => /neuspjelih prijava/u.test(m.subject));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('/password-reset');
    expect([...portal.store.mails.values()].find((m) => /neuspjelih prijava/u.test(m.subject))).toMatchObject({ personal: true, userId: user.id });
    const limited = await signIn.execute({ email: 'ana@firma.hr', password: PASSWORD }, { ...META, clientAddress: '192.0.2.1' });
    expect(!limited.ok && limited.error.kind).toBe('rate_limited');
    portal.clock.advance(60 * 60_000);
    expect((await signIn.execute({ email: 'ana@firma.hr', password: PASSWORD }, { ...META, clientAddress: '192.0.2.1' })).ok).toBe(true);
  });

  it('ends sessions on sign-out and after the idle and absolute lifetimes', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const auth = new Authenticate(portal.services);
    const first = await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: PASSWORD }, META);
    if (!first.ok) throw new Error('sign-in failed');
    expect(await auth.user(first.value.token)).not.toBeNull();
    await new SignOut(portal.services).execute('user', first.value.token, META);
    expect(await auth.user(first.value.token)).toBeNull();

    const second = await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: PASSWORD }, META);
    if (!second.ok) throw new Error('sign-in failed');
    portal.clock.advance(31 * 60_000);
    expect(await auth.user(second.value.token)).toBeNull();

    const third = await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: PASSWORD }, META);
    if (!third.ok) throw new Error('sign-in failed');
    for (let i = 0; i < 48; i += 1) {
      portal.clock.advance(15 * 60_000);
      if (i < 47) expect(await auth.user(third.value.token), `after ${(i + 1) * 15} min`).not.toBeNull();
    }
    expect(await auth.user(third.value.token)).toBeNull();
  });
});

describe('password reset', () => {
  it('mails a link for a known address and nothing for an unknown one, answering both alike', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const request = new RequestPasswordReset(portal.services);
    const known = await request.execute({ email: 'ana@firma.hr' }, META);
    const unknown = await request.execute({ email: 'nobody@firma.hr' }, META);
    expect(known).toEqual(unknown);
    await portal.worker.drain();
    expect(portal.mailer.sent.map((m) => m.to)).toEqual(['ana@firma.hr']);
    expect(linkIn(portal.mailer.sent[0]!.text)).toMatch(/^[a-z2-7]{32}$/u);
    expect(portal.mailer.sent[0]!.text).toContain('http://localhost:3000/password-reset/');
    expect([...portal.store.resetTokens.keys()]).not.toContain(linkIn(portal.mailer.sent[0]!.text));
  });

  it('sets the password once, ends every session and mails a confirmation', async () => {
    const { user } = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const session = await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: PASSWORD }, META);
    if (!session.ok) throw new Error('sign-in failed');
    await new RequestPasswordReset(portal.services).execute({ email: 'ana@firma.hr' }, META);
    await portal.worker.drain();
    const token = linkIn(portal.mailer.sent[0]!.text)!;
    const reset = new ResetPassword(portal.services);

    const done = await reset.execute({ token, password: 'a brand new passphrase' }, META);
    expect(done.ok).toBe(true);
    expect(await new Authenticate(portal.services).user(session.value.token)).toBeNull();
    const again = await reset.execute({ token, password: 'yet another passphrase' }, META);
    expect(!again.ok && again.error.code).toBe('reset.link_invalid');
    await portal.worker.drain();
    expect(portal.mailer.sent.map((m) => m.subject)).toEqual(['Portal: nova lozinka', 'Portal: lozinka je promijenjena']);
    expect((await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: 'a brand new passphrase' }, META)).ok).toBe(true);
    expect(portal.store.audit.some((e) => e.action === 'auth.password_reset_completed' && e.actorId === user.id)).toBe(true);
  });

  it('lists the live API keys of the owner\'s accounts in the confirmation, with where to revoke them', async () => {
    const { user, account } = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const tokens = new ApiTokens(portal.services);
    expect((await tokens.create(owner, account.id, { name: 'Knjigovodstvo', permissions: ['invoices'] }, META)).ok).toBe(true);
    const gone = await tokens.create(owner, account.id, { name: 'Stari ključ', permissions: ['invoices'] }, META);
    if (gone.ok) await tokens.revoke(owner, account.id, gone.value.record.id, META);
    await new RequestPasswordReset(portal.services).execute({ email: 'ana@firma.hr' }, META);
    const [link] = await portal.inbox('ana@firma.hr');
    expect((await new ResetPassword(portal.services).execute({ token: linkIn(link!.text)!, password: 'a brand new passphrase' }, META)).ok).toBe(true);
    const confirmation = (await portal.inbox('ana@firma.hr')).find((m) => m.subject.includes('lozinka je promijenjena'))!;
    expect(confirmation.text).toContain(`Knjigovodstvo (${account.name}): http://localhost:3000/accounts/${account.id}/tokens`);
    expect(confirmation.text).not.toContain('Stari ključ');
  });

  it('refuses an expired link, a common password, and leaves the old password working', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const request = new RequestPasswordReset(portal.services);
    const reset = new ResetPassword(portal.services);
    await request.execute({ email: 'ana@firma.hr' }, META);
    await portal.worker.drain();
    const token = linkIn(portal.mailer.sent[0]!.text)!;

    const common = await reset.execute({ token, password: 'password1' }, META);
    expect(!common.ok && common.error.code).toBe('password.too_common');
    portal.clock.advance(60 * 60_000);
    const expired = await reset.execute({ token, password: 'a brand new passphrase' }, META);
    expect(!expired.ok && expired.error.code).toBe('reset.link_invalid');
    expect((await new SignIn(portal.services).execute({ email: 'ana@firma.hr', password: PASSWORD }, META)).ok).toBe(true);
  });

  it('only the newest link works', async () => {
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const request = new RequestPasswordReset(portal.services);
    await request.execute({ email: 'ana@firma.hr' }, META);
    await request.execute({ email: 'ana@firma.hr' }, META);
    await portal.worker.drain();
    const [older, newer] = portal.mailer.sent.map((m) => linkIn(m.text)!);
    const reset = new ResetPassword(portal.services);
    expect((await reset.execute({ token: older!, password: 'a brand new passphrase' }, META)).ok).toBe(false);
    expect((await reset.execute({ token: newer!, password: 'a brand new passphrase' }, META)).ok).toBe(true);
  });
});

describe('StaffSignIn', () => {
  it('needs the password and a fresh TOTP code, and refuses a replayed code', async () => {
    const staff = await givenStaff(portal.services, ['support']);
    const signIn = new StaffSignIn(portal.services);
    const code = OsloTotp.codeAt(TOTP_SECRET, portal.clock.now());
    const noCode = await signIn.execute({ email: staff.email, password: PASSWORD, code: '000000' === code ? '111111' : '000000' }, META);
    expect(!noCode.ok && noCode.error.code).toBe('auth.invalid_staff_credentials');
    const wrongPassword = await signIn.execute({ email: staff.email, password: 'wrong', code }, META);
    expect(wrongPassword.ok).toBe(false);
    const ok = await signIn.execute({ email: staff.email, password: PASSWORD, code }, META);
    expect(ok.ok).toBe(true);
    const replay = await signIn.execute({ email: staff.email, password: PASSWORD, code }, META);
    expect(replay.ok).toBe(false);
    const staffAuth = ok.ok ? await new Authenticate(portal.services).staff(ok.value.token) : null;
    expect(staffAuth?.actor).toEqual({ kind: 'staff', staffId: staff.id, roles: ['support'] });
    expect(ok.ok && (await new Authenticate(portal.services).user(ok.value.token))).toBeNull();
  });

  it('keeps the TOTP secret sealed at rest, and seals one an earlier version stored in clear', async () => {
    const staff = await givenStaff(portal.services, ['support']);
    expect(JSON.stringify(portal.store.staff.get(staff.id))).not.toContain(TOTP_SECRET);
    const legacy = await givenStaff(portal.services, ['billing']);
    portal.store.staff.get(legacy.id)!.totpSealed = TOTP_SECRET;
    expect(await new SealStaffSecrets(portal.services).execute()).toBe(1);
    expect(await new SealStaffSecrets(portal.services).execute()).toBe(0);
    expect(JSON.stringify(portal.store.staff.get(legacy.id))).not.toContain(TOTP_SECRET);
    const signedIn = await new StaffSignIn(portal.services).execute({ email: legacy.email, password: PASSWORD, code: OsloTotp.codeAt(TOTP_SECRET, portal.clock.now()) }, META);
    expect(signedIn.ok).toBe(true);
  });
});
