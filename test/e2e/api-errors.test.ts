import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenOwner } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, staffClientFor } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

/** A problem answer: its status and stable code. */
async function problem(response: Response): Promise<[number, string | undefined]> {
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? ((await response.json()) as { code?: string }) : {};
  return [response.status, body.code];
}

/** What the framework refuses keeps its own status and a problem answer: never a 500. */
describe('the JSON API refuses malformed requests with their own status', () => {
  it('answers 415, 400, 413 and 422 for a wrong type, broken JSON, a body too large and an integer out of range', async () => {
    const { user, account } = await givenOwner(portal.services);
    const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const token = await buildUseCases(portal.services, { database: portal.database }).apiTokens.create(owner, account.id, { name: 'errors', permissions: ['contacts', 'orders'] }, META);
    if (!token.ok) throw new Error(token.error.code);
    const api = httpClient(app);
    const auth = { authorization: `Bearer ${token.value.token}` };
    const path = `/api/v1/accounts/${account.id}/contacts`;

    expect(await problem(await api.post(path, { body: 'name=x', headers: { ...auth, 'content-type': 'text/plain' } }))).toEqual([415, 'unsupported_media_type']);
    expect(await problem(await api.post(path, { body: '{"name": "x",', headers: { ...auth, 'content-type': 'application/json' } }))).toEqual([400, 'malformed_json']);
    expect(await problem(await api.post(path, { body: JSON.stringify({ name: 'x'.repeat(70_000) }), headers: { ...auth, 'content-type': 'application/json' } }))).toEqual([413, 'too_large']);
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(await problem(await api.post(path, { body: deep, headers: { ...auth, 'content-type': 'application/json' } }))).toEqual([400, 'malformed_json']);
    const staff = await staffClientFor(portal, app, ['billing']);
    // Whole numbers beyond what an amount may be: past the safe range (the schema), and past the columns (the rules).
    for (const amountCents of [2 ** 60, 2 ** 40, 5_000_000_000]) {
      const huge = await staff.post('/api/v1/staff/payments', { json: { bankTransactionId: `BIG-${amountCents}`, amountCents, receivedOn: '2026-11-20', reference: '1-2026-1', payerName: '' } });
      expect((await problem(huge))[0], String(amountCents)).toBe(422);
    }
    const invoice = await staff.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: '2027-01-10', lines: [{ description: 'Preveliko', unitPriceCents: 2 ** 40, quantity: 1, vat: 'S25', kpdCode: '62.20.42', unitCode: 'HUR' }] } });
    expect((await problem(invoice))[0]).toBe(422);
    expect(Number((await portal.sql<{ n: string }>("select count(*) as n from payments where bank_transaction_id like 'BIG-%'"))[0]!.n)).toBe(0);
    expect(Number((await portal.sql<{ n: string }>('select count(*) as n from invoices where account_id = $1', [account.id]))[0]!.n)).toBe(0);
  });

  it('refuses five 6 MB deeply nested JSON bodies at once without parsing them (the event loop stays free)', async () => {
    const nested = `${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}`;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => httpClient(app).send('POST', '/api/v1/email-change', { body: nested, headers: { 'content-type': 'application/json' } })),
      httpClient(app).send('POST', '/api/v1/password-reset', { body: nested, headers: { 'content-type': 'application/json' } }),
    ]);
    delay.disable();
    expect(await Promise.all(answers.map(problem))).toEqual([...Array.from({ length: 5 }, () => [415, 'unsupported_media_type']), [413, 'too_large']]);
    // Parsing one of them took seconds before; now nothing reads them.
    expect(delay.max / 1e6).toBeLessThan(1000);
  });

  it('gives the loser of concurrent payments of one bank transaction the duplicate answer', async () => {
    const staff = await staffClientFor(portal, app, ['billing']);
    const body = { bankTransactionId: `RACE-${Date.now()}`, amountCents: 1000, receivedOn: '2026-11-20', reference: '2-2026-999999', payerName: 'Utrka' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => staff.post('/api/v1/staff/payments', { json: body })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).not.toContain(500);
    expect(Number((await portal.sql<{ n: string }>('select count(*) as n from payments where bank_transaction_id = $1', [body.bankTransactionId]))[0]!.n)).toBe(1);
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ duplicate?: boolean; id?: string }>));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
  });
});
