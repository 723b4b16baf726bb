/**
 * The ceilings the portal is measured against, run beside it by `npm run bench` (load mode) on the same machine and
 * database: bare Hono on Node returning a constant, Hono with one indexed PostgreSQL read (a pg pool), and Hono with
 * one insert in a transaction. As many workers as the portal (WEB_CONCURRENCY), so that the ratio compares like with
 * like. Prints `listening on <url>` once every worker listens.
 *
 * Two more modes measure floors rather than ceilings: what any server must at least spend on a page or a change of
 * the portal's shape, whatever it is built with. `page` sends a list page's own statement (the first page of the
 * account's services or invoices, 26 whole rows, as the portal's read model sends it: named, generic plan) and answers
 * the rows as JSON, without HTML, a session or any check. `statements` sends as many statements in one transaction as
 * opening a ticket does (begin, ten small inserts, commit). Given the portal's sign-in page (a JSON file of its headers
 * and body), `page` also answers it at /sign-in: the floor of a public page with the portal's bytes and headers.
 *
 *   node bench/ceiling-server.ts <bare|read|write|page|statements> <database url> <workers> [page.json]
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import pg from 'pg';

const [mode = 'bare', databaseUrl = '', workersArg = '1', publicPage = ''] = process.argv.slice(2);
const workers = Math.max(1, Number(workersArg));

function app(): Hono {
  const hono = new Hono();
  if (mode === 'bare') {
    hono.get('/', (c) => c.text('ok'));
    return hono;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, ...(mode === 'page' ? { options: '-c plan_cache_mode=force_generic_plan' } : {}) });
  if (mode === 'page') {
    const list = (table: string, time: string) => `select * from ${table} t where t.account_id = $1 order by t.${time} desc, t.id desc limit 26`;
    for (const [path, text] of [['/services', list('services', 'activated_at')], ['/invoices', list('invoices', 'issued_at')]] as const) {
      hono.get(path, async (c) => c.json((await pool.query({ name: `floor${path.replace('/', '-')}`, text, values: [c.req.query('account')] })).rows));
    }
    if (publicPage) {
      // The portal's sign-in page, its bytes and its headers (set on Node's response, as the portal sets them).
      const page = JSON.parse(readFileSync(publicPage, 'utf8')) as { headers: [string, string][]; body: string };
      hono.get('/sign-in', (c) => {
        const outgoing = (c.env as { outgoing: ServerResponse }).outgoing;
        for (const [name, value] of page.headers) outgoing.setHeader(name, value);
        return c.body(page.body);
      });
    }
    return hono;
  }
  if (mode === 'statements') {
    // As many statements as opening a ticket: begin, ten inserts, commit.
    hono.post('/', async (c) => inserted(pool, await c.req.text(), 10, c));
    return hono;
  }
  if (mode === 'read') {
    // One row by its primary key: what the cheapest page that reads the database must at least do.
    hono.get('/', async (c) => {
      const { rows } = await pool.query({ name: 'ceiling-read', text: 'select id, name, oib from client_accounts where id = $1', values: [c.req.query('id')] });
      return c.json(rows[0] ?? null);
    });
    return hono;
  }
  // One insert in its own transaction: the least a change can cost.
  hono.post('/', async (c) => inserted(pool, await c.req.text(), 1, c));
  return hono;
}

/** `count` inserts of the body in one transaction (each a named statement), answered 201. */
async function inserted(pool: pg.Pool, body: string, count: number, c: Context): Promise<Response> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (let i = 0; i < count; i += 1) {
      await client.query({ name: 'ceiling-write', text: 'insert into bench_ceiling_writes (id, body, created_at) values (gen_random_uuid(), $1, now())', values: [body] });
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return c.text('ok', 201);
}

if (cluster.isPrimary && workers > 1) {
  let listening = 0;
  let url = '';
  for (let i = 0; i < workers; i += 1) {
    cluster.fork().on('message', (message: { url?: string }) => {
      if (!message.url) return;
      url = message.url;
      listening += 1;
      if (listening === workers) console.log(`listening on ${url}`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const server = serve({ fetch: app().fetch, port: Number(process.env.CEILING_PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
    const url = `http://127.0.0.1:${info.port}`;
    if (cluster.isWorker) process.send?.({ url });
    else console.log(`listening on ${url}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
