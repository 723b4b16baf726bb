import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processRunning, runningEmbedded } from '../../adapters/postgres/embedded-database.js';
import { createTestDatabase } from '../support/database.js';
import { startPortalProcess, type PortalProcess } from '../support/portal-process.js';

const folders: string[] = [];
const started: PortalProcess[] = [];
const folder = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `portal-${name}-`));
  folders.push(dir);
  return dir;
};

beforeAll(() => {
  // What `npm start` runs: the compiled portal, no wrapper between a signal and the app.
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
});
afterAll(() => {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** The node processes a process started (its web workers). */
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/u.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.replace(/^.*\) /su, '').split(' ')[1]) === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/web/main.js');
      } catch {
        return false;
      }
    })
    .map(Number);

const waitUntil = async (condition: () => Promise<boolean> | boolean, what: string, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the portal as a process', () => {
  it('on SIGTERM to `npm start` finishes 50 requests in flight, cuts a slow client, and exits within the deadline', async () => {
    const databaseUrl = await createTestDatabase();
    const portal = await startPortalProcess('npm', ['start'], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: folder('sigterm'), SEED_DEMO: '0', WEB_CONCURRENCY: '2' });
    started.push(portal);
    // The requests below are shared by two web workers; all of them must finish.
    expect(portal.output()).toContain('2 web workers');
    // A client that sends half a request and never the rest.
    const slow = connect(Number(new URL(portal.url).port), '127.0.0.1');
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const slowClosed = new Promise<void>((resolve) => slow.once('close', () => resolve()));

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const requests = Array.from({ length: 50 }, (_, i) =>
        fetch(`${portal.url}/sign-in`, { method: 'POST', headers: { origin: portal.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `email=nobody-${i}%40firma.hr&password=not+the+password` }).then(
          async (r) => r.status,
          () => 0,
        ),
      );
      // All 50 have been received (each counted by the address limit) before the signal; their password checks are under way.
      await waitUntil(async () => Number((await db.query(`select coalesce(sum(hits), 0) as n from rate_limits where key like 'sign-in:address:%'`)).rows[0].n) >= 50, 'fifty sign-ins arriving');
      const signalled = Date.now();
      process.kill(portal.child.pid!, 'SIGTERM');
      const statuses = await Promise.all(requests);
      expect(statuses.filter((s) => s !== 401)).toEqual([]);
      const exit = await portal.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(15_000);
      await slowClosed;
      expect(portal.output()).toContain('SIGTERM: finishing the requests in flight');
    } finally {
      slow.destroy();
      await db.end();
    }
  });

  it('starts again after being killed with SIGKILL: the embedded PostgreSQL left running is stopped and taken over', async () => {
    const dataDir = folder('sigkill');
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '0', WEB_CONCURRENCY: '2' };
    const first = await startPortalProcess(process.execPath, ['dist/web/main.js'], env);
    started.push(first);
    const workers = childrenOf(first.child.pid!);
    expect(workers).toHaveLength(2);
    first.child.kill('SIGKILL');
    await first.exited;
    // The web workers lose their primary and go too: nothing is left holding the port.
    await waitUntil(() => workers.every((pid) => !processRunning(pid)), 'the web workers exiting');
    const left = runningEmbedded(join(dataDir, 'postgres'));
    expect(left).not.toBeNull();

    const second = await startPortalProcess(process.execPath, ['dist/web/main.js'], env);
    started.push(second);
    expect(second.output()).toContain('still running');
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    process.kill(second.child.pid!, 'SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    await waitUntil(() => runningEmbedded(join(dataDir, 'postgres')) === null, 'the embedded PostgreSQL stopping');
  });
});
