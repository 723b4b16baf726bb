import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { DEMO } from '../../application/demo/seed-demo-data.js';
import { createTestDatabase } from '../support/database.js';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.js';

/**
 * Two instances of the portal on one PostgreSQL, as behind a load balancer: one runs two web workers (the cluster of
 * `npm start`), the other a single process; each has its own job workers. Requests go to both at once, and what must
 * happen once happens once: numbers without gaps or repeats, one order for one Idempotency-Key, one renewal notice.
 */
const folders: string[] = [];
const instances: PortalProcess[] = [];
let db: pg.Client;
let databaseUrl: string;
let a: PortalProcess;
let b: PortalProcess;
// Every instance reads the sealed data of the others: one key for all.
const KEYS = `two:${randomBytes(32).toString('base64')}`;
// With PORT=0 each instance's APP_URL is http://localhost:0, which its Origin check expects.
const ORIGIN = 'http://localhost:0';

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-two-'));
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  databaseUrl = await createTestDatabase();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const env = { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, CREDENTIALS_KEYS: KEYS };
  a = await startPortalProcess(process.execPath, ['dist/web/main.js'], { ...env, DATA_DIR: folder(), SEED_DEMO: '1', WEB_CONCURRENCY: '2' });
  instances.push(a);
  b = await startPortalProcess(process.execPath, ['dist/web/main.js'], { ...env, DATA_DIR: folder(), SEED_DEMO: '0', WEB_CONCURRENCY: '1' });
  instances.push(b);
  expect(a.output()).toContain('2 web workers');
});

afterAll(async () => {
  for (const p of instances) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(instances.map((p) => p.exited));
  await db?.end();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
const post = (instance: PortalProcess, path: string, cookie: string, body: Record<string, string>) =>
  fetch(`${instance.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: form(body) });
const rows = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
const signIn = async (instance: PortalProcess, path: string, body: Record<string, string>) => {
  const response = await post(instance, path, '', body);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  expect(cookie, `${path} on ${instance.url}`).toBeTruthy();
  return cookie!;
};
/** The numbers of a series, in order: must run 1, 2, 3… with nothing missing and nothing twice. */
const gapless = (numbers: number[]) => expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));

describe('two instances on one database', () => {
  it('number orders, quotes and invoices without a gap or a repeat when both take them at once', async () => {
    // A session made on one instance is good on the other: sessions live in PostgreSQL.
    const owner = await signIn(a, '/sign-in', { email: DEMO.owner.email, password: DEMO.owner.password });
    const staff = await signIn(b, '/staff/sign-in', { email: DEMO.staff[0].email, password: DEMO.staff[0].password, code: OsloTotp.codeAt(DEMO.totpSecret, new Date()) });
    const [account] = await rows<{ id: string }>('select id from client_accounts where oib = $1', [DEMO.account.oib]);
    const placed = await Promise.all(Array.from({ length: 16 }, (_, i) => post(i % 2 ? b : a, `/accounts/${account!.id}/orders`, owner, { product0: 'DOM-COM', domain0: `dvije-instance-${i}.com` })));
    expect(placed.map((r) => r.status)).toEqual(placed.map(() => 303));
    const suffix = (number: string) => Number(number.split('-').pop());
    const orders = await rows<{ number: string }>('select number from orders');
    expect(orders).toHaveLength(17);
    gapless(orders.map((o) => suffix(o.number)));
    const quotes = await rows<{ number: string }>('select number from quotes');
    gapless(quotes.map((q) => suffix(q.number)));

    // Every open quote paid at once, half through each instance: each payment issues an invoice.
    const open = await rows<{ gross_cents: number; reference: string }>(`select gross_cents, payment_reference->>'number' as reference from quotes where status = 'open'`);
    const before = (await rows('select id from invoices')).length;
    expect(open.length).toBeGreaterThanOrEqual(16);
    const euro = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const paid = await Promise.all(
      open.map((q, i) => post(i % 2 ? a : b, '/staff/payments', staff, { bankTransactionId: `DVIJE-${i}`, amount: euro(q.gross_cents), receivedOn: new Date().toISOString().slice(0, 10), reference: `HR00 ${q.reference}`, payerName: 'Demo Firma' })),
    );
    expect(paid.map((r) => r.status)).toEqual(paid.map(() => 200));
    const invoices = await rows<{ year: number; premises: string; device: string; sequence: number }>('select year, premises, device, sequence from invoices');
    expect(invoices.length).toBe(before + open.length);
    for (const series of new Set(invoices.map((i) => `${i.year}/${i.premises}/${i.device}`))) gapless(invoices.filter((i) => `${i.year}/${i.premises}/${i.device}` === series).map((i) => i.sequence));
  });

  it('make one order for one Idempotency-Key sent to both at once', async () => {
    const owner = await signIn(b, '/sign-in', { email: DEMO.owner.email, password: DEMO.owner.password });
    const [account] = await rows<{ id: string }>('select id from client_accounts where oib = $1', [DEMO.account.oib]);
    const key = crypto.randomUUID();
    const body = JSON.stringify({ items: [{ productCode: 'DOM-HR', domainName: 'jedan-kljuc.hr' }] });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/api/v1/accounts/${account!.id}/orders`, { method: 'POST', headers: { cookie: owner, origin: ORIGIN, 'content-type': 'application/json', 'idempotency-key': key }, body }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await rows('select id from orders where idempotency_key = $1', [key])).toHaveLength(1);
  });

  it('send each renewal notice once when both run the renewals at the same time', async () => {
    // Everything the demo company has expires in ten days: inside the quote window of every item.
    await db.query(`update services set expires_at = now() + interval '10 days' where status = 'active'`);
    await db.query(`update domains set expires_at = now() + interval '10 days' where status = 'active'`);
    const due = Number((await rows<{ n: string }>(`select (select count(*) from services where status = 'active') + (select count(*) from domains where status = 'active') as n`))[0]!.n);
    expect(due).toBeGreaterThan(0);
    const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      // Several runs at once: each instance's job worker takes some of them.
      const jobs = await Promise.all(Array.from({ length: 6 }, () => boss.send('billing.renewals', {})));
      await expect
        .poll(async () => Number((await rows<{ n: string }>(`select count(*) as n from pgboss.job where id = any($1::uuid[]) and state = 'completed'`, [jobs]))[0]!.n), { timeout: 60_000, interval: 250 })
        .toBe(jobs.length);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    expect(await rows('select item_id from renewals group by item_kind, item_id, period_end having count(*) > 1')).toEqual([]);
    expect(await rows('select renewal_id from quotes where renewal_id is not null group by renewal_id having count(*) > 1')).toEqual([]);
    expect(Number((await rows<{ n: string }>('select count(*) as n from renewals'))[0]!.n)).toBe(due);
    expect(Number((await rows<{ n: string }>('select count(*) as n from quotes where renewal_id is not null'))[0]!.n)).toBe(due);
  });
});
