import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenOwner, givenStaff, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
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

const staffClient = (roles: StaffRole[]) => staffClientFor(portal, app, roles);

async function ownerWithQuote() {
  const { account, user } = await givenOwner(portal.services);
  const owner = httpClient(app);
  await owner.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
  expect((await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-START', domain0: 'racun-firma.hr', product1: 'DOM-HR', domain1: 'racun-firma.hr' } })).status).toBe(303);
  const quotes = await (await owner.get(`/accounts/${account.id}/quotes`)).text();
  const reference = /HR00 (1-\d{4}-\d+)/u.exec(quotes)![1]!;
  return { account, owner, reference, quotes };
}

describe('quotes, payments and invoices over HTTP', () => {
  it('a payment of the quote issues the invoice the owner reads with everything art. 79 asks for', async () => {
    const { account, owner, reference, quotes } = await ownerWithQuote();
    expect(quotes).toContain('84,88 €');
    const billing = await staffClient(['billing']);
    const recorded = await billing.post('/staff/payments', { form: { bankTransactionId: 'ZABA-2026-0001', amount: '84,88', receivedOn: '2026-11-20', reference: `HR00 ${reference}`, payerName: account.name } });
    expect(recorded.status).toBe(200);
    const outcome = await recorded.text();
    expect(outcome).toContain('Uplata ZABA-2026-0001 je evidentirana.');
    expect(outcome).toMatch(/Povezana s računom \d+\/WEB1\/1: plaćen, saldo 0,00 €/u);
    const again = await billing.post('/staff/payments', { form: { bankTransactionId: 'ZABA-2026-0001', amount: '84,88', receivedOn: '2026-11-20', reference: `HR00 ${reference}`, payerName: account.name } });
    expect(await again.text()).toContain('već evidentirana');
    expect((await portal.sql<{ n: string }>(`select count(*) as n from payments where bank_transaction_id = 'ZABA-2026-0001'`))[0]?.n).toBe('1');

    const list = await (await owner.get(`/accounts/${account.id}/invoices?status=paid`)).text();
    const invoiceId = /invoices\/([0-9a-f-]{36})/u.exec(list)![1]!;
    expect(await (await owner.get(`/accounts/${account.id}/invoices?status=unpaid`)).text()).toContain('Nema računa.');
    const page = await (await owner.get(`/accounts/${account.id}/invoices/${invoiceId}`)).text();
    for (const expected of ['Hosting Prodavatelj d.o.o.', 'OIB 12345678903', `OIB ${account.oib}`, 'Datum i vrijeme izdavanja', 'Datum isporuke', 'Dospijeće', 'Cijena bez PDV-a', 'PDV 25 %', '67,90 €', '16,98 €', '84,88 €', 'HR1210010051863000160', 'HR00 2-']) {
      expect(page, expected).toContain(expected);
    }
    await portal.catcher.waitFor((m) => /račun \d+\/WEB1\/1/u.test(m.subject));

    const pdf = await owner.get(`/accounts/${account.id}/invoices/${invoiceId}/pdf`);
    expect([pdf.status, pdf.headers.get('content-type'), pdf.headers.get('cache-control')]).toEqual([200, 'application/pdf', 'no-store']);
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="racun-\d+-WEB1-1\.pdf"$/u);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const quoteId = /quotes\/([0-9a-f-]{36})\/pdf/u.exec(await (await owner.get(`/accounts/${account.id}/quotes`)).text())![1]!;
    const quotePage = await (await owner.get(`/accounts/${account.id}/quotes/${quoteId}`)).text();
    expect(quotePage).toContain('Ponuda P-');
    expect(quotePage).toContain('plaćena');
    expect(await (await owner.get(`/accounts/${account.id}/quotes?status=open`)).text()).not.toContain(quoteId);
    expect(await (await owner.get(`/accounts/${account.id}/quotes?status=accepted`)).text()).toContain(quoteId);
    expect((await owner.get(`/accounts/${account.id}/quotes/${quoteId}/pdf`)).status).toBe(200);
    expect((await owner.get(`/api/v1/accounts/${account.id}/invoices/${invoiceId}/pdf`)).headers.get('content-type')).toBe('application/pdf');

    const stranger = await givenOwner(portal.services);
    const other = httpClient(app);
    await other.post('/sign-in', { form: { email: stranger.user.email, password: PASSWORD } });
    expect((await other.get(`/accounts/${account.id}/invoices/${invoiceId}/pdf`)).status).toBe(403);
    expect((await other.get(`/accounts/${stranger.account.id}/invoices/${invoiceId}/pdf`)).status).toBe(404);
    expect((await other.get(`/accounts/${stranger.account.id}/quotes/${quoteId}/pdf`)).status).toBe(404);
    expect((await other.get(`/api/v1/accounts/${stranger.account.id}/invoices/${invoiceId}/pdf`)).status).toBe(404);
    expect((await httpClient(app).get(`/accounts/${account.id}/invoices/${invoiceId}/pdf`)).status).toBe(303);
  });

  it('shows under-payment, keeps stray money unmatched, and credits an invoice once', async () => {
    const { account, owner, reference } = await ownerWithQuote();
    const billing = await staffClient(['admin']);
    const under = await (await billing.post('/staff/payments', { form: { bankTransactionId: 'PBZ-77', amount: '50', receivedOn: '2026-11-21', reference, payerName: '' } })).text();
    expect(under).toContain('djelomično plaćen, saldo 34,88 €');
    const stray = await (await billing.post('/staff/payments', { form: { bankTransactionId: 'PBZ-78', amount: '1.234,56', receivedOn: '2026-11-21', reference: 'HR00 7-7-7', payerName: 'Netko' } })).text();
    expect(stray).toContain('ne odgovara nijednom dokumentu');
    expect(await (await billing.get('/staff/payments?filter=unmatched')).text()).toContain('1.234,56 €');
    const bad = await billing.post('/staff/payments', { form: { bankTransactionId: 'PBZ-79', amount: 'sto eura', receivedOn: '2026-11-21', reference, payerName: '' } });
    expect([bad.status, (await bad.text()).includes('Iznos mora biti veći od nule')]).toEqual([422, true]);

    const invoiceId = /invoices\/([0-9a-f-]{36})/u.exec(await (await owner.get(`/accounts/${account.id}/invoices?status=unpaid`)).text())![1]!;
    const noReason = await billing.post(`/staff/invoices/${invoiceId}/credit-note`, { form: { reason: '' } });
    expect(noReason.status).toBe(422);
    const credited = await billing.post(`/staff/invoices/${invoiceId}/credit-note`, { form: { reason: 'Pogrešna stavka' } });
    expect(credited.status).toBe(303);
    expect(await (await billing.get(credited.headers.get('location')!)).text()).toContain('Odobrenje');
    expect((await billing.post(`/staff/invoices/${invoiceId}/credit-note`, { form: { reason: 'Opet' } })).status).toBe(409);
    expect(await (await owner.get(`/accounts/${account.id}/invoices`)).text()).toMatch(/Odobrenje \d+\/WEB1\/1/u);
  });

  it('keeps billing to those allowed: other accounts, support staff, anonymous', async () => {
    const { account } = await ownerWithQuote();
    const stranger = await givenOwner(portal.services);
    const other = httpClient(app);
    await other.post('/sign-in', { form: { email: stranger.user.email, password: PASSWORD } });
    expect((await other.get(`/accounts/${account.id}/invoices`)).status).toBe(403);
    expect((await other.get(`/accounts/${account.id}/quotes`)).status).toBe(403);
    expect((await other.get(`/api/v1/accounts/${account.id}/invoices`)).status).toBe(403);
    const support = await staffClient(['support']);
    expect((await support.get('/staff/payments')).status).toBe(403);
    expect((await support.post('/api/v1/staff/payments', { json: { bankTransactionId: 'X-1', amountCents: 100, receivedOn: '2026-11-20', reference: '1-1-1' } })).status).toBe(403);
    expect((await httpClient(app).post('/api/v1/staff/payments', { json: { bankTransactionId: 'X-1', amountCents: 100, receivedOn: '2026-11-20', reference: '1-1-1' } })).status).toBe(401);
    expect((await portal.sql<{ n: string }>(`select count(*) as n from payments where bank_transaction_id = 'X-1'`))[0]?.n).toBe('0');
  });

  it('records payments and reads invoices over the JSON API', async () => {
    const { account, owner, reference } = await ownerWithQuote();
    const billing = await staffClient(['billing']);
    const body = { bankTransactionId: 'API-TX-1', amountCents: 8488, receivedOn: '2026-11-22', reference, payerName: 'API' };
    const first = (await (await billing.post('/api/v1/staff/payments', { json: body })).json()) as { duplicate: boolean; invoice: { id: string; paymentState: string } };
    expect([first.duplicate, first.invoice.paymentState]).toEqual([false, 'paid']);
    const second = (await (await billing.post('/api/v1/staff/payments', { json: body })).json()) as { duplicate: boolean };
    expect(second.duplicate).toBe(true);
    const invoices = (await (await owner.get(`/api/v1/accounts/${account.id}/invoices?status=paid`)).json()) as { items: Array<{ id: string; vatGroups: unknown; buyer: { oib: string } }> };
    expect(invoices.items.map((i) => i.id)).toEqual([first.invoice.id]);
    expect(invoices.items[0]?.buyer.oib).toBe(account.oib);
    expect(invoices.items[0]?.vatGroups).toEqual([{ category: 'S', ratePercent: 25, exemption: null, netCents: 6790, vatCents: 1698 }]);
    const one = await owner.get(`/api/v1/accounts/${account.id}/invoices/${first.invoice.id}`);
    expect(((await one.json()) as { paymentState: string }).paymentState).toBe('paid');
    const quotes = (await (await owner.get(`/api/v1/accounts/${account.id}/quotes`)).json()) as { items: Array<{ status: string }> };
    expect(quotes.items.map((q) => q.status)).toEqual(['accepted']);
  });
});

describe('invoices issued directly by staff', () => {
  it('issue with a due date, validated field by field, only for billing staff', async () => {
    const { account, user } = await givenOwner(portal.services);
    const billing = await staffClient(['billing']);
    const lines = [{ description: 'Migracija weba', unitPriceCents: 12000, quantity: 2, vat: 'S25', kpdCode: '62.10.11', unitCode: 'HUR' }];
    const bad = await billing.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: '2020-01-01', lines }, headers: { 'accept-language': 'en' } });
    expect(await bad.json()).toMatchObject({ status: 422, errors: [{ field: 'dueDate' }] });
    const badRate = await billing.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: '2099-01-01', lines: [{ ...lines[0], vat: 'S22' }] } });
    expect(badRate.status).toBe(422);
    const due = new Date(portal.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await billing.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: due, lines } });
    expect(created.status).toBe(201);
    const invoice = (await created.json()) as { id: string; grossCents: number; dueDate: string; paymentState: string };
    expect([invoice.grossCents, invoice.dueDate, invoice.paymentState]).toEqual([30000, due, 'unpaid']);
    const owner = httpClient(app);
    await owner.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    expect(await (await owner.get(`/accounts/${account.id}/invoices?status=unpaid`)).text()).toContain('300,00 €');
    const support = await staffClient(['support']);
    expect((await support.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: due, lines } })).status).toBe(403);
  });
});

describe('the renewal job on PostgreSQL', () => {
  it('runs safely on two instances at once: every renewal quote and notice exists once', async () => {
    const { account, user } = await givenOwner(portal.services);
    const ownerActor = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const admin = await givenStaff(portal.services, ['admin']);
    const useCases = buildUseCases(portal.services, { database: portal.database });
    const order = await useCases.placeOrder.asMember(ownerActor, { accountId: account.id, items: [{ productCode: 'MAIL-BOX', domainName: 'dvije-instance.hr' }, { productCode: 'DOM-EU', domainName: 'dvije-instance.eu' }] }, { clientAddress: 't', userAgent: 't', locale: 'hr' });
    if (!order.ok) throw new Error('order failed');
    expect((await useCases.decideOrder.accept({ kind: 'staff', staffId: admin.id, roles: ['admin'] }, order.value.id, { clientAddress: 't', userAgent: 't', locale: 'hr' })).ok).toBe(true);
    const { RunRenewals } = await import('../../application/billing/run-renewals.js');
    const run = () => new RunRenewals({ ...portal.services, policy: portal.services.settings.billing.renewal }).execute();
    const mine = `account_id = '${account.id}'`;
    const count = async (sql: string) => Number((await portal.sql<{ n: string }>(`select count(*) as n from ${sql}`))[0]?.n);

    portal.clock.advance(340 * 86_400_000);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.quoted + b.quoted).toBe(2);
    expect(await count(`renewals where ${mine}`)).toBe(2);
    expect(await count(`quotes where ${mine} and renewal_id is not null`)).toBe(2);

    portal.clock.advance(30 * 86_400_000);
    const [c, d] = await Promise.all([run(), run()]);
    expect(c.suspended + d.suspended).toBe(2);
    expect(await count(`services where ${mine} and status = 'suspended'`)).toBe(1);
    expect(await count(`mail_messages where ${mine} and subject like '%privremeno isključen%'`)).toBe(2);
    expect(await count(`mail_messages where ${mine} and subject like '%za produženje%'`)).toBe(2);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, limited to their rights, and stop working when revoked', async () => {
    const { account, user } = await givenOwner(portal.services);
    const owner = httpClient(app);
    await owner.post('/sign-in', { form: { email: user.email, password: PASSWORD } });
    const empty = await owner.post(`/accounts/${account.id}/tokens`, { form: { name: 'Knjigovodstvo' } });
    expect([empty.status, (await empty.text()).includes('Odaberite barem jedno pravo.')]).toEqual([422, true]);
    const page = await (await owner.post(`/accounts/${account.id}/tokens`, { form: { name: 'Knjigovodstvo', permissions: 'invoices' } })).text();
    const token = /<code class="secret">(pt_[a-z2-7]+)<\/code>/u.exec(page)![1]!;
    expect(await (await owner.get(`/accounts/${account.id}/tokens`)).text()).not.toContain(token);
    const [stored] = await portal.sql<{ token_hash: string; permissions: string[] }>('select token_hash, permissions from api_tokens where account_id = $1', [account.id]);
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(stored!.token_hash).not.toContain(token);

    const api = (path: string, init: RequestInit = {}) => app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
    expect((await api(`/api/v1/accounts/${account.id}/invoices`)).status).toBe(200);
    expect((await api(`/api/v1/accounts/${account.id}/services`)).status).toBe(403);
    expect((await api(`/api/v1/accounts/${account.id}/quotes`)).status).toBe(403);
    expect((await api(`/api/v1/accounts/${account.id}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ productCode: 'DOM-EU', domainName: 'token-krade.eu' }] }) })).status).toBe(403);
    const other = await givenOwner(portal.services);
    expect((await api(`/api/v1/accounts/${other.account.id}/invoices`)).status).toBe(403);
    expect((await app.request(`/api/v1/accounts/${account.id}/invoices`, { headers: { authorization: 'Bearer pt_notarealtoken' } })).status).toBe(401);
    expect(await (await owner.get(`/accounts/${account.id}/tokens`)).text()).not.toContain('nikad');

    const tokenId = /data-token="([0-9a-f-]{36})"/u.exec(await (await owner.get(`/accounts/${account.id}/tokens`)).text())![1]!;
    expect((await httpClient(app).post(`/accounts/${account.id}/tokens/${tokenId}/revoke`)).headers.get('location')).toBe('/sign-in');
    const stranger = httpClient(app);
    await stranger.post('/sign-in', { form: { email: other.user.email, password: PASSWORD } });
    expect((await stranger.post(`/accounts/${account.id}/tokens/${tokenId}/revoke`)).status).toBe(403);
    expect((await stranger.post(`/accounts/${other.account.id}/tokens/${tokenId}/revoke`)).status).toBe(404);
    expect((await api(`/api/v1/accounts/${account.id}/invoices`)).status).toBe(200);
    expect((await owner.post(`/accounts/${account.id}/tokens/${tokenId}/revoke`)).status).toBe(303);
    const revoked = await api(`/api/v1/accounts/${account.id}/invoices`);
    expect([revoked.status, ((await revoked.json()) as { code: string }).code]).toEqual([401, 'invalid_token']);
  });
});
