import { beforeEach, describe, expect, it } from 'vitest';
import { Authenticate } from '../../application/identity/authenticate.js';
import { SignIn } from '../../application/identity/sign-in.js';
import { EmailChange } from '../../application/email-change/email-change.js';
import { PurgeExpiredRecords } from '../../application/maintenance/purge-expired-records.js';
import { ManageProfile } from '../../application/profile/manage-profile.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { checkDocument, DOCUMENT_MAX_BYTES, fileNameFor } from '../../domain/email-change/document.js';
import { CONFIRMATION_TTL_MS, EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import { givenContact, givenOwner, givenStaff, PASSWORD } from '../support/builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';
import { EXE, JPEG, PDF, PNG } from '../support/documents.js';


describe('documents are judged by their content', () => {
  it('knows PDF, PNG and JPEG by their magic bytes and refuses anything else, empty or too large', () => {
    expect([checkDocument(PDF), checkDocument(PNG), checkDocument(JPEG)].map((r) => r.ok && r.value)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    expect(checkDocument(EXE)).toMatchObject({ ok: false, error: { code: 'document.type' } });
    expect(checkDocument(new TextEncoder().encode('<svg onload=alert(1)>'))).toMatchObject({ ok: false, error: { code: 'document.type' } });
    expect(checkDocument(new Uint8Array())).toMatchObject({ ok: false, error: { code: 'document.missing' } });
    const big = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
    big.set(PDF);
    expect(checkDocument(big)).toMatchObject({ ok: false, error: { code: 'document.too_large' } });
  });
});

describe('file names', () => {
  it('always carry the extension of the type judged from the content', () => {
    expect(fileNameFor('racun.pdf', 'image/png')).toBe('racun.png');
    expect(fileNameFor('racun.pdf.exe', 'application/pdf')).toBe('racun.pdf.exe.pdf');
    expect(fileNameFor('../../etc/passwd', 'image/jpeg')).toBe('_.._etc_passwd.jpg');
    expect(fileNameFor('', 'application/pdf')).toBe('prilog.pdf');
  });
});

describe('EmailChangeRequest', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const fresh = () =>
    EmailChangeRequest.open({ id: 'r', accountId: 'a', oldEmail: 'old@x.hr', newEmail: 'new@x.hr', channel: 'owner', requestedByUserId: 'u', confirmTokenHash: 'c', cancelTokenHash: 'k', document: { type: 'application/pdf', bytes: 10, sha256: 'x' }, now });
  it('cannot be approved before the new address confirms, and not twice', () => {
    const r = fresh();
    expect(r.approve('s', now)).toBe(false);
    expect(r.confirm(now)).toBe(true);
    expect(r.confirm(now)).toBe(false);
    expect(r.approve('s', now)).toBe(true);
    expect(r.reject('s', 'late', now)).toBe(false);
    expect(r.cancel(now)).toBe(false);
    expect([r.status, r.confirmTokenHash, r.cancelTokenHash]).toEqual(['approved', null, null]);
  });
  it('lapses unconfirmed after 72 hours; the old address can stop it until the decision', () => {
    const r = fresh();
    expect(r.statusAt(new Date(now.getTime() + CONFIRMATION_TTL_MS))).toBe('expired');
    expect(r.confirm(new Date(now.getTime() + CONFIRMATION_TTL_MS))).toBe(false);
    const s = fresh();
    s.confirm(now);
    expect(s.statusAt(new Date(now.getTime() + 10 * CONFIRMATION_TTL_MS))).toBe('awaiting_review');
    expect(s.cancel(now)).toBe(true);
    expect(s.approve('x', now)).toBe(false);
  });
});

let portal: InMemoryPortal;
let emailChange: EmailChange;
beforeEach(() => {
  portal = inMemoryPortal();
  emailChange = new EmailChange(portal.services);
});

const ownerOf = (userId: string, accountId: string): Actor => ({ kind: 'user', userId, memberships: [{ accountId, role: 'owner', permissions: [] }] });
const linkIn = async (kind: 'confirm' | 'cancel') => {
  const mail = [...(await portal.inbox())].reverse().find((m) => m.text.includes(`/email-change/${kind}/`))!;
  return new RegExp(`/email-change/${kind}/([a-z2-7]+)`, 'u').exec(mail.text)![1]!;
};

describe('email change procedure', () => {
  it('owner asks with the password; new address confirms; verifier approves; the email changes and the owner is signed out', async () => {
    const { user, account } = await givenOwner(portal.services, { email: 'stara@firma.hr' });
    const session = await new SignIn(portal.services).execute({ email: 'stara@firma.hr', password: PASSWORD }, META);
    if (!session.ok) throw new Error('sign-in failed');
    const asked = await emailChange.requestAsOwner(ownerOf(user.id, account.id), account.id, { password: PASSWORD, newEmail: 'Nova@Firma.hr', document: PDF }, META);
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(portal.store.emailChangeDocuments.get(asked.value.id)).not.toContain(Buffer.from(PDF).toString('base64').slice(0, 12));
    const mails = [...portal.store.mails.values()];
    expect(mails.map((m) => m.to).sort()).toEqual(['nova@firma.hr', 'stara@firma.hr']);
    const verifier = await givenStaff(portal.services, ['verifier']);
    const staffActor: Actor = { kind: 'staff', staffId: verifier.id, roles: verifier.roles };
    expect(await emailChange.approve(staffActor, asked.value.id, META)).toMatchObject({ ok: false, error: { code: 'email_change.not_confirmed' } });
    expect((await emailChange.confirm(await linkIn('confirm'), META)).ok).toBe(true);
    expect(await emailChange.confirm(await linkIn('confirm'), META)).toMatchObject({ ok: false, error: { code: 'email_change.link_invalid' } });
    const doc = await emailChange.document(staffActor, asked.value.id, META);
    expect(doc.ok && [doc.value.type, Buffer.from(doc.value.content).equals(Buffer.from(PDF))]).toEqual(['application/pdf', true]);
    expect((await emailChange.approve(staffActor, asked.value.id, META)).ok).toBe(true);
    expect(portal.store.accounts.get(account.id)!.email).toBe('nova@firma.hr');
    expect(portal.store.users.get(user.id)!.email).toBe('nova@firma.hr');
    expect(await new Authenticate(portal.services).user(session.value.token)).toBeNull();
    const told = [...portal.store.mails.values()].filter((m) => m.subject.includes('odobrena')).map((m) => m.to).sort();
    expect(told).toEqual(['nova@firma.hr', 'stara@firma.hr']);
    expect(await emailChange.approve(staffActor, asked.value.id, META)).toMatchObject({ ok: false, error: { code: 'email_change.already_decided' } });
    expect(portal.store.audit.map((e) => e.action)).toEqual(expect.arrayContaining(['email_change.requested', 'email_change.confirmed', 'staff.email_change_document_viewed', 'staff.email_change_approved']));
  });

  it('refuses a wrong password, a forged or oversized upload, a contact, a token and another account, storing nothing', async () => {
    const { user, account } = await givenOwner(portal.services);
    const { account: other } = await givenOwner(portal.services);
    const { user: contactUser, contact } = await givenContact(portal.services, account.id, { permissions: ['profile', 'contacts'] });
    const owner = ownerOf(user.id, account.id);
    const ask = (actor: Actor, accountId: string, over: Partial<{ password: string; newEmail: string; document: Uint8Array }> = {}) =>
      emailChange.requestAsOwner(actor, accountId, { password: PASSWORD, newEmail: 'nova@firma.hr', document: PDF, ...over }, META);
    expect(await ask(owner, account.id, { password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'email_change.password' } });
    expect(await ask(owner, account.id, { document: EXE })).toMatchObject({ ok: false, error: { code: 'document.type' } });
    const big = new Uint8Array(DOCUMENT_MAX_BYTES + 1);
    big.set(PDF);
    expect(await ask(owner, account.id, { document: big })).toMatchObject({ ok: false, error: { code: 'document.too_large' } });
    expect(await ask(owner, account.id, { newEmail: account.email })).toMatchObject({ ok: false, error: { code: 'email_change.same' } });
    expect(await ask(owner, other.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ask({ kind: 'user', userId: contactUser.id, memberships: [{ accountId: account.id, role: 'contact', permissions: contact.permissions }] }, account.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await ask({ ...owner, viaTokenId: 't' } as Actor, account.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(portal.store.emailChanges.size).toBe(0);
    expect(portal.store.mails.size).toBe(0);
    // The owner's newer request takes the place of the earlier one.
    const first = await ask(owner, account.id);
    const second = await ask(owner, account.id, { newEmail: 'treca@firma.hr' });
    expect(second.ok).toBe(true);
    expect(first.ok && portal.store.emailChanges.get(first.value.id)!.status).toBe('superseded');
  });

  it('the public form answers the same for a known and an unknown OIB; only a known one gets mail', async () => {
    const { account } = await givenOwner(portal.services);
    const known = await emailChange.requestPublic({ oib: account.oib, newEmail: 'nova@firma.hr', document: JPEG }, META);
    const unknown = await emailChange.requestPublic({ oib: '69435151530', newEmail: 'nova@firma.hr', document: JPEG }, META);
    expect(known).toEqual(unknown);
    // Both are only stored while the visitor waits; the job looks the OIB up.
    expect([portal.store.emailChanges.size, portal.store.emailChangeSubmissions.size]).toEqual([0, 2]);
    await portal.worker.drain();
    expect(portal.store.emailChangeSubmissions.size).toBe(0);
    expect([...portal.store.emailChanges.values()].map((r) => [r.accountId, r.channel, r.documentType])).toEqual([[account.id, 'public', 'image/jpeg']]);
    expect(await emailChange.requestPublic({ oib: '12345', newEmail: 'nova@firma.hr', document: JPEG }, META)).toMatchObject({ ok: false, error: { code: 'oib.format' } });
    expect(await emailChange.requestPublic({ oib: account.oib, newEmail: 'nova@firma.hr', document: EXE }, META)).toMatchObject({ ok: false, error: { code: 'document.type' } });
  });

  it('a stranger\'s public requests block neither each other nor the owner; approving one closes all the others', async () => {
    const { user, account } = await givenOwner(portal.services, { email: 'vlasnik@firma.hr' });
    const owner = ownerOf(user.id, account.id);
    for (const to of ['napadac@zlo.hr', 'drugi@zlo.hr']) expect((await emailChange.requestPublic({ oib: account.oib, newEmail: to, document: PDF }, META)).ok).toBe(true);
    await portal.worker.drain();
    const mine = await emailChange.requestAsOwner(owner, account.id, { password: PASSWORD, newEmail: 'prava@firma.hr', document: PDF }, META);
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    const verifier = await givenStaff(portal.services, ['verifier']);
    const staffActor: Actor = { kind: 'staff', staffId: verifier.id, roles: verifier.roles };
    const queue = await emailChange.queue(staffActor, null);
    expect(queue.ok && queue.value.items.map((v) => [v.request.newEmail, v.request.channel]).sort()).toEqual([
      ['drugi@zlo.hr', 'public'],
      ['napadac@zlo.hr', 'public'],
      ['prava@firma.hr', 'owner'],
    ]);
    const link = [...(await portal.inbox('prava@firma.hr'))].reverse().find((m) => m.text.includes('/email-change/confirm/'))!;
    expect((await emailChange.confirm(/\/email-change\/confirm\/([a-z2-7]+)/u.exec(link.text)![1]!, META)).ok).toBe(true);
    expect((await emailChange.approve(staffActor, mine.value.id, META)).ok).toBe(true);
    const statuses = [...portal.store.emailChanges.values()].map((r) => [r.newEmail, r.status]).sort();
    expect(statuses).toEqual([
      ['drugi@zlo.hr', 'superseded'],
      ['napadac@zlo.hr', 'superseded'],
      ['prava@firma.hr', 'approved'],
    ]);
    const others = [...portal.store.emailChanges.values()].filter((r) => r.id !== mine.value.id);
    for (const other of others) expect(await emailChange.approve(staffActor, other.id, META)).toMatchObject({ ok: false, error: { code: 'email_change.already_decided' } });
  });

  it('the old address stops the request with one link; expired and reused links are refused', async () => {
    const { user, account } = await givenOwner(portal.services);
    const owner = ownerOf(user.id, account.id);
    await emailChange.requestAsOwner(owner, account.id, { password: PASSWORD, newEmail: 'nova@firma.hr', document: PNG }, META);
    const cancel = await linkIn('cancel');
    const confirm = await linkIn('confirm');
    expect((await emailChange.cancel(cancel, META)).ok).toBe(true);
    expect((await emailChange.cancel(cancel, META)).ok).toBe(false);
    expect((await emailChange.confirm(confirm, META)).ok).toBe(false);
    await emailChange.requestAsOwner(owner, account.id, { password: PASSWORD, newEmail: 'nova@firma.hr', document: PNG }, META);
    portal.clock.advance(CONFIRMATION_TTL_MS + 1);
    expect(await emailChange.confirm(await linkIn('confirm'), META)).toMatchObject({ ok: false, error: { code: 'email_change.link_invalid' } });
    expect(await emailChange.showLink('confirm', 'notarealtokenatallxx')).toMatchObject({ ok: false });
    // The lapsed request no longer blocks a new one.
    expect((await emailChange.requestAsOwner(owner, account.id, { password: PASSWORD, newEmail: 'nova@firma.hr', document: PNG }, META)).ok).toBe(true);
  });

  it('only verifiers (and admins) see the queue and decide; documents are deleted after the retention, the record stays', async () => {
    const { user, account } = await givenOwner(portal.services);
    const asked = await emailChange.requestAsOwner(ownerOf(user.id, account.id), account.id, { password: PASSWORD, newEmail: 'nova@firma.hr', document: PDF }, META);
    if (!asked.ok) throw new Error('request failed');
    const support = await givenStaff(portal.services, ['support']);
    const verifier = await givenStaff(portal.services, ['verifier']);
    const supportActor: Actor = { kind: 'staff', staffId: support.id, roles: support.roles };
    const verifierActor: Actor = { kind: 'staff', staffId: verifier.id, roles: verifier.roles };
    expect(await emailChange.queue(supportActor, null)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await emailChange.reject(supportActor, asked.value.id, 'ne', META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await emailChange.document(supportActor, asked.value.id, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const queue = await emailChange.queue(verifierActor, null);
    expect(queue.ok && queue.value.items.map((v) => [v.account.id, v.status])).toEqual([[account.id, 'awaiting_confirmation']]);
    expect(await emailChange.reject(verifierActor, asked.value.id, 'x', META)).toMatchObject({ ok: false, error: { code: 'order.reason' } });
    expect((await emailChange.reject(verifierActor, asked.value.id, 'Memorandum nema pečat.', META)).ok).toBe(true);
    expect(portal.store.accounts.get(account.id)!.email).toBe(user.email);

    const purge = new PurgeExpiredRecords(portal.services);
    portal.clock.advance(29 * 86_400_000);
    expect((await purge.execute()).documents).toBe(0);
    portal.clock.advance(2 * 86_400_000);
    expect((await purge.execute()).documents).toBe(1);
    expect(portal.store.emailChangeDocuments.size).toBe(0);
    const kept = portal.store.emailChanges.get(asked.value.id)!;
    expect([kept.status, kept.documentSha256.length, kept.documentDeletedAt !== null, kept.reason]).toEqual(['rejected', 64, true, 'Memorandum nema pečat.']);
    expect(await emailChange.document(verifierActor, asked.value.id, META)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('profile', () => {
  it('a contact with the profile right changes name, address and phone; locked fields and the OIB stay; changes are audited and mailed', async () => {
    const { account } = await givenOwner(portal.services, { email: 'vlasnik@firma.hr' });
    const { user: person, contact } = await givenContact(portal.services, account.id, { permissions: ['profile'] });
    const actor: Actor = { kind: 'user', userId: person.id, memberships: [{ accountId: account.id, role: 'contact', permissions: contact.permissions }] };
    const profile = new ManageProfile(portal.services);
    const details = { name: account.name, street: 'Vukovarska 5', postalCode: '21000', city: 'Split', phone: account.phone };
    const changed = await profile.update(actor, account.id, details, META);
    expect(changed.ok && [changed.value.street, changed.value.city, changed.value.oib]).toEqual(['Vukovarska 5', 'Split', account.oib]);
    const entry = portal.store.audit.find((e) => e.action === 'profile.changed')!;
    expect(entry.details).toMatchObject({ 'address.before': 'Ilica 1, 10000 Zagreb', 'address.after': 'Vukovarska 5, 21000 Split' });
    expect([...portal.store.mails.values()].some((m) => m.to === 'vlasnik@firma.hr' && m.subject.includes('podaci o klijentu'))).toBe(true);

    const admin = await givenStaff(portal.services, ['support']);
    expect((await profile.lock({ kind: 'staff', staffId: admin.id, roles: admin.roles }, account.id, ['name'], META)).ok).toBe(true);
    expect(await profile.update(actor, account.id, { ...details, name: 'Novo ime d.o.o.' }, META)).toMatchObject({ ok: false, error: { code: 'profile.locked', field: 'name' } });
    expect(await profile.update(actor, account.id, { ...details, postalCode: '2100' }, META)).toMatchObject({ ok: false, error: { code: 'customer.postal_code' } });
    expect((await profile.update(actor, account.id, { ...details, phone: '+385 21 555 000' }, META)).ok).toBe(true);
    const without: Actor = { kind: 'user', userId: person.id, memberships: [{ accountId: account.id, role: 'contact', permissions: ['invoices'] }] };
    expect(await profile.update(without, account.id, details, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await profile.lock(actor, account.id, [], META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
