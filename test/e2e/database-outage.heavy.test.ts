import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createOrm, execute } from '../../adapters/mikro-orm/orm.js';
import { loadConfig } from '../../web/config.js';
import { startPortal, type RunningPortal } from '../../web/server.js';
import { createTestDatabase } from '../support/database.js';
import { tcpProxy } from '../support/tcp-proxy.js';

let portal: RunningPortal;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;
let dataDir: string;

beforeAll(async () => {
  const database = new URL(await createTestDatabase());
  proxy = await tcpProxy({ host: database.hostname, port: Number(database.port) });
  database.port = String(proxy.port);
  dataDir = mkdtempSync(join(tmpdir(), 'portal-outage-'));
  portal = await startPortal(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.toString(), DATA_DIR: dataDir, SEED_DEMO: '0' }), { log: () => undefined });
});
afterAll(async () => {
  await proxy?.up();
  await portal?.stop();
  await proxy?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The sessions of a database busy in pg_sleep, counted on a direct connection (not through the proxy). */
async function sleeping(direct: string): Promise<number> {
  const client = new pg.Client({ connectionString: direct });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = current_database() and query like 'select pg_sleep%' and state = 'active'`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const get = async (path: string) => {
  const response = await fetch(`${portal.url}${path}`, { headers: { 'accept-language': 'hr' } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
};

/** The database goes away and comes back: the portal says so truthfully, answers 503 meanwhile, and recovers. */
describe('with the database away', () => {
  it('reports a database that refuses new connections as down, though the pool still has old ones', async () => {
    await expect.poll(async () => (await get('/healthz')).status).toBe(200);
    expect((await get('/order')).status).toBe(200);
    await proxy.refuseNew();
    await expect.poll(async () => (await get('/healthz')).status).toBe(503);
    expect(JSON.parse((await get('/healthz')).body)).toMatchObject({ status: 'degraded', database: { ok: false } });
    await proxy.up();
    await expect.poll(async () => (await get('/healthz')).status).toBe(200);
  });

  it('takes back the connections of transactions that broke mid-way, so the pool never runs dry', async () => {
    const direct = await createTestDatabase();
    const database = new URL(direct);
    const own = await tcpProxy({ host: database.hostname, port: Number(database.port) });
    database.port = String(own.port);
    const orm = await createOrm(database.toString(), { poolMax: 2 });
    try {
      const failed: string[] = [];
      const transaction = () => orm.em.fork().transactional(async (em) => void (await execute(em, 'select pg_sleep(1)'))).catch((error: Error) => void failed.push(error.message));
      const broken = [transaction(), transaction()];
      await expect.poll(() => sleeping(direct)).toBe(2);
      await own.down();
      await Promise.all(broken);
      expect(failed).toHaveLength(2);
      await own.up();
      // Both slots of the pool come back: a query gets a connection, and the pool closes.
      await expect.poll(() => execute(orm.em.fork(), 'select 1 as one').then(() => true, () => false)).toBe(true);
    } finally {
      await orm.close(true);
      await own.stop();
    }
  });

  it('answers pages and the API with 503 and Retry-After while it is away, never 500, and serves again when it is back', async () => {
    await proxy.down();
    await expect.poll(async () => (await get('/order')).status).toBe(503);
    const page = await get('/order');
    expect([page.retryAfter, page.body.includes('Portal je na trenutak nedostupan')]).toEqual(['30', true]);
    const api = await get('/api/v1/catalog');
    expect([api.status, api.retryAfter, JSON.parse(api.body).code]).toEqual([503, '30', 'unavailable']);
    await expect.poll(async () => (await get('/healthz')).status).toBe(503);
    await proxy.up();
    await expect.poll(async () => (await get('/order')).status).toBe(200);
    await expect.poll(async () => (await get('/healthz')).status).toBe(200);
  });
});
