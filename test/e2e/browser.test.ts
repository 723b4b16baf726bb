import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../application/demo/seed-demo-data.js';
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
  dataDir = mkdtempSync(join(tmpdir(), 'portal-browser-'));
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

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${portal.url}/sign-in`);
  await page.getByLabel('E-adresa').fill(email);
  await page.getByLabel('Lozinka').fill(password);
  await page.getByRole('button', { name: 'Prijavi se' }).click();
}

describe.skipIf(!browserAvailable)('in Chromium', () => {
  it('signs in, signs out, and resets a forgotten password from the mail', async () => {
    const page = await newPage();
    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(DEMO.account.name);
    expect(await page.evaluate(() => typeof (globalThis as { htmx?: unknown }).htmx)).toBe('object');

    await page.getByRole('button', { name: 'Odjava' }).click();
    await expect.poll(() => page.getByText('Odjavljeni ste.').count(), { timeout: 15_000 }).toBe(1);
    await page.goto(`${portal.url}/dashboard`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Prijava na portal');

    await page.getByRole('link', { name: 'Zaboravili ste lozinku?' }).click();
    await page.getByLabel('E-adresa').fill(DEMO.owner.email);
    await page.getByRole('button', { name: 'Pošalji poveznicu' }).click();
    await expect.poll(() => page.getByText('Ako je ta adresa upisana kod nas').count(), { timeout: 15_000 }).toBe(1);

    // Read the mail the way a person would: in the mail catcher's inbox.
    const inbox = await newPage();
    await expect
      .poll(
        async () => {
          await inbox.goto(`${portal.url}/dev/mail`);
          return inbox.getByRole('link', { name: /nova lozinka/u }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await inbox.getByRole('link', { name: /nova lozinka/u }).first().click();
    const link = await inbox.locator('pre a[href*="/password-reset/"]').first().getAttribute('href');
    expect(link).toMatch(/\/password-reset\/[a-z2-7]{32}$/u);

    await page.goto(link!);
    await page.getByLabel('Nova lozinka', { exact: true }).fill('nova duga lozinka za portal');
    await page.getByLabel('Ponovite novu lozinku').fill('nova duga lozinka za portal');
    await page.getByRole('button', { name: 'Spremi lozinku' }).click();
    await expect.poll(() => page.getByText('Lozinka je promijenjena.').count(), { timeout: 15_000 }).toBe(1);

    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await expect.poll(() => page.getByText('E-adresa ili lozinka nisu ispravni.').count(), { timeout: 15_000 }).toBe(1);
    await signIn(page, DEMO.owner.email, 'nova duga lozinka za portal');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(DEMO.account.name);

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'session');
    expect([session?.httpOnly, session?.sameSite]).toEqual([true, 'Lax']);
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('switches the language to English and back', async () => {
    const page = await newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Sign in to the portal');
    await page.getByRole('button', { name: 'HR', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Prijava na portal');
  });
});
