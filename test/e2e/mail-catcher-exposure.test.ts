import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../web/config.js';
import { startPortal, type RunningPortal } from '../../web/server.js';
import { createTestDatabase } from '../support/database.js';

const started: RunningPortal[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const p of started) await p.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

async function portalOn(host: string): Promise<{ port: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-catcher-'));
  folders.push(dataDir);
  const portal = await startPortal(loadConfig({ PORT: '0', HOST: host, DATABASE_URL: await createTestDatabase(), DATA_DIR: dataDir, SEED_DEMO: '0' }), { log: () => undefined });
  started.push(portal);
  return { port: Number(new URL(portal.url).port) };
}

/** A GET with the Host header a browser would send for that name (as after a DNS rebinding). */
function get(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the mail catcher (it holds every reset link)', () => {
  it('answers only requests for this machine by a loopback name and the right port', async () => {
    const { port } = await portalOn('127.0.0.1');
    expect(await get(port, '/dev/mail', `localhost:${port}`)).toBe(200);
    expect(await get(port, '/dev/mail.json', `127.0.0.1:${port}`)).toBe(200);
    expect(await get(port, '/dev/mail', `rebound.example:${port}`)).toBe(404);
    expect(await get(port, '/dev/mail.json', `portal.example.hr`)).toBe(404);
    expect(await get(port, '/dev/mail', `localhost:${port + 1}`)).toBe(404);
    expect(await get(port, '/sign-in', `localhost:${port}`)).toBe(200);
  });

  it('is not served at all when the portal listens on a network address', async () => {
    const { port } = await portalOn('0.0.0.0');
    expect(await get(port, '/dev/mail', `localhost:${port}`)).toBe(404);
    expect(await get(port, '/dev/mail.json', `127.0.0.1:${port}`)).toBe(404);
    expect(await get(port, '/sign-in', `localhost:${port}`)).toBe(200);
  });
});
