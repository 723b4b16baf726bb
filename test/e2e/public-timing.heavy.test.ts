import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenOwner, uniqueOib } from '../support/builders.js';
import { PDF } from '../support/documents.js';
import { httpClient } from '../support/http-client.js';
import { multipart } from '../support/http-portal.js';
import { APP_URL } from '../support/in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;
const TRIES = 30;

beforeAll(async () => {
  // No job workers: what is measured is the answer alone, as the visitor waits for it.
  portal = await postgresPortal({ workers: false });
  // Behind a proxy, so each try comes from its own address and no rate limit answers in its place.
  app = createApp({ useCases: buildUseCases(portal.services, { database: portal.database }), appUrl: APP_URL, secureCookies: false, trustProxy: true, log: () => undefined });
});
afterAll(async () => {
  await portal.close();
});

let address = 0;
async function timed(send: (client: ReturnType<typeof httpClient>, headers: Record<string, string>) => Promise<Response>, status = 200): Promise<number> {
  address += 1;
  const headers = { 'x-forwarded-for': `198.51.${Math.floor(address / 250)}.${address % 250}` };
  const started = performance.now();
  const response = await send(httpClient(app), headers);
  await response.arrayBuffer();
  const took = performance.now() - started;
  expect(response.status).toBe(status);
  return took;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

/** Known and unknown tries one after the other, after a warm-up; the medians of each. */
async function compare(known: (i: number) => Promise<number>, unknown: (i: number) => Promise<number>): Promise<{ known: number; unknown: number }> {
  for (let i = 0; i < 5; i += 1) {
    await known(TRIES + i);
    await unknown(TRIES + i);
  }
  const k: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < TRIES; i += 1) {
    k.push(await known(i));
    u.push(await unknown(i));
  }
  return { known: median(k), unknown: median(u) };
}

/**
 * Public answers that must not tell whether an address or an OIB is known must not tell it by their time either
 * (30 interleaved tries of each; the medians may differ by 3 ms at most).
 */
describe('public answers take the same time for known and unknown clients', () => {
  it('a forgotten-password request', async () => {
    const owners = await Promise.all(Array.from({ length: TRIES + 5 }, (_, i) => givenOwner(portal.services, { email: `poznat-${i}-${Date.now()}@firma.hr` })));
    const result = await compare(
      // Post/redirect/get: both answer with the same redirect to the same page.
      (i) => timed((client, headers) => client.post('/password-reset', { form: { email: owners[i]!.user.email }, headers }), 303),
      (i) => timed((client, headers) => client.post('/password-reset', { form: { email: `nepoznat-${i}-${Date.now()}@firma.hr` }, headers }), 303),
    );
    expect(Math.abs(result.known - result.unknown), JSON.stringify(result)).toBeLessThanOrEqual(3);
  });

  it('a public email-change request', async () => {
    const owners = await Promise.all(Array.from({ length: TRIES + 5 }, (_, i) => givenOwner(portal.services, { email: `oib-${i}-${Date.now()}@firma.hr` })));
    const form = (oib: string) => multipart({ oib, newEmail: `nova-${Date.now()}@firma.hr` }, { field: 'document', bytes: PDF, name: 'osobna.pdf', type: 'application/pdf' });
    const result = await compare(
      (i) => timed((client, headers) => client.post('/email-change', { multipart: form(owners[i]!.account.oib), headers })),
      () => timed((client, headers) => client.post('/email-change', { multipart: form(uniqueOib()), headers })),
    );
    expect(Math.abs(result.known - result.unknown), JSON.stringify(result)).toBeLessThanOrEqual(3);
  });
});
