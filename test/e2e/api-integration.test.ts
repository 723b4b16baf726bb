import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenOwner } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, staffClientFor } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

/** What an integrator builds on: idempotent creation, paging that refuses junk, ETags, rate limits, staff tokens. */
let portal: PostgresPortal;
let app: App;
let useCases: ReturnType<typeof buildUseCases>;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
  useCases = buildUseCases(portal.services, { database: portal.database });
});
afterAll(async () => {
  await portal.close();
});

async function ownerWithToken(permissions: string[] = ['orders', 'invoices', 'tickets', 'services', 'contacts']) {
  const { user, account } = await givenOwner(portal.services);
  const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
  const token = await useCases.apiTokens.create(owner, account.id, { name: 'integracija', permissions }, META);
  if (!token.ok) throw new Error(token.error.code);
  return { user, account, owner, auth: { authorization: `Bearer ${token.value.token}` } };
}

const count = async (sql: string, params: unknown[]) => Number((await portal.sql<{ n: string }>(sql, params))[0]!.n);

describe('Idempotency-Key', () => {
  it('makes one order of five concurrent requests with one key, and refuses the key with another body', async () => {
    const { account, auth } = await ownerWithToken();
    const path = `/api/v1/accounts/${account.id}/orders`;
    const body = { items: [{ productCode: 'DOM-HR', domainName: 'jedna-narudzba.hr' }] };
    const headers = { ...auth, 'idempotency-key': 'order-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => httpClient(app).post(path, { json: body, headers, origin: null })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await count('select count(*) as n from orders where account_id = $1', [account.id])).toBe(1);
    const other = await httpClient(app).post(path, { json: { items: [{ productCode: 'DOM-HR', domainName: 'druga-narudzba.hr' }] }, headers, origin: null });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('idempotency.key_reused');
    expect(await count('select count(*) as n from orders where account_id = $1', [account.id])).toBe(1);
  });

  it('issues one direct invoice however often it is retried with its key', async () => {
    const { account } = await ownerWithToken();
    const staff = await staffClientFor(portal, app, ['billing']);
    const path = `/api/v1/staff/accounts/${account.id}/invoices`;
    const dueDate = new Date(portal.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const body = { dueDate, lines: [{ description: 'Održavanje', unitPriceCents: 5000, quantity: 1, vat: 'S25', kpdCode: '62.20.10', unitCode: 'C62' }] };
    const answers = await Promise.all(Array.from({ length: 3 }, () => staff.post(path, { json: body, headers: { 'idempotency-key': 'invoice-7' } })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(await count('select count(*) as n from invoices where account_id = $1', [account.id])).toBe(1);
    const changed = await staff.post(path, { json: { ...body, lines: [{ ...body.lines[0], unitPriceCents: 6000 }] }, headers: { 'idempotency-key': 'invoice-7' } });
    expect(changed.status).toBe(422);
  });

  it('opens one ticket for a retried request with its key', async () => {
    const { account, auth } = await ownerWithToken();
    const path = `/api/v1/accounts/${account.id}/tickets`;
    const body = { subject: 'Pitanje o računu', department: 'billing', body: 'Kada dospijeva?' };
    const first = await httpClient(app).post(path, { json: body, headers: { ...auth, 'idempotency-key': 't-1' }, origin: null });
    const again = await httpClient(app).post(path, { json: body, headers: { ...auth, 'idempotency-key': 't-1' }, origin: null });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await count('select count(*) as n from tickets where account_id = $1', [account.id])).toBe(1);
  });
});

describe('paging, ETags, limits and callers', () => {
  it('refuses a cursor no list gave out, and honours limit up to 100', async () => {
    const { account, auth } = await ownerWithToken();
    for (const domainName of ['a-stranica.hr', 'b-stranica.hr', 'c-stranica.hr']) {
      expect((await httpClient(app).post(`/api/v1/accounts/${account.id}/orders`, { json: { items: [{ productCode: 'DOM-HR', domainName }] }, headers: auth, origin: null })).status).toBe(201);
    }
    const api = httpClient(app);
    const first = (await (await api.get(`/api/v1/accounts/${account.id}/orders?limit=2`, { headers: auth })).json()) as { items: unknown[]; next: string | null };
    expect(first.items).toHaveLength(2);
    const second = (await (await api.get(`/api/v1/accounts/${account.id}/orders?limit=2&after=${first.next}`, { headers: auth })).json()) as { items: unknown[]; next: string | null };
    expect([second.items.length, second.next]).toEqual([1, null]);
    const junk = Buffer.from('2026-01-01T00:00:00.000Z|not-a-uuid').toString('base64url');
    for (const after of ['junk', junk]) {
      const refused = await api.get(`/api/v1/accounts/${account.id}/orders?after=${after}`, { headers: auth });
      expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([422, 'cursor.invalid']);
    }
    expect((await api.get(`/api/v1/accounts/${account.id}/orders?limit=101`, { headers: auth })).status).toBe(422);
  });

  it('lists only what changed at or after a moment (updated_since), so a sync job fetches the changes', async () => {
    const { account, auth } = await ownerWithToken(['orders', 'tickets']);
    const api = httpClient(app);
    const place = async (domainName: string) => (await (await api.post(`/api/v1/accounts/${account.id}/orders`, { json: { items: [{ productCode: 'DOM-HR', domainName }] }, headers: auth, origin: null })).json()) as { id: string; updatedAt: string };
    const first = await place('prva-sinkronizacija.hr');
    const ticket = (await (await api.post(`/api/v1/accounts/${account.id}/tickets`, { json: { subject: 'Stari upit', department: 'technical', body: 'Pitanje.' }, headers: auth, origin: null })).json()) as { id: string; updatedAt: string };
    const since = new Date(Math.max(Date.parse(first.updatedAt), Date.parse(ticket.updatedAt)) + 1).toISOString();
    await expect.poll(() => Date.now()).toBeGreaterThan(Date.parse(since));
    const second = await place('druga-sinkronizacija.hr');
    const staff = await staffClientFor(portal, app, ['support']);
    expect((await staff.post(`/api/v1/staff/tickets/${ticket.id}/messages`, { json: { body: 'Odgovor.' } })).status).toBe(201);
    const orders = (await (await api.get(`/api/v1/accounts/${account.id}/orders?updated_since=${encodeURIComponent(since)}`, { headers: auth })).json()) as { items: Array<{ id: string }> };
    expect(orders.items.map((o) => o.id)).toEqual([second.id]);
    const tickets = (await (await api.get(`/api/v1/accounts/${account.id}/tickets?updated_since=${encodeURIComponent(since)}`, { headers: auth })).json()) as { items: Array<{ id: string; status: string }> };
    expect(tickets.items.map((t) => [t.id, t.status])).toEqual([[ticket.id, 'answered']]);
    expect((await api.get(`/api/v1/accounts/${account.id}/orders?updated_since=yesterday`, { headers: auth })).status).toBe(422);
  });

  it('answers 304 to a read whose ETag the caller holds, and says how much of the minute is left', async () => {
    const { account, auth } = await ownerWithToken();
    const api = httpClient(app);
    const read = await api.get(`/api/v1/accounts/${account.id}/orders`, { headers: auth });
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^".+"$/u);
    expect(Number(read.headers.get('ratelimit-limit'))).toBe(600);
    const again = await api.get(`/api/v1/accounts/${account.id}/orders`, { headers: { ...auth, 'if-none-match': etag! } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    expect(Number(again.headers.get('ratelimit-remaining'))).toBe(Number(read.headers.get('ratelimit-remaining')) - 1);
    await httpClient(app).post(`/api/v1/accounts/${account.id}/orders`, { json: { items: [{ productCode: 'DOM-HR', domainName: 'promjena.hr' }] }, headers: auth, origin: null });
    expect((await api.get(`/api/v1/accounts/${account.id}/orders`, { headers: { ...auth, 'if-none-match': etag! } })).status).toBe(200);
  });

  it('refuses the 601st request of a minute with 429 and Retry-After', async () => {
    const { auth } = await ownerWithToken(['invoices']);
    const api = httpClient(app);
    let last: Response | null = null;
    for (let i = 0; i < 601; i += 1) last = await api.get('/api/v1/me', { headers: auth });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    portal.clock.advance(61_000);
    expect((await api.get('/api/v1/me', { headers: auth })).status).toBe(200);
  });

  it('tells a token who it acts as, and takes a cookieless public POST without an Origin', async () => {
    const { user, account, auth } = await ownerWithToken(['invoices']);
    const me = await httpClient(app).get('/api/v1/me', { headers: auth });
    expect(await me.json()).toMatchObject({ id: user.id, via: 'token', tokenPermissions: ['invoices'], accounts: [{ id: account.id, role: 'contact' }] });
    const reset = await httpClient(app).post('/api/v1/password-reset', { json: { email: user.email }, origin: null });
    expect(reset.status).toBe(202);
    // A browser's cross-site request is still refused.
    const forged = await httpClient(app).post('/api/v1/password-reset', { json: { email: user.email }, origin: null, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(forged.status).toBe(403);
  });
});

describe('API keys', () => {
  it('work for a year from their creation, and then no longer', async () => {
    const { auth } = await ownerWithToken(['invoices']);
    const now = portal.clock.now();
    try {
      portal.clock.set(new Date(now.getTime() + 364 * 86_400_000));
      expect((await httpClient(app).get('/api/v1/me', { headers: auth })).status).toBe(200);
      portal.clock.set(new Date(now.getTime() + 366 * 86_400_000));
      expect((await httpClient(app).get('/api/v1/me', { headers: auth })).status).toBe(401);
    } finally {
      portal.clock.set(now);
    }
  });
});

describe('staff API tokens', () => {
  it('are made by an admin with some roles, act with those roles only, are audited and stop when revoked', async () => {
    const admin = await staffClientFor(portal, app, ['admin']);
    const made = await admin.post('/api/v1/staff/api-tokens', { json: { name: 'Knjigovodstvo', roles: ['billing'] } });
    expect(made.status).toBe(201);
    const { token, id } = (await made.json()) as { token: string; id: string };
    expect(token).toMatch(/^st_/u);
    expect(await count('select count(*) as n from staff_api_tokens where token_hash = $1', [portal.services.tokens.hash(token)])).toBe(1);
    expect(await count('select count(*) as n from staff_api_tokens where token_hash = $1', [token])).toBe(0);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await httpClient(app).get('/api/v1/staff/payments', { headers: bearer })).status).toBe(200);
    expect((await httpClient(app).get('/api/v1/staff/email-changes', { headers: bearer })).status).toBe(403);
    // What the key does is audited as the key's, not only the admin's.
    const paid = await httpClient(app).post('/api/v1/staff/payments', { json: { bankTransactionId: `TOKEN-${id}`, amountCents: 100, receivedOn: '2026-11-20', reference: '9-9-9', payerName: '' }, headers: bearer, origin: null });
    expect(paid.status).toBe(200);
    expect(await count("select count(*) as n from audit_log where action = 'staff.payment_recorded' and details->>'viaToken' = $1", [id])).toBe(1);
    // A token administers no tokens, whatever its roles.
    expect((await httpClient(app).post('/api/v1/staff/api-tokens', { json: { name: 'Druga', roles: ['billing'] }, headers: bearer, origin: null })).status).toBe(403);
    expect((await admin.post('/api/v1/staff/api-tokens', { json: { name: 'Admin', roles: ['admin'] } })).status).toBe(422);
    const support = await staffClientFor(portal, app, ['support']);
    expect((await support.post('/api/v1/staff/api-tokens', { json: { name: 'Podrška', roles: ['support'] } })).status).toBe(403);
    expect((await admin.send('DELETE', `/api/v1/staff/api-tokens/${id}`)).status).toBe(204);
    expect((await httpClient(app).get('/api/v1/staff/payments', { headers: bearer })).status).toBe(401);
    expect(await count("select count(*) as n from audit_log where action in ('staff.api_token_created', 'staff.api_token_revoked') and details->>'token' = $1", [id])).toBe(2);
  });
});
