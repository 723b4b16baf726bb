import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import type { App } from '../../web/app.js';
import { givenContact, givenOwner, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, signedInAs } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';
import { buildUseCases } from '../../web/use-cases.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

/** A form with repeated fields, as a browser sends checkboxes. */
const formBody = (pairs: Array<[string, string]>) => ({ body: new URLSearchParams(pairs).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

const signedIn = (address: string) => signedInAs(app, address);

const count = async (sql: string, params: unknown[] = []) => Number((await portal.sql<{ n: string }>(sql, params))[0]?.n);

describe('contacts in the portal', () => {
  it('the owner invites a billing contact; the invitee accepts from the mail and sees only what the rights allow', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const client = await signedIn(owner.email);
    const address = `racuni-${Date.now()}@knjigovodstvo.hr`;
    const created = await client.post(
      `/accounts/${account.id}/contacts`,
      formBody([['name', 'Iva Knjigovođa'], ['email', address], ['login', 'on'], ['permissions', 'invoices'], ['permissions', 'quotes'], ['scope', 'account'], ['subscriptions', 'billing']]),
    );
    expect(created.status).toBe(303);
    const list = await (await client.get(`/accounts/${account.id}/contacts`)).text();
    expect(list).toContain('Iva Knjigovođa');
    expect(list).toContain('poziv na čekanju');

    const mail = await portal.catcher.waitFor((m) => m.to.includes(address));
    const link = /\/invitations\/([a-z2-7]+)/u.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const invitee = httpClient(app);
    const page = await (await invitee.get(link!)).text();
    expect(page).toContain(account.name);
    const accepted = await invitee.post(link!, { form: { name: 'Iva Horvat', password: 'dugačka lozinka knjigovođe' } });
    expect([accepted.status, accepted.headers.get('location')]).toEqual([303, '/dashboard']);
    const dashboard = await (await invitee.get('/dashboard')).text();
    expect(dashboard).toContain(`/accounts/${account.id}/invoices`);
    expect(dashboard).not.toContain(`/accounts/${account.id}/services"`);
    expect(dashboard).not.toContain(`/accounts/${account.id}/audit`);
    expect(dashboard).not.toContain(`/accounts/${account.id}/tokens`);
    expect(dashboard).not.toContain(`/accounts/${account.id}/contacts`);
    expect((await invitee.get(`/accounts/${account.id}/invoices`)).status).toBe(200);
    expect((await invitee.get(`/accounts/${account.id}/services`)).status).toBe(403);
    expect((await invitee.get(`/accounts/${account.id}/contacts`)).status).toBe(403);
    // The link is spent.
    expect((await httpClient(app).get(link!)).status).toBe(422);
    expect(await (await client.get(`/accounts/${account.id}/contacts`)).text()).toContain('prihvaćeno');
  });

  it('a person who owns one account and is a contact of another switches between them', async () => {
    const { user, account: own } = await givenOwner(portal.services);
    const { account: other } = await givenOwner(portal.services);
    await portal.services.uow.run(async (scope) => {
      const { Contact } = await import('../../domain/contacts/contact.js');
      const { EmailAddress } = await import('../../domain/identity/email-address.js');
      const address = EmailAddress.parse(user.email);
      if (!address.ok) throw new Error('bad address');
      const contact = Contact.add({ id: portal.services.ids.newId(), accountId: other.id, name: user.name, email: address.value, locale: 'hr', permissions: ['invoices'], scope: null, subscriptions: [], now: portal.clock.now() });
      contact.accept(user.id, portal.clock.now());
      await scope.contacts.add(contact);
    });
    const client = await signedIn(user.email);
    const dashboard = await (await client.get('/dashboard')).text();
    expect(dashboard).toContain(`/dashboard?account=${own.id}`);
    expect(dashboard).toContain(`/dashboard?account=${other.id}`);
    const asContact = await (await client.get(`/dashboard?account=${other.id}`)).text();
    expect(asContact).toContain(`/accounts/${other.id}/invoices`);
    expect(asContact).not.toContain(`/accounts/${other.id}/contacts`);
    expect((await client.get(`/accounts/${other.id}/services`)).status).toBe(403);
    expect((await client.get(`/accounts/${own.id}/services`)).status).toBe(200);
  });

  it('removing a contact ends its access on the very next request', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const { contact, user } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    const person = await signedIn(user.email);
    expect((await person.get(`/accounts/${account.id}/invoices`)).status).toBe(200);
    const ownerClient = await signedIn(owner.email);
    expect((await ownerClient.post(`/accounts/${account.id}/contacts/${contact.id}/remove`, { form: {} })).status).toBe(303);
    expect((await person.get(`/accounts/${account.id}/invoices`)).status).toBe(403);
    expect(await (await person.get('/dashboard')).text()).not.toContain(account.name);
  });

  it('refuses a contact without the contacts right, a contact raising itself, another account, and a forged form', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const { account: other } = await givenOwner(portal.services);
    const { user: viewer } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    const { user: manager, contact: managerContact } = await givenContact(portal.services, account.id, { permissions: ['contacts', 'invoices'] });
    const before = await count('select count(*) as n from contacts where account_id = $1', [account.id]);
    const newContact = formBody([['name', 'Novi'], ['email', `novi-${Date.now()}@firma.hr`], ['permissions', 'invoices'], ['scope', 'account']]);

    const viewerClient = await signedIn(viewer.email);
    expect((await viewerClient.post(`/accounts/${account.id}/contacts`, newContact)).status).toBe(403);
    const managerClient = await signedIn(manager.email);
    const raise = await managerClient.post(`/accounts/${account.id}/contacts/${managerContact.id}`, formBody([['name', 'Ja'], ['permissions', 'contacts'], ['permissions', 'invoices'], ['permissions', 'credentials'], ['scope', 'account']]));
    expect(raise.status).toBe(403);
    expect(await raise.text()).toContain('Ne možete mijenjati vlastita prava.');
    const beyond = await managerClient.post(`/accounts/${account.id}/contacts`, formBody([['name', 'Novi'], ['email', `beyond-${Date.now()}@firma.hr`], ['permissions', 'credentials'], ['scope', 'account']]));
    expect(beyond.status).toBe(403);
    // The manager's own contact page is read-only.
    expect(await (await managerClient.get(`/accounts/${account.id}/contacts/${managerContact.id}`)).text()).toContain('Ovaj kontakt ne možete mijenjati.');

    const ownerClient = await signedIn(owner.email);
    expect((await ownerClient.post(`/accounts/${other.id}/contacts`, newContact)).status).toBe(403);
    expect((await ownerClient.get(`/accounts/${account.id}/contacts/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await ownerClient.send('POST', `/accounts/${account.id}/contacts`, { ...newContact, origin: null })).status).toBe(403);
    expect((await ownerClient.send('POST', `/accounts/${account.id}/contacts`, { ...newContact, origin: 'https://evil.example' })).status).toBe(403);
    expect(await count('select count(*) as n from contacts where account_id = $1', [account.id])).toBe(before);
    expect(await count("select count(*) as n from mail_messages where to_address like 'novi-%' or to_address like 'beyond-%'")).toBe(0);
  });

  it('shows the form again with the message beside the field for bad input', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const client = await signedIn(owner.email);
    const response = await client.post(`/accounts/${account.id}/contacts`, formBody([['name', 'A'], ['email', 'nije-adresa'], ['scope', 'account']]));
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain('Upišite ime i prezime (2 do 120 znakova).');
    const scoped = await client.post(`/accounts/${account.id}/contacts`, formBody([['name', 'Ana Anić'], ['email', 'ana@firma.hr'], ['scope', 'chosen'], ['serviceIds', crypto.randomUUID()]]));
    expect(scoped.status).toBe(422);
    expect(await scoped.text()).toContain('ne pripada ovom korisničkom računu');
  });
});

describe('contacts over the JSON API', () => {
  it('a token with the contacts right manages contacts; a token without it is refused; ids of another account are not found', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const { account: other } = await givenOwner(portal.services);
    const { contact: foreign } = await givenContact(portal.services, other.id, { permissions: ['invoices'] });
    const useCases = buildUseCases(portal.services, { database: portal.database });
    const ownerActor = { kind: 'user' as const, userId: owner.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const manage = await useCases.apiTokens.create(ownerActor, account.id, { name: 'kontakti', permissions: ['contacts', 'invoices'] }, META);
    const billing = await useCases.apiTokens.create(ownerActor, account.id, { name: 'računi', permissions: ['invoices'] }, META);
    if (!manage.ok || !billing.ok) throw new Error('tokens failed');
    const api = httpClient(app);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const body = { name: 'API kontakt', email: `api-${Date.now()}@firma.hr`, login: false, permissions: ['invoices'], scope: null, subscriptions: ['billing'] };

    const created = await api.post(`/api/v1/accounts/${account.id}/contacts`, { json: body, headers: bearer(manage.value.token) });
    expect(created.status).toBe(201);
    const contact = (await created.json()) as { id: string; status: string; permissions: string[]; subscriptions: string[] };
    expect([contact.status, contact.permissions, contact.subscriptions]).toEqual(['mail_only', ['invoices'], ['billing']]);
    // The token holds contacts and invoices: it cannot give more.
    const beyond = await api.post(`/api/v1/accounts/${account.id}/contacts`, { json: { ...body, email: `b-${Date.now()}@firma.hr`, permissions: ['credentials'], subscriptions: [] }, headers: bearer(manage.value.token) });
    expect([beyond.status, ((await beyond.json()) as { code: string }).code]).toEqual([403, 'contact.exceeds_own_rights']);
    expect((await api.get(`/api/v1/accounts/${account.id}/contacts`, { headers: bearer(billing.value.token) })).status).toBe(403);
    expect((await api.get(`/api/v1/accounts/${account.id}/contacts/${foreign.id}`, { headers: bearer(manage.value.token) })).status).toBe(404);
    expect((await api.send('DELETE', `/api/v1/accounts/${other.id}/contacts/${foreign.id}`, { headers: bearer(manage.value.token) })).status).toBe(403);

    const changed = await api.send('PUT', `/api/v1/accounts/${account.id}/contacts/${contact.id}`, { json: { name: 'API kontakt', permissions: ['invoices'], scope: null, subscriptions: ['general', 'billing'] }, headers: bearer(manage.value.token) });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { subscriptions: string[] }).subscriptions).toEqual(['general', 'billing']);
    // Support mail needs the tickets right: a subscription beyond the rights is refused.
    const beyondRights = await api.send('PUT', `/api/v1/accounts/${account.id}/contacts/${contact.id}`, { json: { name: 'API kontakt', permissions: ['invoices'], scope: null, subscriptions: ['support'] }, headers: bearer(manage.value.token) });
    expect([beyondRights.status, ((await beyondRights.json()) as { code: string }).code]).toEqual([422, 'contact.subscription_needs_right']);
    const invalid = await api.post(`/api/v1/accounts/${account.id}/contacts`, { json: { ...body, email: 'nope' }, headers: bearer(manage.value.token) });
    expect(invalid.status).toBe(422);
    expect((await api.send('DELETE', `/api/v1/accounts/${account.id}/contacts/${contact.id}`, { headers: bearer(manage.value.token) })).status).toBe(204);
    expect((await api.get(`/api/v1/accounts/${account.id}/contacts/${contact.id}`, { headers: bearer(manage.value.token) })).status).toBe(404);
  });

  it('/me names the role in each account', async () => {
    const { account } = await givenOwner(portal.services);
    const { user } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    const client = await signedIn(user.email);
    const me = (await (await client.get('/api/v1/me')).json()) as { accounts: Array<{ id: string; role: string }> };
    expect(me.accounts).toEqual([expect.objectContaining({ id: account.id, role: 'contact' })]);
  });
});

describe('two-factor sign-in over HTTP', () => {
  it('is switched on from the security page with a QR code, then signing in needs a code', async () => {
    const { user } = await givenOwner(portal.services);
    const client = await signedIn(user.email);
    const setup = await (await client.post('/security/two-factor/setup', { form: {} })).text();
    expect(setup).toContain('<svg');
    const secret = /data-totp-secret="?[^>]*>([A-Z2-7]{32})</u.exec(setup)?.[1];
    const sealed = /name="sealed" value="([^"]+)"/u.exec(setup)?.[1];
    expect(secret && sealed).toBeTruthy();
    const wrong = await client.post('/security/two-factor/enable', { form: { sealed: sealed!, code: '000000' } });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(secret!);
    portal.clock.advance(30_000);
    const on = await client.post('/security/two-factor/enable', { form: { sealed: sealed!, code: OsloTotp.codeAt(secret!, portal.clock.now()) } });
    // Ten recovery codes, shown on this answer only; the database keeps their hashes.
    const onPage = await on.text();
    expect(on.status).toBe(200);
    const codes = [...onPage.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/gu)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const [stored] = await portal.sql<{ recovery_codes: string[] }>('select recovery_codes from users where id = $1', [user.id]);
    expect(stored!.recovery_codes).toHaveLength(10);
    expect(stored!.recovery_codes.some((h) => codes.some((c) => h.includes(c.replace(/-/gu, ''))))).toBe(false);
    expect(await (await client.get('/security')).text()).not.toContain(codes[0]!);

    // The password alone leads to a second step; the code on that step signs in.
    const second = async () => {
      const first = await httpClient(app).post('/sign-in', { form: { email: user.email, password: PASSWORD } });
      const page = await first.text();
      expect([first.status, page.includes('Drugi korak prijave')]).toEqual([200, true]);
      return /name="challenge" value="([^"]+)"/u.exec(page)![1]!;
    };
    portal.clock.advance(30_000);
    const signedInWithCode = await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: OsloTotp.codeAt(secret!, portal.clock.now()) } });
    expect([signedInWithCode.status, signedInWithCode.headers.get('location')]).toEqual([303, '/dashboard']);
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: '123456' } })).status).toBe(401);
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: 'forged', code: codes[0]! } })).status).toBe(401);
    // A recovery code works once, typed in any case and with spaces; its use is mailed.
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: ` ${codes[0]!.toUpperCase()} ` } })).status).toBe(303);
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: codes[0]! } })).status).toBe(401);
    await portal.catcher.waitFor((m) => m.to.includes(user.email) && m.subject.includes('rezervnim kodom'));
    // Both factors in one form still work (integrations, older forms).
    portal.clock.advance(30_000);
    expect((await httpClient(app).post('/sign-in', { form: { email: user.email, password: PASSWORD, code: OsloTotp.codeAt(secret!, portal.clock.now()) } })).status).toBe(303);
    await portal.catcher.waitFor((m) => m.to.includes(user.email) && m.subject.includes('dvofaktorska prijava je uključena'));

    // New codes need the password and replace the old ones.
    const refused = await client.post('/security/recovery-codes', { form: { renewPassword: 'not the password' } });
    expect(refused.status).toBe(422);
    const renewed = await (await client.post('/security/recovery-codes', { form: { renewPassword: PASSWORD } })).text();
    const fresh = [...renewed.matchAll(/<li><code>([a-z2-7-]{19})<\/code><\/li>/gu)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: codes[1]! } })).status).toBe(401);
    expect((await httpClient(app).post('/sign-in/code', { form: { challenge: await second(), code: fresh[0]! } })).status).toBe(303);
  });
});
