/**
 * `npm run bench -- load`: the portal under load, beside its ceilings, at two data sizes.
 *
 * Starts an embedded PostgreSQL (or uses BENCH_DATABASE_URL), the real portal as `npm start` runs it (the compiled
 * `dist/web/main.js`, one worker per core or WEB_CONCURRENCY) and its ceilings and floors (bench/ceiling-server.ts) in the
 * same process tree against the same database; then drives each page with autocannon (50 connections, 10 s each)
 * and prints one table per size: req/s, p50, p99, errors, the ratio to the one-read ceiling (writes: to the
 * one-insert ceiling, public pages: to bare Hono) and the queries the page costs (counted in-process on the same
 * database) and the CPU each request cost the server's processes and PostgreSQL (for a write, with the delivery of its
 * mail, which the bench waits for before the next target). Sizes (BENCH_SIZES, default 10000,1000000) are invoices of
 * the demo account; a tenth as many services, domains, tickets, mails and other client accounts. Seeding is SQL with
 * generate_series.
 *
 * BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 50), BENCH_ONLY (parts of targets' names, comma-separated).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedDatabase } from '../adapters/postgres/embedded-database.js';
import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { Argon2PasswordHasher } from '../adapters/system/argon2-password-hasher.js';
import { DEMO } from '../application/demo/seed-demo-data.js';
import { seedTo } from './load-seed.js';
import { inProcessQueryCounter } from './load-queries.js';
import { cpuMsBetween, cpuReading } from './cpu-use.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** BENCH_ONLY: parts of targets' names, comma-separated (the ceilings always run). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const WORKERS = Number(process.env.WEB_CONCURRENCY ?? availableParallelism());

const children: ChildProcess[] = [];

function start(command: string, args: string[], env: Record<string, string>, scheme: 'http' | 'smtp' = 'http'): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString();
      const url = new RegExp(`listening on (${scheme}://[\\d.]+:\\d+)`, 'u').exec(text)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${text}`)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const CEILINGS = { constant: 'ceiling: bare Hono, a constant', read: 'ceiling: Hono + one indexed read', insert: 'ceiling: Hono + one insert in a transaction' } as const;
type Ceiling = keyof typeof CEILINGS;
const AGAINST: Record<Exclude<Target['group'], 'ceiling'>, Ceiling> = { floor: 'read', public: 'constant', page: 'read', write: 'insert' };

interface Target {
  readonly name: string;
  readonly group: 'ceiling' | 'floor' | 'public' | 'page' | 'write';
  /** The ceiling its ratio is to: by its group (public pages to the constant, writes to the insert, the rest to the read), or as named. */
  readonly against?: Ceiling;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  /** A body per request (unique numbers, ids). */
  readonly body?: (n: number) => string;
  /** In-process query count: the path and cookie of the page. */
  readonly count?: { path: string; cookie: string };
  /** The process of the server that answers (its workers are under it), for the CPU it spends. */
  readonly server: number | undefined;
}

interface Measured {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly requests: number;
}

async function drive(target: Target): Promise<Measured> {
  let n = 0;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: target.headers ?? {},
    requests: [
      {
        method: target.method ?? 'GET',
        ...(target.body ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: target.body!((n += 1)) }) } : {}),
      },
    ],
  });
  const status = result as unknown as Record<'1xx' | '2xx' | '3xx' | '4xx' | '5xx', number>;
  // A redirect is what a form answers; anything 4xx/5xx, a socket error or a timeout is an error.
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + status['4xx'] + status['5xx'], requests: result.requests.total };
}

/** Waits (two minutes at most) until no mail queued since `since` is waiting or being sent. */
async function mailDelivered(db: pg.Client, since: Date): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const { rows } = await db.query<{ waiting: boolean }>(`select exists (select 1 from mail_messages where created_at >= $1 and status in ('queued', 'sending')) as waiting`, [since]);
    if (!rows[0]?.waiting) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'portal-load-'));
  let url = process.env.BENCH_DATABASE_URL;
  let stopDatabase = async () => undefined as void;
  if (!url) {
    const embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'pgdata'), persistent: false, database: 'bench', fsync: false });
    url = embedded.url;
    stopDatabase = () => embedded.stop();
  }
  // The portal's mail goes to a relay of its own (a sink process), as in production, not to the in-process catcher.
  const smtp = (await start(process.execPath, ['bench/smtp-sink.ts'], {}, 'smtp')).url;
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  // BENCH_PROFILE=<folder>: the portal writes a CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const portal = await start(process.execPath, [...profile, 'dist/web/main.js'], { DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', APP_URL: appUrl, DATA_DIR: join(dir, 'data'), SEED_DEMO: '1', SMTP_URL: smtp, WEB_CONCURRENCY: String(WORKERS), EINVOICE_DIR: join(dir, 'none') });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('create table if not exists bench_ceiling_writes (id uuid primary key, body text not null, created_at timestamptz not null)');
  // The sign-in page as the portal answers it (its bytes and headers), for the public floor to answer alike.
  const signInPage = await fetch(`${portal.url}/sign-in`);
  const publicPage = join(dir, 'sign-in.json');
  writeFileSync(publicPage, JSON.stringify({ headers: [...signInPage.headers].filter(([name]) => !/^(date|connection|keep-alive|content-length|transfer-encoding)$/iu.test(name)), body: await signInPage.text() }));
  const ceiling = async (mode: string, ...extra: string[]) => {
    const { url: at, child } = await start(process.execPath, ['bench/ceiling-server.ts', mode, url, String(WORKERS), ...extra], {});
    return { url: at, server: child.pid };
  };
  const ceilings = { bare: await ceiling('bare'), read: await ceiling('read'), write: await ceiling('write'), page: await ceiling('page', publicPage), statements: await ceiling('statements') };

  const form = (body: Record<string, string>) => new URLSearchParams(body).toString();
  const signIn = async (path: string, body: Record<string, string>) => {
    const response = await fetch(`${portal.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: appUrl, 'content-type': 'application/x-www-form-urlencoded' }, body: form(body) });
    const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
    if (!cookie) throw new Error(`${path} gave no session (${response.status})`);
    return cookie;
  };
  const cookie = await signIn('/sign-in', { email: DEMO.owner.email, password: DEMO.owner.password });
  const staffCookie = await signIn('/staff/sign-in', { email: DEMO.staff[0].email, password: DEMO.staff[0].password, code: OsloTotp.codeAt(DEMO.totpSecret, new Date()) });
  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
  const account = await one<{ id: string; owner: string }>('select id, owner_user_id as owner from client_accounts where oib = $1', [DEMO.account.oib]);
  const order = await one<{ id: string }>('select id from orders where account_id = $1 limit 1', [account.id]);
  const product = await one<{ id: string }>(`select id from products where code = 'MAIL-BOX'`);
  // The demo's open quote, paid: it becomes the account's first invoice, the row the seed copies.
  const quote = await one<{ reference: string; gross: number }>(`select payment_reference->>'number' as reference, gross_cents as gross from quotes where account_id = $1 and status = 'open' limit 1`, [account.id]);
  const paid = await fetch(`${portal.url}/staff/payments`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: staffCookie, origin: appUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ bankTransactionId: `LOAD-FIRST-${Date.now()}`, amount: (quote.gross / 100).toFixed(2).replace('.', ','), receivedOn: new Date().toISOString().slice(0, 10), reference: `HR00 ${quote.reference}`, payerName: 'Bench' }),
  });
  const someInvoice = await one<{ reference: string; gross: number } | undefined>(`select payment_reference->>'number' as reference, gross_cents as gross from invoices where account_id = $1 limit 1`, [account.id]);
  if (!someInvoice) throw new Error(`paying the demo quote issued no invoice (${paid.status})`);
  const counter = await inProcessQueryCounter(url, appUrl);

  const a = `/accounts/${account.id}`;
  const served = portal.child.pid;
  const page = (name: string, path: string, session: string, group: Target['group'] = 'page'): Target => ({ name, group, url: `${portal.url}${path}`, headers: session ? { cookie: session } : {}, count: { path, cookie: session }, server: served });
  const post = (name: string, path: string, session: string, body: (n: number) => Record<string, string>): Target => ({
    name,
    group: 'write',
    server: served,
    url: `${portal.url}${path}`,
    method: 'POST',
    headers: { cookie: session, origin: appUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: (n) => form(body(n)),
  });
  const run = `${process.pid}-${Date.now().toString(36)}`;
  // Orders and tickets are written by another client (the first seeded one, given a password), so that what the
  // writes add does not change what the demo account's pages show between the sizes.
  const writer = { cookie: '', account: '' };
  const signInWriter = async () => {
    if (writer.cookie) return;
    const password = 'Bench-writer-password-1';
    const row = await one<{ account: string; email: string }>(
      `update users u set password_hash = $1 from client_accounts a where a.owner_user_id = u.id and a.oib = lpad('90000000001', 11, '0') returning a.id as account, u.email`,
      [await new Argon2PasswordHasher().hash(password)],
    );
    writer.account = row.account;
    writer.cookie = await signIn('/sign-in', { email: row.email, password });
  };
  const targets = (): Target[] => [
    { name: CEILINGS.constant, group: 'ceiling', url: ceilings.bare.url, server: ceilings.bare.server },
    { name: CEILINGS.read, group: 'ceiling', url: `${ceilings.read.url}/?id=${account.id}`, server: ceilings.read.server },
    { name: CEILINGS.insert, group: 'ceiling', url: ceilings.write.url, method: 'POST', body: (n) => `row ${n}`, server: ceilings.write.server },
    { name: "floor: Hono + the services page's statement, rows as JSON", group: 'floor', url: `${ceilings.page.url}/services?account=${account.id}`, server: ceilings.page.server },
    { name: "floor: Hono + the invoices page's statement, rows as JSON", group: 'floor', url: `${ceilings.page.url}/invoices?account=${account.id}`, server: ceilings.page.server },
    { name: 'floor: Hono + 12 statements in a transaction', group: 'floor', against: 'insert', url: ceilings.statements.url, method: 'POST', body: (n) => `row ${n}`, server: ceilings.statements.server },
    { name: "floor: Hono answering the sign-in page's bytes and headers", group: 'floor', against: 'constant', url: `${ceilings.page.url}/sign-in`, server: ceilings.page.server },
    page('/sign-in', '/sign-in', '', 'public'),
    page('/healthz', '/healthz', '', 'public'),
    page('/help', '/help', '', 'public'),
    page('/dashboard', '/dashboard', cookie),
    page('services', `${a}/services`, cookie),
    page('domains', `${a}/domains`, cookie),
    page('quotes', `${a}/quotes`, cookie),
    page('invoices', `${a}/invoices`, cookie),
    page('invoices?status=unpaid', `${a}/invoices?status=unpaid`, cookie),
    page('tickets', `${a}/tickets`, cookie),
    page('email history', `${a}/emails`, cookie),
    page('staff home', '/staff', staffCookie),
    page('staff: orders queue', '/staff/orders', staffCookie),
    page('staff: payments queue', '/staff/payments', staffCookie),
    page('staff: tickets queue', '/staff/tickets', staffCookie),
    page('staff: email changes queue', '/staff/email-changes', staffCookie),
    page('staff: undelivered mail', '/staff/mail', staffCookie),
    page('staff: client view', `/staff/clients/${account.id}`, staffCookie),
    post('write: place an order', `/accounts/${writer.account}/orders`, writer.cookie, (n) => ({ product0: 'DOM-COM', domain0: `load-${run}-${n}.com` })),
    post('write: record a payment', '/staff/payments', staffCookie, (n) => ({ bankTransactionId: `LOAD-${run}-${n}`, amount: '1,00', receivedOn: new Date().toISOString().slice(0, 10), reference: n % 2 && someInvoice ? someInvoice.reference : `HR00 ${n}`, payerName: 'Bench' })),
    post('write: open a ticket', `/accounts/${writer.account}/tickets`, writer.cookie, (n) => ({ subject: `Opterećenje ${n}`, department: 'technical', priority: 'normal', body: 'Tekst poruke', kind: '' })),
  ];

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${cpus().length} × ${cpu}, Node ${process.versions.node}, portal workers: ${WORKERS}, ${CONNECTIONS} connections, ${DURATION} s per target`);
  let seeded = 0;
  for (const size of SIZES) {
    const began = Date.now();
    await seedTo(db, seeded, size, { accountId: account.id, orderId: order.id, productId: product.id, ownerId: account.owner });
    // Settled as a live database would be: the rows just written vacuumed and counted now, so autovacuum does not
    // wake on them in the middle of a measurement.
    await db.query('vacuum analyze');
    seeded = size;
    await signInWriter();
    console.log(`\nsize ${fmt(size)} invoices (${fmt(Math.floor(size / 10))} services, domains, tickets, mails, client accounts), seeded in ${fmt((Date.now() - began) / 1000, 1)} s`);
    console.log('| target | req/s | p50 ms | p99 ms | errors | ratio | queries | CPU ms/req |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const measured = new Map<string, Measured>();
    for (const target of targets()) {
      if (ONLY.length && target.group !== 'ceiling' && !ONLY.some((part) => target.name.includes(part))) continue;
      const queries = target.count ? await counter.count(target.count.path, target.count.cookie) : null;
      const before = cpuReading(target.server);
      const began = new Date();
      const m = await drive(target);
      // A write's mail is delivered after its answer: its cost is counted once the queue is empty again, and the next
      // target starts without a backlog of the last one's mail.
      if (target.group === 'write') await mailDelivered(db, began);
      const after = cpuReading(target.server);
      const cpu = before && after && m.requests ? fmt(cpuMsBetween(before, after) / m.requests, 2) : '';
      measured.set(target.name, m);
      const base = target.group === 'ceiling' ? undefined : measured.get(CEILINGS[target.against ?? AGAINST[target.group]]);
      const ratio = base ? `${fmt((100 * m.reqPerSec) / base.reqPerSec)} %` : '';
      console.log(`| ${target.name} | ${fmt(m.reqPerSec)} | ${m.p50} | ${m.p99} | ${m.errors} | ${ratio} | ${queries ?? ''} | ${cpu} |`);
    }
  }
  await counter.close();
  await db.end();
  for (const child of children) child.kill('SIGTERM');
  await new Promise<void>((resolve) => (portal.child.exitCode !== null ? resolve() : portal.child.once('exit', () => resolve())));
  await stopDatabase();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
