import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../web/config.js';
import { securityHeaderList } from '../../web/http/security.js';
import { startPortal, type RunningPortal } from '../../web/server.js';
import { createTestDatabase } from '../support/database.js';

// The security headers are put on the Node server's own response (see web/http/security.ts), a path the in-process
// tests never take: these requests go through the real server and read the header lines as sent.
let portal: RunningPortal;
let dataDir: string;
let databaseUrl: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-headers-'));
  databaseUrl = await createTestDatabase();
  portal = await startPortal(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, SEED_DEMO: '0' }), { log: () => undefined });
});
afterAll(async () => {
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The status and every header line as the server wrote it (names lower-cased, repeats kept). */
function get(path: string): Promise<{ status: number; lines: Array<[string, string]> }> {
  const { port } = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      const lines: Array<[string, string]> = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      resolve({ status: res.statusCode ?? 0, lines });
    });
    req.on('error', reject);
    req.end();
  });
}

const linesNamed = (lines: Array<[string, string]>, name: string) => lines.filter(([n]) => n === name).map(([, v]) => v);

describe('headers as the Node server sends them', () => {
  it('puts every security header once on pages, errors, health checks and assets', async () => {
    for (const [path, status] of [['/sign-in', 200], ['/password-reset', 200], ['/healthz', 200], ['/nope', 404], ['/assets/app.css', 200], ['/api/v1/me', 401]] as const) {
      const { status: got, lines } = await get(path);
      expect([path, got]).toEqual([path, status]);
      for (const [name, value] of securityHeaderList(false)) expect([path, name, linesNamed(lines, name)]).toEqual([path, name, [value]]);
      expect(linesNamed(lines, 'strict-transport-security')).toEqual([]);
    }
  });

  it('keeps a page out of caches where asked, and an answer its own cache header', async () => {
    const link = await get('/password-reset/abcdefghijklmnopqrst');
    expect(linesNamed(link.lines, 'cache-control')).toEqual(['no-store']);
    const staff = await get('/staff/sign-in');
    expect(linesNamed(staff.lines, 'cache-control')).toEqual(['no-store']);
    const css = await get('/assets/app.css');
    expect(linesNamed(css.lines, 'cache-control')).toEqual(['public, max-age=3600']);
  });
});

describe('starting on a port already taken', () => {
  it('fails to start with the port’s error, and the portal already running keeps serving', async () => {
    const other = mkdtempSync(join(tmpdir(), 'portal-taken-'));
    try {
      const config = loadConfig({ PORT: new URL(portal.url).port, HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DATA_DIR: other, SEED_DEMO: '0' });
      await expect(startPortal(config, { log: () => undefined })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
