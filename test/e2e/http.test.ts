import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { mailAccount } from '../../application/mail/mail-account.js';
import { composeMail } from '../../application/mail/mail-content.js';
import { createApp, type App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenOwner, givenStaff, PASSWORD, TOTP_SECRET } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { signedInAs } from '../support/http-portal.js';
import { APP_URL } from '../support/in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  portal = await postgresPortal();
  const useCases = buildUseCases(portal.services, { database: portal.database });
  app = createApp({ useCases, appUrl: APP_URL, secureCookies: false, trustProxy: false, mailCatcher: portal.catcher, log: () => undefined });
});
afterAll(async () => {
  await portal.close();
});

const sessionsIn = async () => Number((await portal.sql<{ n: string }>('select count(*) as n from sessions'))[0]?.n);
const resetLink = (text: string) => /http:\/\/localhost:3000(\/password-reset\/[a-z2-7]+)/u.exec(text)?.[1] ?? '';

const signedIn = (address: string) => signedInAs(app, address);

describe('pages and headers', () => {
  it('answers /healthz with the database status', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('sends CSP and the security headers, in Croatian by default and English on request', async () => {
    const hr = await app.request('/sign-in');
    expect(hr.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(hr.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(hr.headers.get('x-frame-options')).toBe('DENY');
    expect(hr.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await hr.text()).toContain('Prijava na portal');
    const en = await app.request('/sign-in', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(await en.text()).toContain('Sign in to the portal');
  });

  it('keeps the empty sign-in form once per language, and never a form with something of the visitor in it', async () => {
    const deep = await (await app.request('/sign-in?next=/accounts/abc/invoices')).text();
    expect(deep).toContain('name="next" value="/accounts/abc/invoices"');
    expect(await (await app.request('/sign-in?next=/accounts/abc/invoices', { headers: { 'accept-language': 'en' } })).text()).toContain('/accounts/abc/invoices');
    for (const round of [1, 2]) {
      const hr = await (await app.request('/sign-in')).text();
      const en = await (await app.request('/sign-in', { headers: { 'accept-language': 'en' } })).text();
      expect([round, hr.includes('Prijava na portal'), en.includes('Sign in to the portal'), hr.includes('/accounts/abc'), en.includes('/accounts/abc')]).toEqual([round, true, true, false, false]);
    }
    expect(await (await app.request('/sign-in?notice=out')).text()).toContain('Odjavljeni ste');
    const staff = await givenStaff(portal.services, ['support']);
    portal.clock.advance(30_000);
    const client = httpClient(app);
    await client.post('/staff/sign-in', { form: { email: staff.email, password: PASSWORD, code: OsloTotp.codeAt(TOTP_SECRET, portal.clock.now()) } });
    const asStaff = await (await client.get('/sign-in')).text();
    expect([asStaff.includes(staff.name), asStaff.includes('/staff/sign-out')]).toEqual([true, true]);
    expect(await (await app.request('/sign-in')).text()).not.toContain(staff.name);
  });

  it('switches language with a cookie and serves htmx from our own origin', async () => {
    const client = httpClient(app);
    const switched = await client.post('/language', { form: { locale: 'en', next: '/password-reset' } });
    expect([switched.status, switched.headers.get('location')]).toEqual([303, '/password-reset']);
    expect(await (await client.get('/password-reset')).text()).toContain('Send the link');
    const offsite = await client.post('/language', { form: { locale: 'hr', next: '//evil.example' } });
    expect(offsite.headers.get('location')).toBe('/');
    const htmx = await app.request('/assets/htmx.min.js');
    expect([htmx.status, htmx.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('shows a 404 page without internals, and problem+json under /api', async () => {
    const page = await app.request('/nope');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Stranica ne postoji.');
    const api = await app.request('/api/v1/nope');
    expect([api.status, api.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
  });
});

describe('sign-in and sessions', () => {
  it('signs in with a fresh HttpOnly, SameSite=Lax cookie and shows the account', async () => {
    const { account } = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const client = httpClient(app);
    const response = await client.post('/sign-in', { form: { email: 'ana@firma.hr', password: PASSWORD } });
    expect([response.status, response.headers.get('location')]).toEqual([303, '/dashboard']);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/HttpOnly/u);
    expect(cookie).toMatch(/SameSite=Lax/u);
    expect(cookie).toMatch(/Path=\//u);
    const dashboard = await client.get('/dashboard');
    expect(dashboard.headers.get('cache-control')).toBe('no-store');
    expect(await dashboard.text()).toContain(account.name);

    const first = client.jar.get('session');
    await client.post('/sign-in', { form: { email: 'ana@firma.hr', password: PASSWORD } });
    expect(client.jar.get('session')).not.toBe(first);
    const stale = httpClient(app);
    stale.jar.set('session', first!);
    expect((await stale.get('/dashboard')).status).toBe(303);
  });

  it('refuses a wrong password in the user language and creates no session', async () => {
    await givenOwner(portal.services, { email: 'ivo@firma.hr' });
    const before = await sessionsIn();
    const client = httpClient(app);
    const response = await client.post('/sign-in', { form: { email: 'ivo@firma.hr', password: 'wrong password' }, headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The email address, password or code is not correct.');
    expect(await sessionsIn()).toBe(before);
  });

  it('refuses forged unsafe requests: no Origin, another origin, cross-site fetch', async () => {
    await givenOwner(portal.services, { email: 'csrf@firma.hr' });
    const before = await sessionsIn();
    const client = httpClient(app);
    const form = { email: 'csrf@firma.hr', password: PASSWORD };
    for (const attempt of [
      { origin: null },
      { origin: 'https://evil.example' },
      { origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
      { origin: APP_URL, headers: { 'sec-fetch-site': 'same-site' } },
      // An opaque origin (a sandboxed frame elsewhere) with or without Sec-Fetch-Site.
      { origin: 'null' },
      { origin: 'null', headers: { 'sec-fetch-site': 'cross-site' } },
    ]) {
      const response = await client.post('/sign-in', { form, ...attempt });
      expect(response.status, JSON.stringify(attempt)).toBe(403);
      expect(await response.text()).toContain('nije poslan s ovog portala');
    }
    expect(await sessionsIn()).toBe(before);
    const sameOrigin = await client.post('/sign-in', { form, origin: null, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.status).toBe(303);
    // A browser's own form post under Referrer-Policy: no-referrer says Origin: null and Sec-Fetch-Site: same-origin.
    const nativeForm = await httpClient(app).post('/sign-in', { form, origin: 'null', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(nativeForm.status).toBe(303);
  });

  it('ends the session on sign-out', async () => {
    await givenOwner(portal.services, { email: 'out@firma.hr' });
    const client = await signedIn('out@firma.hr');
    const token = client.jar.get('session')!;
    expect((await client.post('/sign-out')).headers.get('location')).toBe('/sign-in?notice=out');
    const replay = httpClient(app);
    replay.jar.set('session', token);
    // The expired session is told, and the page asked for comes back after signing in.
    expect((await replay.get('/dashboard')).headers.get('location')).toBe('/sign-in?notice=expired&next=%2Fdashboard');
  });

  it('limits sign-in attempts per account with 429 and Retry-After', async () => {
    await givenOwner(portal.services, { email: 'brute@firma.hr' });
    const client = httpClient(app);
    for (let i = 0; i < 10; i += 1) expect((await client.post('/sign-in', { form: { email: 'brute@firma.hr', password: `guess ${i}` } })).status).toBe(401);
    const limited = await client.post('/sign-in', { form: { email: 'brute@firma.hr', password: PASSWORD } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const rows = await portal.sql<{ key: string; hits: number }>(`select key, hits from rate_limits where key like 'sign-in:account:brute@firma.hr%' order by key`);
    expect(rows.map((r) => [r.key.replace(/from:.*/u, 'from:…'), r.hits])).toEqual([
      ['sign-in:account:brute@firma.hr', 11],
      ['sign-in:account:brute@firma.hr:from:…', 11],
    ]);
  });

  it('refuses a body over 64 KiB with 413 and changes nothing', async () => {
    const response = await httpClient(app).post('/sign-in', { form: { email: 'x@y.hr', password: 'p'.repeat(70_000) } });
    expect(response.status).toBe(413);
  });
});

describe('password reset over HTTP, with mail over SMTP', () => {
  it('resets a forgotten password through the mailed link, once', async () => {
    await givenOwner(portal.services, { email: 'reset@firma.hr' });
    const old = await signedIn('reset@firma.hr');
    const client = httpClient(app);
    const sent = await client.post('/password-reset', { form: { email: 'reset@firma.hr' } });
    const unknown = await client.post('/password-reset', { form: { email: 'nobody-here@firma.hr' } });
    // Post/redirect/get: the same reloadable answer for a known and an unknown address.
    expect([sent.status, sent.headers.get('location')]).toEqual([303, '/password-reset?sent=1']);
    expect([unknown.status, unknown.headers.get('location')]).toEqual([303, '/password-reset?sent=1']);
    expect(await (await client.get('/password-reset?sent=1')).text()).toContain('Ako je ta adresa upisana kod nas');

    const mail = await portal.catcher.waitFor((m) => m.to.includes('reset@firma.hr') && m.subject.includes('nova lozinka'));
    expect(portal.catcher.list().some((m) => m.to.includes('nobody-here@firma.hr'))).toBe(false);
    const link = resetLink(mail.text);
    expect(link).not.toBe('');
    const form = await client.get(link);
    expect([form.status, form.headers.get('referrer-policy')]).toEqual([200, 'no-referrer']);

    const mismatch = await client.post(link, { form: { password: 'a long new passphrase', confirm: 'something else' } });
    expect([mismatch.status, (await mismatch.text()).includes('Lozinke se ne podudaraju.')]).toEqual([422, true]);
    const common = await client.post(link, { form: { password: 'password1', confirm: 'password1' } });
    expect([common.status, (await common.text()).includes('među najčešće korištenima')]).toEqual([422, true]);
    const done = await client.post(link, { form: { password: 'a long new passphrase', confirm: 'a long new passphrase' } });
    expect([done.status, done.headers.get('location')]).toEqual([303, '/sign-in?notice=changed']);

    expect((await old.get('/dashboard')).status).toBe(303);
    const reused = await client.post(link, { form: { password: 'another new passphrase', confirm: 'another new passphrase' } });
    expect([reused.status, (await reused.text()).includes('istekla ili je već iskorištena')]).toEqual([422, true]);
    expect((await client.get(link)).status).toBe(404);
    const fresh = httpClient(app);
    expect((await fresh.post('/sign-in', { form: { email: 'reset@firma.hr', password: 'a long new passphrase' } })).status).toBe(303);
    await portal.catcher.waitFor((m) => m.to.includes('reset@firma.hr') && m.subject.includes('promijenjena'));
    const statuses = async () => (await portal.sql<{ status: string }>(`select status from mail_messages where to_address = 'reset@firma.hr'`)).map((r) => r.status).sort();
    await expect.poll(statuses).toEqual(['sent', 'sent']);
  });

  it('says at once when a link is not valid', async () => {
    const response = await app.request('/password-reset/abcdefghijklmnopqrstuvwxyz234567');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Poveznica je istekla');
  });
});

describe('pages of one-time links', () => {
  it('are never stored by a browser or a proxy, whether the link works or not', async () => {
    await givenOwner(portal.services, { email: 'nostore@firma.hr' });
    await httpClient(app).post('/password-reset', { form: { email: 'nostore@firma.hr' } });
    const mail = await portal.catcher.waitFor((m) => m.to.includes('nostore@firma.hr') && m.text.includes('/password-reset/'));
    const live = /(\/password-reset\/[a-z2-7]+)/u.exec(mail.text)![1]!;
    const pages = [live, '/password-reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/email-change/confirm/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '/email-change/cancel/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'];
    for (const path of pages) {
      const response = await httpClient(app).get(path);
      expect([path, response.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
    expect((await httpClient(app).get(live)).status).toBe(200);
  });
});

describe('email history and other accounts', () => {
  it('shows an account mail to its owner and refuses the owner of another account; a reset mail is the owner\'s alone', async () => {
    const ana = await givenOwner(portal.services, { email: 'hist-ana@firma.hr' });
    const ivo = await givenOwner(portal.services, { email: 'hist-ivo@firma.hr' });
    await portal.services.uow.run((scope) => mailAccount(scope, portal.services, { account: ana.account, topic: 'general', compose: () => composeMail({ subject: 'Obavijest', greeting: 'Poštovani,', paragraphs: ['tekst'], footer: '' }) }));
    await httpClient(app).post('/password-reset', { form: { email: 'hist-ana@firma.hr' } });
    await portal.catcher.waitFor((m) => m.to.includes('hist-ana@firma.hr') && m.text.includes('/password-reset/'));
    const anaClient = await signedIn('hist-ana@firma.hr');
    const list = await (await anaClient.get(`/accounts/${ana.account.id}/emails`)).text();
    const mailIds = [...list.matchAll(/emails\/([0-9a-f-]{36})/gu)].map((m) => m[1]);
    expect(mailIds).toHaveLength(1);
    const mailId = mailIds[0];
    const own = await (await anaClient.get('/security/emails')).text();
    const resetId = /security\/emails\/([0-9a-f-]{36})/u.exec(own)?.[1];
    expect(resetId).toBeDefined();
    expect(await (await anaClient.get(`/security/emails/${resetId}`)).text()).toContain('/password-reset/••••••••');
    expect((await anaClient.get(`/accounts/${ana.account.id}/emails/${resetId}`)).status).toBe(404);
    expect((await anaClient.get(`/accounts/${ana.account.id}/emails/${mailId}`)).status).toBe(200);

    const ivoClient = await signedIn('hist-ivo@firma.hr');
    expect((await ivoClient.get(`/accounts/${ana.account.id}/emails`)).status).toBe(403);
    expect((await ivoClient.get(`/accounts/${ana.account.id}/emails/${mailId}`)).status).toBe(403);
    expect((await ivoClient.get(`/accounts/${ivo.account.id}/emails/${mailId}`)).status).toBe(404);
    expect((await ivoClient.get(`/security/emails/${resetId}`)).status).toBe(404);
    expect((await ivoClient.get(`/accounts/not-a-uuid/emails`)).status).toBe(404);
    expect((await httpClient(app).get(`/accounts/${ana.account.id}/emails`)).status).toBe(303);
  });
});

describe('staff', () => {
  it('needs a TOTP code, keeps staff and client sessions apart, and gives the audit log to admins', async () => {
    const admin = await givenStaff(portal.services, ['admin']);
    const support = await givenStaff(portal.services, ['support']);
    const code = () => OsloTotp.codeAt(TOTP_SECRET, portal.clock.now());

    const client = httpClient(app);
    const noCode = await client.post('/staff/sign-in', { form: { email: admin.email, password: PASSWORD, code: '12345' } });
    expect(noCode.status).toBe(401);
    const ok = await client.post('/staff/sign-in', { form: { email: admin.email, password: PASSWORD, code: code() } });
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/staff']);
    expect(client.jar.has('staff')).toBe(true);
    expect(client.jar.has('session')).toBe(false);
    expect((await client.get('/dashboard')).status).toBe(303);
    const audit = await client.get('/staff/audit');
    expect(audit.status).toBe(200);
    expect(await audit.text()).toContain('staff.signed_in');

    portal.clock.advance(30_000);
    const supportClient = httpClient(app);
    expect((await supportClient.post('/staff/sign-in', { form: { email: support.email, password: PASSWORD, code: code() } })).status).toBe(303);
    expect((await supportClient.get('/staff')).status).toBe(200);
    expect((await supportClient.get('/staff/audit')).status).toBe(403);
    expect((await httpClient(app).get('/staff')).headers.get('location')).toBe('/staff/sign-in');
  });
});

describe('JSON API', () => {
  it('publishes OpenAPI 3.1 and a docs page', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    // Every operation that was ever published stays (the API only grows); the full list is the parity test's.
    expect(Object.keys(doc.paths).sort()).toEqual(expect.arrayContaining([
      '/accounts/{accountId}/contacts',
      '/accounts/{accountId}/contacts/{contactId}',
      '/accounts/{accountId}/contacts/{contactId}/invitation',
      '/accounts/{accountId}/domains',
      '/accounts/{accountId}/email-change',
      '/accounts/{accountId}/invoices',
      '/accounts/{accountId}/invoices/{invoiceId}',
      '/accounts/{accountId}/invoices/{invoiceId}/delivery',
      '/accounts/{accountId}/invoices/{invoiceId}/pdf',
      '/accounts/{accountId}/invoices/{invoiceId}/ubl',
      '/accounts/{accountId}/orders',
      '/accounts/{accountId}/profile',
      '/accounts/{accountId}/quotes',
      '/accounts/{accountId}/services',
      '/accounts/{accountId}/ticket-options',
      '/accounts/{accountId}/tickets',
      '/accounts/{accountId}/tickets/{ticketId}',
      '/accounts/{accountId}/tickets/{ticketId}/messages',
      '/catalog',
      '/email-change',
      '/health',
      '/help/articles',
      '/help/articles/{slug}',
      '/help/articles/{slug}/vote',
      '/help/categories',
      '/help/search',
      '/me',
      '/password-reset',
      '/staff/accounts/{accountId}/invoices',
      '/staff/announcements',
      '/staff/announcements/{id}/withdraw',
      '/staff/bank-statements',
      '/staff/clients',
      '/staff/einvoicing/rejected',
      '/staff/einvoicing/waiting',
      '/staff/email-changes',
      '/staff/email-changes/{requestId}',
      '/staff/email-changes/{requestId}/decision',
      '/staff/help/articles',
      '/staff/help/articles/{id}',
      '/staff/help/articles/{id}/move',
      '/staff/help/articles/{id}/related',
      '/staff/help/articles/{id}/status',
      '/staff/help/categories',
      '/staff/help/categories/{id}',
      '/staff/invoices/{invoiceId}/delivery',
      '/staff/invoices/{invoiceId}/retry-delivery',
      '/staff/mail/undelivered',
      '/staff/mail/{mailId}/resend',
      '/staff/payments',
      '/staff/tickets',
      '/staff/tickets/{ticketId}',
      '/staff/tickets/{ticketId}/messages',
      '/staff/tickets/{ticketId}/request',
    ]));
    const docs = await (await app.request('/api/v1/docs')).text();
    expect(docs).toContain('data-url="/api/v1/openapi.json"');
    expect(docs).not.toMatch(/<script>|<style|style=/u);
  });

  it('answers problem+json: 401 without a session, 422 with field errors in the user language', async () => {
    const me = await app.request('/api/v1/me');
    expect([me.status, me.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
    const client = httpClient(app);
    const bad = await client.post('/api/v1/password-reset', { json: { email: 42 }, headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ status: 422, code: 'validation', errors: [{ field: 'email', message: 'This value is not valid.' }] });
    const invalid = await client.post('/api/v1/password-reset', { json: { email: 'not-an-address' } });
    expect(await invalid.json()).toMatchObject({ status: 422, code: 'email.invalid', errors: [{ field: 'email', message: 'E-adresa nije ispravna.' }] });
    expect((await client.post('/api/v1/password-reset', { json: { email: 'someone@firma.hr' } })).status).toBe(202);
  });

  it('tells a signed-in user who they are and which accounts they own', async () => {
    const { account } = await givenOwner(portal.services, { email: 'api@firma.hr' });
    const client = await signedIn('api@firma.hr');
    const me = await client.get('/api/v1/me');
    expect(await me.json()).toMatchObject({ email: 'api@firma.hr', accounts: [{ id: account.id, role: 'owner', oib: account.oib }] });
  });
});

describe('sessions page and the owner audit log', () => {
  it('lists the sessions, ends another one, and refuses to end somebody else\'s', async () => {
    await givenOwner(portal.services, { email: 'sesije@firma.hr' });
    const laptop = await signedIn('sesije@firma.hr');
    const phone = await signedIn('sesije@firma.hr');
    const page = await (await laptop.get('/sessions')).text();
    expect(page.match(/data-session="/gu)).toHaveLength(2);
    expect(page).toContain('ova prijava');
    const otherId = /\/sessions\?end=([0-9a-f]{64})/u.exec(page)![1]!;
    // Ending a session asks first, naming it.
    expect(await (await laptop.get(`/sessions?end=${otherId}`)).text()).toContain(`action="/sessions/${otherId}/end"`);
    const stranger = await givenOwner(portal.services, { email: 'tudje-sesije@firma.hr' });
    const strangerClient = await signedIn(stranger.user.email);
    expect((await strangerClient.post(`/sessions/${otherId}/end`)).status).toBe(404);
    expect((await phone.get('/dashboard')).status).toBe(200);
    expect((await laptop.post(`/sessions/${otherId}/end`)).headers.get('location')).toBe('/sessions?ended=1');
    expect((await phone.get('/dashboard')).status).toBe(303);
    expect((await laptop.get('/dashboard')).status).toBe(200);
    expect((await httpClient(app).get('/sessions')).status).toBe(303);
  });

  it('shows the owner what happened on the account, and nobody else', async () => {
    const { account } = await givenOwner(portal.services, { email: 'zapisnik@firma.hr' });
    const owner = await signedIn('zapisnik@firma.hr');
    await portal.services.uow.run((scope) => scope.audit.record({ id: crypto.randomUUID(), at: new Date(), actorKind: 'staff', actorId: null, accountId: account.id, action: 'staff.order_accepted', clientAddress: '198.51.100.4', details: {} }));
    const log = await (await owner.get(`/accounts/${account.id}/audit`)).text();
    expect(log).toContain('staff.order_accepted');
    const other = await givenOwner(portal.services, { email: 'nije-moj-zapisnik@firma.hr' });
    expect((await (await signedIn(other.user.email)).get(`/accounts/${account.id}/audit`)).status).toBe(403);
  });
});
