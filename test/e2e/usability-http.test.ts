import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenContact, givenOwner, PASSWORD, uniqueOib } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import type { PostgresPortal } from '../support/postgres-portal.js';
import { portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import { parseDay } from '../../web/http/dates.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

/** An owner with an order paid by staff: one invoice, issued this year. */
async function ownerWithInvoice() {
  const { account, user } = await givenOwner(portal.services);
  const owner = await signedInAs(app, user.email);
  expect((await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-START', domain0: `zip-${account.id.slice(0, 8)}.hr` } })).status).toBe(303);
  const reference = /HR00 (1-\d{4}-\d+)/u.exec(await (await owner.get(`/accounts/${account.id}/quotes`)).text())![1]!;
  const billing = await staffClientFor(portal, app, ['billing']);
  const paid = await billing.post('/staff/payments', { form: { bankTransactionId: `ZIP-${account.id}`, amount: '60,00', receivedOn: new Date().toISOString().slice(0, 10), reference, payerName: '' } });
  expect(paid.status).toBe(200);
  const invoiceNumber = /Račun (\d+\/WEB1\/1)/u.exec(await (await owner.get(`/accounts/${account.id}/invoices`)).text())![1]!;
  return { account, user, owner, billing, reference, invoiceNumber };
}

describe('forms', () => {
  it('the order form shows every wrong field at once, with a summary linked to the fields', async () => {
    const response = await httpClient(app).post('/order', { form: { product0: 'DOM-HR', domain0: 'nije domena', product1: 'NEMA', entityType: 'doo', name: 'X', oib: '12345678901', email: 'nije-adresa', phone: 'a', street: '', postalCode: '1', city: '' } });
    const page = await response.text();
    expect(response.status).toBe(422);
    const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/u.exec(page)![1]!;
    const links = [...summary.matchAll(/href="#([\w.-]+)"/gu)].map((m) => m[1]!);
    expect(links).toEqual(expect.arrayContaining(['f-domain0', 'f-product1', 'f-name', 'f-oib', 'f-email', 'f-phone', 'f-street', 'f-postalCode', 'f-city', 'f-acceptTerms']));
    for (const id of links) expect(page, id).toContain(`id="${id}"`);
    // The JSON API reports them all too.
    const api = await httpClient(app).post('/api/v1/orders', { json: { items: [{ productCode: 'DOM-HR', domainName: 'x' }], customer: { entityType: 'doo', name: 'X', oib: '1', email: 'x', phone: 'a', street: '', postalCode: '1', city: '', acceptTerms: false } } });
    expect(((await api.json()) as { errors: unknown[] }).errors.length).toBeGreaterThanOrEqual(5);
  });

  it('staff type the payment date as dd.mm.yyyy.; the edge reads it as the ISO day', async () => {
    expect([parseDay('15.5.2026.'), parseDay(' 15. 05. 2026 '), parseDay('2026-05-15'), parseDay('31.2.2026.'), parseDay('2026/05/15')]).toEqual(['2026-05-15', '2026-05-15', '2026-05-15', null, null]);
    const billing = await staffClientFor(portal, app, ['billing']);
    const today = new Date();
    const typed = `${today.getUTCDate()}.${today.getUTCMonth() + 1}.${today.getUTCFullYear()}.`;
    const recorded = await billing.post('/staff/payments', { form: { bankTransactionId: 'DATUM-1', amount: '10,00', receivedOn: typed, reference: '9-9-9', payerName: '' } });
    expect(recorded.status).toBe(200);
    const [row] = await portal.sql<{ received_on: Date }>('select received_on from payments where bank_transaction_id = $1', ['DATUM-1']);
    expect(new Date(String(row!.received_on)).toISOString().slice(0, 10)).toBe(today.toISOString().slice(0, 10));
    const wrong = await billing.post('/staff/payments', { form: { bankTransactionId: '', amount: 'x', receivedOn: '2026-13-45', reference: '', payerName: '' } });
    const page = await wrong.text();
    expect(wrong.status).toBe(422);
    for (const id of ['f-bankTransactionId', 'f-amount', 'f-receivedOn']) expect(page).toContain(`href="#${id}"`);
  });

  it('the typed request form offers only the fields of the chosen kind', async () => {
    const { account, user } = await givenOwner(portal.services);
    const owner = await signedInAs(app, user.email);
    const plain = await (await owner.get(`/accounts/${account.id}/tickets/new`)).text();
    expect(plain).not.toContain('name="profile.street"');
    const profile = await (await owner.get(`/accounts/${account.id}/tickets/new?kind=profile.change&subject=Adresa`)).text();
    expect(profile).toContain('name="profile.street"');
    expect(profile).not.toContain('name="nameservers"');
    expect(profile).toContain('value="Adresa"');
    expect(profile).toContain('hx-get=');
  });

  it('changes the password with the current one: other sessions end, this one goes on, a mail is sent', async () => {
    const { user } = await givenOwner(portal.services);
    const laptop = await signedInAs(app, user.email);
    const phone = await signedInAs(app, user.email);
    const wrong = await laptop.post('/security/password', { form: { current: 'not it', password: 'x', confirm: 'y' } });
    const page = await wrong.text();
    expect(wrong.status).toBe(422);
    expect(page).toContain('href="#f-current"');
    expect(page).toContain('href="#f-password"');
    const done = await laptop.post('/security/password', { form: { current: PASSWORD, password: 'nova duga lozinka portala', confirm: 'nova duga lozinka portala' } });
    expect([done.status, done.headers.get('location')]).toEqual([303, '/security?notice=password']);
    expect((await laptop.get('/security')).status).toBe(200);
    expect((await phone.get('/security')).status).toBe(303);
    await portal.catcher.waitFor((m) => m.to.includes(user.email) && m.subject.includes('lozinka je promijenjena'));
    expect((await httpClient(app).post('/sign-in', { form: { email: user.email, password: 'nova duga lozinka portala' } })).status).toBe(303);
  });

  it('a signed-out visitor is brought back to the page asked for, only on this site', async () => {
    const { account, user } = await givenOwner(portal.services);
    const visitor = httpClient(app);
    const asked = await visitor.get(`/accounts/${account.id}/invoices?status=paid`);
    expect(asked.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/accounts/${account.id}/invoices?status=paid`)}`);
    expect(await (await visitor.get(asked.headers.get('location')!)).text()).toContain(`name="next" value="/accounts/${account.id}/invoices?status=paid"`);
    const signed = await visitor.post('/sign-in', { form: { email: user.email, password: PASSWORD, next: `/accounts/${account.id}/invoices?status=paid` } });
    expect(signed.headers.get('location')).toBe(`/accounts/${account.id}/invoices?status=paid`);
    const evil = await httpClient(app).post('/sign-in', { form: { email: user.email, password: PASSWORD, next: '//evil.example/x' } });
    expect(evil.headers.get('location')).toBe('/dashboard');
  });
});

describe('invoices of a year', () => {
  it('come as one ZIP of the archived PDFs and eRačuni, on the page and in the API, under the invoices right', async () => {
    const { account, owner, invoiceNumber } = await ownerWithInvoice();
    const year = new Date().getUTCFullYear();
    const zip = await owner.get(`/accounts/${account.id}/invoices/archive/${year}`);
    expect([zip.status, zip.headers.get('content-type'), zip.headers.get('content-disposition')]).toEqual([200, 'application/zip', `attachment; filename="racuni-${year}.zip"`]);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const base = `racun-${invoiceNumber.replace(/\//gu, '-')}`;
    expect(Object.keys(files).sort()).toEqual([`${base}.pdf`, `${base}.xml`]);
    const single = new Uint8Array(await (await owner.get(`/accounts/${account.id}/invoices/${/invoices\/([0-9a-f-]{36})"/u.exec(await (await owner.get(`/accounts/${account.id}/invoices`)).text())![1]}/pdf`)).arrayBuffer());
    expect(Buffer.from(files[`${base}.pdf`]!).equals(Buffer.from(single))).toBe(true);
    const api = await owner.get(`/api/v1/accounts/${account.id}/invoice-archives/${year}`);
    expect([api.status, api.headers.get('content-type')]).toEqual([200, 'application/zip']);
    expect((await owner.get(`/accounts/${account.id}/invoices/archive/${year - 5}`)).status).toBe(404);
    const stranger = await signedInAs(app, (await givenOwner(portal.services)).user.email);
    expect((await stranger.get(`/accounts/${account.id}/invoices/archive/${year}`)).status).toBe(403);
    const { user: helper } = await givenContact(portal.services, account.id, { permissions: ['tickets'] });
    expect((await (await signedInAs(app, helper.email)).get(`/api/v1/accounts/${account.id}/invoice-archives/${year}`)).status).toBe(403);
  });
});

describe('back office', () => {
  it('finds the client by invoice number and payment reference, shows invoices, payments, contacts in words and notes', async () => {
    const { account, invoiceNumber, reference } = await ownerWithInvoice();
    await givenContact(portal.services, account.id, { permissions: ['invoices', 'quotes'] });
    const support = await staffClientFor(portal, app, ['support']);
    for (const q of [invoiceNumber, `HR00 ${reference}`]) expect(await (await support.get(`/staff/clients?q=${encodeURIComponent(q)}`)).text(), q).toContain(`/staff/clients/${account.id}`);
    const view = await (await support.get(`/staff/clients/${account.id}`)).text();
    expect(view).toContain(invoiceNumber);
    expect(view).toContain(`data-payment="ZIP-${account.id}"`);
    expect(view).toMatch(/<td>(Ponude, Računi|Računi, Ponude)<\/td>/u);
    const empty = await support.post(`/staff/clients/${account.id}/notes`, { form: { body: '' } });
    expect(empty.status).toBe(422);
    const noted = await support.post(`/staff/clients/${account.id}/notes`, { form: { body: 'Klijent zvao zbog prijenosa domene.' } });
    expect(noted.status).toBe(303);
    const after = await (await support.get(`/staff/clients/${account.id}`)).text();
    expect(after).toContain('Klijent zvao zbog prijenosa domene.');
    expect(after).toContain('Dodana bilješka osoblja');
    // Never shown to the client.
    const owner = await signedInAs(app, (await portal.sql<{ email: string }>('select email from users where id = $1', [account.ownerUserId]))[0]!.email);
    expect(await (await owner.get(`/accounts/${account.id}/audit`)).text()).not.toContain('Klijent zvao');
  });

  it('the order queue shows number, client, OIB, items, total and age, linked to the client', async () => {
    const { account, user } = await givenOwner(portal.services);
    const owner = await signedInAs(app, user.email);
    await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-START', domain0: `red-${account.id.slice(0, 8)}.hr` } });
    const queue = await (await (await staffClientFor(portal, app, ['support'])).get('/staff/orders')).text();
    expect(queue).toContain(`href="/staff/clients/${account.id}">${account.name}</a>`);
    expect(queue).toContain(account.oib);
    expect(queue).toContain(`red-${account.id.slice(0, 8)}.hr`);
    for (const head of ['Broj', 'Klijent', 'OIB', 'Stavke', 'Ukupno s PDV-om', 'Čeka']) expect(queue).toContain(`>${head}</th>`);
  });
});

describe('words', () => {
  it('no codes on pages: the audit log and API keys speak in words; 403 and 404 say what to do', async () => {
    const { account, user } = await givenOwner(portal.services);
    const owner = await signedInAs(app, user.email);
    await owner.post(`/accounts/${account.id}/tokens`, { form: { name: 'Knjigovodstvo', permissions: 'invoices' } });
    const audit = await (await owner.get(`/accounts/${account.id}/audit`)).text();
    expect(audit).toContain('Izrađen API ključ');
    expect(audit).toContain(`${user.name} (vlasnik)`);
    expect(audit).not.toMatch(/>(api_token\.created|user|auth\.signed_in)</u);
    const tokens = await (await owner.get(`/accounts/${account.id}/tokens`)).text();
    expect(tokens).toContain('<td>Računi</td>');
    const { user: contact } = await givenContact(portal.services, account.id, { permissions: ['tickets'] });
    const forbidden = await (await signedInAs(app, contact.email)).get(`/accounts/${account.id}/invoices`);
    expect([forbidden.status, (await forbidden.text()).includes('obratite se vlasniku korisničkog računa')]).toEqual([403, true]);
    const missing = await owner.get('/nema-ove-stranice');
    expect([missing.status, (await missing.text()).includes('Stranica nije pronađena')]).toEqual([404, true]);
  });

  it('mails greet a company without a name and never end in a double dot', async () => {
    const email = `pozdrav-${Date.now()}@firma.hr`;
    await httpClient(app).post('/order', { form: { product0: 'HOST-START', domain0: `pozdrav-${Date.now()}.hr`, entityType: 'doo', name: 'Pozdrav d.o.o.', oib: uniqueOib(), email, phone: '+385 1 234 5678', street: 'Ilica 5', postalCode: '10000', city: 'Zagreb', acceptTerms: 'yes' } });
    const mail = await portal.catcher.waitFor((m) => m.to.includes(email));
    expect(mail.text.startsWith('Poštovani,')).toBe(true);
    expect(mail.text).not.toMatch(/[^.]\.\.(?!\.)/u);
  });
});
