import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../web/config.js';
import { startPortal, type RunningPortal } from '../../web/server.js';
import { browserAvailable, launchChromium } from '../support/browser.js';
import { createTestDatabase } from '../support/database.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let portal: RunningPortal;
let browser: Browser;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!browserAvailable) return;
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'portal-help-browser-'));
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', APP_URL: `http://127.0.0.1:${port}`, DATABASE_URL: await createTestDatabase(), DATA_DIR: dataDir });
  portal = await startPortal(config, { log: () => undefined });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'hr-HR' });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return page;
}

async function search(page: Page, query: string): Promise<void> {
  await page.goto(`${portal.url}/help`);
  await page.getByLabel('Pretraži pomoć').fill(query);
  await page.getByRole('button', { name: 'Traži' }).click();
  await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(`Rezultati za „${query}”`);
}

describe.skipIf(!browserAvailable)('help centre in Chromium', () => {
  it('finds articles typed without č, ć, š, ž, đ, counts a vote once, and is reached from the forgotten password page', async () => {
    const page = await newPage();
    await page.goto(`${portal.url}/password-reset`);
    await page.getByRole('link', { name: 'Pomoć: zaboravljena lozinka' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Zaboravljena lozinka');

    await search(page, 'zaboravljena lozinka');
    await expect.poll(() => page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await search(page, 'sifra');
    await expect.poll(() => page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    // "clanak" finds the article whose text says "članak"; "azuriranje" finds "Ažuriranje podataka".
    await search(page, 'clanak');
    await expect.poll(() => page.getByRole('link', { name: 'Zahtjevi i ovlasti: zašto sve ide kroz portal' }).count(), { timeout: 15_000 }).toBe(1);
    await search(page, 'azuriranje');
    await expect.poll(() => page.getByRole('link', { name: 'Ažuriranje podataka' }).count(), { timeout: 15_000 }).toBe(1);
    await search(page, 'lozinka');
    await page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Zaboravljena lozinka');
    expect(await page.getByRole('heading', { name: 'Slični članci' }).count()).toBe(1);

    const votes = page.locator('[data-votes]');
    await expect.poll(() => votes.textContent(), { timeout: 15_000 }).toContain('0 glas(ova) da je pomogao');
    await page.getByRole('button', { name: 'Da', exact: true }).click();
    await expect.poll(() => page.getByText('Hvala na odgovoru!').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => votes.textContent(), { timeout: 15_000 }).toContain('1 glas(ova) da je pomogao');

    // Coming back later (the address without the thank-you), the form is not offered again.
    const url = new URL(page.url());
    await page.goto(`${portal.url}${url.pathname}`);
    await expect.poll(() => page.getByText('Vaš glas za ovaj članak već je zabilježen.').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Da', exact: true }).count()).toBe(0);
    // The same browser posting again (a double click, a replayed form) changes nothing.
    const again = await page.request.post(`${portal.url}${url.pathname}/vote`, { form: { helpful: 'yes' }, headers: { origin: portal.url }, maxRedirects: 0 });
    expect(again.headers()['location']).toContain('voted=already');
    await page.goto(`${portal.url}${url.pathname}`);
    await expect.poll(() => votes.textContent(), { timeout: 15_000 }).toContain('1 glas(ova) da je pomogao · 0 da nije');

    await page.goto(`${portal.url}/help`);
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Help');
    await page.getByLabel('Search help').fill('passwords');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Forgotten password' }).count(), { timeout: 15_000 }).toBe(1);
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });
});
