import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenOwner, PASSWORD, uniqueOib } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { countQueries } from '../support/query-count.js';
import type { PostgresPortal } from '../support/postgres-portal.js';
import { portalWithApp, staffClientFor } from '../support/http-portal.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

const count = async (table: string) => Number((await portal.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);

function publicForm(over: Record<string, string> = {}) {
  return {
    product0: 'HOST-START',
    domain0: 'pekara-zlatko.hr',
    product1: 'DOM-HR',
    domain1: 'pekara-zlatko.hr',
    entityType: 'obrt',
    name: 'Pekara Zlatko, obrt',
    oib: uniqueOib(),
    email: `zlatko-${Date.now()}@pekara.hr`,
    phone: '+385 98 765 4321',
    street: 'Ulica grada Vukovara 1',
    postalCode: '10000',
    city: 'Zagreb',
    acceptTerms: 'yes',
    ...over,
  };
}

const staffClient = (roles: StaffRole[]) => staffClientFor(portal, app, roles);

describe('public order form', () => {
  it('shows the price list with Croatian prices', async () => {
    const body = await (await app.request('/order')).text();
    expect(body).toContain('Web hosting Start');
    expect(body).toContain('48,00 €');
    expect(body).toContain('19,90 €');
  });

  it('turns a newcomer into a client: account, order, quote and a welcome mail with a link to set the password', async () => {
    const form = publicForm();
    const before = await count('client_accounts');
    const response = await httpClient(app).post('/order', { form });
    expect(response.status).toBe(303);
    const thanks = await (await httpClient(app).get(response.headers.get('location')!)).text();
    expect(thanks).toContain('Hvala na narudžbi!');
    expect(thanks).toContain('84,88 €');
    expect(await count('client_accounts')).toBe(before + 1);
    const [order] = await portal.sql<{ number: string; status: string; account_id: string }>(`select o.number, o.status, o.account_id from orders o join client_accounts a on a.id = o.account_id where a.oib = $1`, [form.oib]);
    expect(order?.status).toBe('pending');
    const [quote] = await portal.sql<{ gross_cents: number }>('select gross_cents from quotes where order_id = (select id from orders where number = $1)', [order!.number]);
    expect(quote?.gross_cents).toBe(8488);

    const mail = await portal.catcher.waitFor((m) => m.to.includes(form.email));
    expect(mail.subject).toContain(order!.number);
    expect(mail.text).toContain('84,88 €');
    const link = /http:\/\/localhost:3000(\/password-reset\/[a-z2-7]+)/u.exec(mail.text)![1]!;
    const client = httpClient(app);
    // The first password signs the newcomer in.
    const set = await client.post(link, { form: { password: 'pekara zlatko lozinka', confirm: 'pekara zlatko lozinka' } });
    expect([set.status, set.headers.get('location')]).toEqual([303, '/dashboard?welcome=1']);
    expect(await (await client.get('/dashboard?welcome=1')).text()).toContain('84,88 €');
    const orders = await (await client.get(`/accounts/${order!.account_id}/orders`)).text();
    expect(orders).toContain(order!.number);
    expect(orders).toContain('čeka obradu');
  });

  it('answers a known OIB exactly like a new one, opens no account, and mails the known address', async () => {
    const { account } = await givenOwner(portal.services, { email: 'poznati@firma.hr' });
    const before = await count('client_accounts');
    const response = await httpClient(app).post('/order', { form: publicForm({ oib: account.oib, email: 'netko@drugi.hr' }) });
    expect(response.status).toBe(303);
    const thanks = await (await httpClient(app).get(response.headers.get('location')!)).text();
    expect(thanks).toContain('Hvala na narudžbi!');
    expect(thanks).toContain('84,88 €');
    expect(await count('client_accounts')).toBe(before);
    await portal.catcher.waitFor((m) => m.to.includes('poznati@firma.hr') && m.subject.includes('OIB'));
    expect(portal.catcher.list().some((m) => m.to.includes('netko@drugi.hr'))).toBe(false);

    const [order] = await portal.sql<{ id: string; number: string }>(`select id, number from orders where unlinked_customer->>'oib' = $1`, [account.oib]);
    const staff = await staffClient(['support']);
    const page = await (await staff.get(`/staff/orders/${order!.id}`)).text();
    expect(page).toContain('OIB već ima korisnički račun');
    expect(page).toContain('netko@drugi.hr');
    expect((await staff.post(`/staff/orders/${order!.id}/link`)).status).toBe(303);
    expect((await portal.sql<{ account_id: string }>('select account_id from orders where id = $1', [order!.id]))[0]?.account_id).toBe(account.id);
    expect((await staff.post(`/staff/orders/${order!.id}/link`)).status).toBe(409);
    await portal.catcher.waitFor((m) => m.to.includes('poznati@firma.hr') && m.subject.includes(order!.number));
  });

  it('explains bad input beside the field, in Croatian or English, and stores nothing', async () => {
    const before = [await count('orders'), await count('client_accounts'), await count('users')];
    const client = httpClient(app);
    const badOib = await client.post('/order', { form: publicForm({ oib: '12345678901' }) });
    expect(badOib.status).toBe(422);
    const html = await badOib.text();
    expect(html).toContain('OIB nije ispravan');
    expect(html).toContain('value="Pekara Zlatko, obrt"');
    const badDomain = await client.post('/order', { form: publicForm({ domain1: 'pekara.com' }), headers: { 'accept-language': 'en' } });
    expect(await badDomain.text()).toContain('For this item the domain must end in .hr.');
    const noTerms = await client.post('/order', { form: publicForm({ acceptTerms: '' }) });
    expect(await noTerms.text()).toContain('Za narudžbu morate prihvatiti uvjete.');
    const tooLong = await client.post('/order', { form: publicForm({ name: 'x'.repeat(300) }) });
    expect(tooLong.status).toBe(422);
    expect([await count('orders'), await count('client_accounts'), await count('users')]).toEqual(before);
  });
});

describe('staff queue, services and access data', () => {
  it('staff accept an order; the owner sees services and domains and reveals the access data, audited', async () => {
    const { account, user } = await givenOwner(portal.services, { email: 'vlasnik-usluga@firma.hr' });
    const owner = httpClient(app);
    await owner.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    const placed = await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-BIZ', domain0: 'usluge.hr', product1: 'DOM-HR', domain1: 'usluge.hr' } });
    expect(placed.status).toBe(303);
    const number = /placed=(N-\d{4}-\d{6})/u.exec(placed.headers.get('location') ?? '')![1]!;
    expect(await (await owner.get(placed.headers.get('location')!)).text()).toContain(`Narudžba ${number} je zaprimljena.`);

    const support = await staffClient(['support']);
    const queue = await (await support.get('/staff/orders')).text();
    expect(queue).toContain(number);
    const orderId = new RegExp(`/staff/orders/([0-9a-f-]{36})">${number}`, 'u').exec(queue)![1]!;
    const accepted = await support.post(`/staff/orders/${orderId}/accept`);
    expect(accepted.headers.get('location')).toBe(`/staff/orders?done=accepted:${number}`);
    expect((await support.post(`/staff/orders/${orderId}/accept`)).status).toBe(409);

    const services = await (await owner.get(`/accounts/${account.id}/services`)).text();
    const serviceId = /services\/([0-9a-f-]{36})/u.exec(services)![1]!;
    const detail = await (await owner.get(`/accounts/${account.id}/services/${serviceId}`)).text();
    expect(detail).toContain('Prikaži pristupne podatke');
    // Post/redirect/get: the button leads to a reloadable address that shows the access data (each showing audited).
    const posted = await owner.post(`/accounts/${account.id}/services/${serviceId}/credentials`);
    expect([posted.status, posted.headers.get('location')]).toEqual([303, `/accounts/${account.id}/services/${serviceId}/credentials`]);
    const revealed = await owner.get(posted.headers.get('location')!);
    const revealedHtml = await revealed.text();
    expect(revealed.status).toBe(200);
    expect(revealedHtml).toContain('server1.test.hr');
    const [row] = await portal.sql<{ sealed_credentials: string }>('select sealed_credentials from services where id = $1', [serviceId]);
    const password = /Lozinka<\/dt><dd><code>([a-z2-7]{20})<\/code>/u.exec(revealedHtml)![1]!;
    expect(row!.sealed_credentials).not.toContain(password);
    expect(await count(`audit_log where action = 'service.credentials_revealed'`)).toBe(1);
    const domains = await (await owner.get(`/accounts/${account.id}/domains`)).text();
    const domainId = /domains\/([0-9a-f-]{36})/u.exec(domains)![1]!;
    expect(await (await owner.get(`/accounts/${account.id}/domains/${domainId}`)).text()).toContain('ns1.test.hr');
    const dashboard = await (await owner.get('/dashboard')).text();
    expect(dashboard).toContain('usluge.hr');
    expect(dashboard).toContain('Otvorene ponude');
    await portal.catcher.waitFor((m) => m.to.includes('vlasnik-usluga@firma.hr') && m.subject.includes('aktivirana'));
    const accessMail = portal.catcher.list().find((m) => m.subject.includes('aktivirana'))!;
    expect(accessMail.text).not.toContain(password);

    const stranger = await givenOwner(portal.services, { email: 'stranac@firma.hr' });
    const other = httpClient(app);
    await other.post('/sign-in', { form: { email: stranger.user.email, password: PASSWORD } });
    expect((await other.get(`/accounts/${account.id}/services/${serviceId}`)).status).toBe(403);
    expect((await other.post(`/accounts/${account.id}/services/${serviceId}/credentials`)).status).toBe(403);
    expect((await other.get(`/accounts/${stranger.account.id}/services/${serviceId}`)).status).toBe(404);
    expect((await other.post(`/accounts/${stranger.account.id}/services/${serviceId}/credentials`)).status).toBe(404);
    expect((await other.get(`/accounts/${account.id}/domains/${domainId}`)).status).toBe(403);
    expect((await other.get(`/accounts/${account.id}/orders`)).status).toBe(403);
    expect((await other.post(`/accounts/${account.id}/orders`, { form: { product0: 'DOM-EU', domain0: 'krada.eu' } })).status).toBe(403);
    expect((await other.get(`/api/v1/accounts/${account.id}/services`)).status).toBe(403);
    expect((await httpClient(app).get(`/accounts/${account.id}/services`)).status).toBe(303);
  });

  it('refuses the queue to clients and to staff without an order role, and rejects with a reason', async () => {
    const verifier = await staffClient(['verifier']);
    expect((await verifier.get('/staff/orders')).status).toBe(403);
    const { account, user } = await givenOwner(portal.services);
    const owner = httpClient(app);
    await owner.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    expect((await owner.get('/staff/orders')).status).toBe(303);
    const placed = await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'DOM-EU', domain0: 'odbijena.eu' } });
    const number = /placed=(N-\d{4}-\d{6})/u.exec(placed.headers.get('location') ?? '')![1]!;
    const [order] = await portal.sql<{ id: string }>('select id from orders where number = $1', [number]);
    const billing = await staffClient(['billing']);
    const empty = await billing.post(`/staff/orders/${order!.id}/reject`, { form: { reason: '' } });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Upišite razlog');
    expect((await billing.post(`/staff/orders/${order!.id}/reject`, { form: { reason: 'Domena je zauzeta' } })).status).toBe(303);
    await portal.catcher.waitFor((m) => m.subject.includes(number) && m.text.includes('Domena je zauzeta'));
    expect(await count(`audit_log where action = 'staff.order_rejected'`)).toBe(1);
  });
});

describe('ordering over the JSON API', () => {
  it('orders once per Idempotency-Key and lists orders, services and domains', async () => {
    const { account, user } = await givenOwner(portal.services);
    const client = httpClient(app);
    await client.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    const catalog = (await (await client.get('/api/v1/catalog')).json()) as { items: Array<{ code: string; priceCents: number }> };
    expect(catalog.items.find((p) => p.code === 'DOM-HR')?.priceCents).toBe(1990);
    const body = { items: [{ productCode: 'DOM-COM', domainName: 'api-narudzba.com' }] };
    const first = await client.post(`/api/v1/accounts/${account.id}/orders`, { json: body, headers: { 'idempotency-key': 'order-42' } });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; number: string; totals: { grossCents: number } };
    expect(created.totals.grossCents).toBe(1863);
    const again = await client.post(`/api/v1/accounts/${account.id}/orders`, { json: body, headers: { 'idempotency-key': 'order-42' } });
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    expect(await count(`orders where account_id = '${account.id}'`)).toBe(1);
    const list = (await (await client.get(`/api/v1/accounts/${account.id}/orders`)).json()) as { items: Array<{ number: string }>; next: string | null };
    expect(list).toEqual({ items: [expect.objectContaining({ number: created.number })], next: null });
    const bad = await client.post(`/api/v1/accounts/${account.id}/orders`, { json: { items: [{ productCode: 'DOM-COM', domainName: 'primjer.hr' }] }, headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: 'domain.tld_mismatch', errors: [{ field: 'items.0.domainName', message: 'For this item the domain must end in .com.' }] });
    expect((await httpClient(app).post(`/api/v1/accounts/${account.id}/orders`, { json: body })).status).toBe(401);
    expect((await client.post(`/api/v1/accounts/${account.id}/orders`, { json: body, origin: 'https://evil.example' })).status).toBe(403);
    expect(((await (await client.get(`/api/v1/accounts/${account.id}/services`)).json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe('a fixed number of queries per page', () => {
  /**
   * Most queries each signed-in read page may cost: the session (with the person and their memberships, or the staff
   * member) is one statement, the page's data one more (the staff home: its counts; a queue: its page with the clients
   * of the page), and none in a transaction.
   */
  const MOST: Record<string, number> = {
    '/dashboard': 2,
    services: 2,
    domains: 2,
    quotes: 2,
    invoices: 2,
    tickets: 2,
    'email history': 2,
    '/staff': 2,
    '/staff/orders': 2,
    '/staff/payments': 2,
    '/staff/tickets': 2,
    '/staff/email-changes': 2,
    '/staff/mail': 2,
    'client view': 2,
  };

  it('costs every signed-in read page the same queries with 1 item as with 20, and no more than stated', async () => {
    const { account, user } = await givenOwner(portal.services);
    const admin = await staffClient(['admin']);
    const client = httpClient(app);
    await client.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    const a = `/accounts/${account.id}`;
    /** n orders accepted and paid, n pending, n tickets, n staff notes, and some mail that could not be sent. */
    const grow = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const items = [{ productCode: 'MAIL-BOX', domainName: `q${Date.now()}${i}.hr` }];
        const placed = (await (await client.post(`/api/v1${a}/orders`, { json: { items } })).json()) as { id: string };
        expect((await admin.post(`/staff/orders/${placed.id}/accept`)).status).toBe(303);
        await client.post(`/api/v1${a}/orders`, { json: { items: [{ productCode: 'MAIL-BOX', domainName: `p${Date.now()}${i}.hr` }] } });
        expect((await client.post(`${a}/tickets`, { form: { subject: `Pitanje ${i}`, department: 'technical', priority: 'normal', body: 'Tekst', kind: '' } })).status).toBe(303);
        expect((await admin.post(`/staff/clients/${account.id}/notes`, { form: { body: `Bilješka ${i}` } })).status).toBe(303);
      }
      const quotes = await portal.sql<{ reference: string; gross: number }>(`select payment_reference->>'number' as reference, gross_cents as gross from quotes where account_id = $1 and status = 'open' order by issued_at limit $2`, [account.id, n]);
      for (const quote of quotes) {
        const form = { bankTransactionId: `Q-${quote.reference}`, amount: (quote.gross / 100).toFixed(2).replace('.', ','), receivedOn: portal.clock.now().toISOString().slice(0, 10), reference: quote.reference, payerName: 'Firma' };
        expect((await admin.post('/staff/payments', { form })).status).toBe(200);
      }
      // Mail jobs of the above run in this process too: let them finish, then some of it could not be sent.
      await expect.poll(() => count(`mail_messages where status in ('queued', 'sending')`), { timeout: 30_000 }).toBe(0);
      await portal.sql(`update mail_messages set status = 'undeliverable' where id in (select id from mail_messages where account_id = $1 and status = 'sent' limit $2)`, [account.id, n]);
    };
    const pages: Array<[string, string, typeof client]> = [
      ['/dashboard', '/dashboard', client],
      ['services', `${a}/services`, client],
      ['domains', `${a}/domains`, client],
      ['quotes', `${a}/quotes`, client],
      ['invoices', `${a}/invoices`, client],
      ['tickets', `${a}/tickets`, client],
      ['email history', `${a}/emails`, client],
      ['/staff', '/staff', admin],
      ['/staff/orders', '/staff/orders', admin],
      ['/staff/payments', '/staff/payments', admin],
      ['/staff/tickets', '/staff/tickets?status=all', admin],
      ['/staff/email-changes', '/staff/email-changes', admin],
      ['/staff/mail', '/staff/mail', admin],
      ['client view', `/staff/clients/${account.id}`, admin],
    ];
    const measure = async () => {
      const counts: Record<string, number> = {};
      for (const [name, path, who] of pages) counts[name] = await countQueries(async () => void expect((await who.get(path)).status, path).toBe(200));
      return counts;
    };
    await grow(1);
    const small = await measure();
    await grow(19);
    const large = await measure();
    const held = (table: string, also = 'true') => count(`${table} where account_id = '${account.id}' and ${also}`);
    expect([await held('services'), await held('tickets'), await held('client_notes'), await held('invoices'), await held('orders', `status = 'pending'`)]).toEqual([20, 20, 20, 20, 20]);
    expect(await held('mail_messages', `status = 'undeliverable'`)).toBeGreaterThanOrEqual(20);
    // A matched payment carries its invoice's client account (kept by the database), which the client view reads by.
    expect(await held('payments')).toBe(20);
    expect(large).toEqual(small);
    for (const [name, queries] of Object.entries(small)) expect(queries, name).toBeLessThanOrEqual(MOST[name]!);
    expect(Object.keys(small).sort()).toEqual(Object.keys(MOST).sort());
    // The dashboard sums up: with 20 services and 20 open quotes it shows 10 of each, newest first, and links the rest.
    const dashboard = await (await client.get('/dashboard')).text();
    const quotesBox = /data-box="quotes">([\s\S]*?)<\/section>/u.exec(dashboard)![1]!;
    expect(quotesBox.match(/<li>/gu)).toHaveLength(10);
    expect(quotesBox).toContain(`href="${a}/quotes?status=open">Sve otvorene ponude</a>`);
    expect(dashboard).toContain(`href="${a}/services">Sve usluge</a>`);
    const newest = await portal.sql<{ number: string }>(`select number from quotes where account_id = $1 and status = 'open' order by issued_at desc, id desc limit 1`, [account.id]);
    expect(quotesBox).toContain(newest[0]!.number);
  });
});
