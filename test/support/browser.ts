import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { DEMO } from '../../application/demo/seed-demo-data.js';
import { loadConfig } from '../../web/config.js';
import { startPortal, type RunningPortal } from '../../web/server.js';
import { createTestDatabase } from './database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Timeouts for a loaded 2-core machine: every wait in a browser test is on a condition, bounded by these. */
export const ACTION_TIMEOUT_MS = 30_000;
export const NAVIGATION_TIMEOUT_MS = 45_000;

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** In CI a missing browser is a failure; on a developer machine without it the browser tests are skipped. */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The two sizes every main page is checked and photographed at: a laptop and a phone. */
export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** axe-core from node_modules, put into the page by the test (the portal never serves it). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Checks the page a person now sees: no serious or critical accessibility violation (axe-core, evaluated through
 * the DevTools protocol, so the page's CSP stays as strict as ever), nothing wider than the viewport, and, given a
 * name, a screenshot into test-results/screenshots/<name>-<width>.png (CI keeps test-results/).
 */
export async function look(page: Page, name?: string): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction("document.readyState === 'complete' && !document.querySelector('.htmx-request')");
  if (!(await page.evaluate("'axe' in globalThis"))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`), `axe on ${page.url()}`).toEqual([]);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  expect(overflow, `${page.url()} is wider than the viewport`).toBeLessThanOrEqual(0);
  if (name) {
    mkdirSync(join('test-results', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join('test-results', 'screenshots', `${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage: true, caret: 'initial' });
  }
}

/** What a page shows, for a failing test to say where it stood: address, heading and any alert or notice. */
export async function describePage(page: Page): Promise<string> {
  if (page.isClosed()) return '(page closed)';
  const text = async (selector: string) =>
    (await page.locator(selector).allTextContents().catch(() => [] as string[])).map((t) => t.replace(/\s+/gu, ' ').trim()).filter(Boolean);
  const heading = (await text('h1'))[0] ?? '(no heading)';
  const alerts = await text('[role="alert"], .notice, .field-error, .error');
  return [`  url:     ${page.url()}`, `  heading: ${heading}`, ...alerts.slice(0, 5).map((a) => `  alert:   ${a.slice(0, 300)}`)].join('\n');
}

const screenshotName = (test: string, n: number) => `${test.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/gu, '').slice(0, 80)}-${n}.png`;

/**
 * The whole portal on a real server over a test database, with demo data, and Chromium. Pages made with `newPage`
 * inside a test are described (and photographed into test-results/) if the test fails; console errors and CSP
 * refusals are collected in `problems`.
 */
export function browserPortal(prefix: string) {
  const state: { portal: RunningPortal | null; browser: Browser | null; dataDir: string | null } = { portal: null, browser: null, dataDir: null };
  const problems: string[] = [];
  const usedSteps = new Map<string, number>();

  beforeAll(async () => {
    if (!browserAvailable) return;
    state.dataDir = mkdtempSync(join(tmpdir(), `portal-${prefix}-`));
    const databaseUrl = await createTestDatabase();
    // The port must be known before the portal starts (it is in APP_URL): a port found free can be taken again before
    // the portal listens (by any outgoing connection), and then another one is tried.
    for (let attempt = 1; !state.portal; attempt += 1) {
      const port = await freePort();
      const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', APP_URL: `http://127.0.0.1:${port}`, DATABASE_URL: databaseUrl, DATA_DIR: state.dataDir });
      try {
        state.portal = await startPortal(config, { log: () => undefined });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt >= 5) throw error;
      }
    }
    state.browser = await launchChromium();
  });

  afterAll(async () => {
    await state.browser?.close();
    await state.portal?.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  });

  const portal = (): RunningPortal => {
    if (!state.portal) throw new Error('the portal did not start');
    return state.portal;
  };

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    if (!state.browser) throw new Error('the browser did not start');
    const page = await state.browser.newPage({ locale: 'hr-HR', ...options });
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    onTestFailed(async ({ task }) => {
      mkdirSync('test-results', { recursive: true });
      const file = join('test-results', screenshotName(task.name, (task.meta as { pages?: number }).pages = ((task.meta as { pages?: number }).pages ?? 0) + 1));
      await page.screenshot({ path: file, fullPage: true, caret: 'initial' }).catch(() => undefined);
      console.error(`[browser] "${task.name}" failed; a page showed:\n${await describePage(page)}\n  screenshot: ${file}`);
    });
    return page;
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${portal().url}/sign-in`);
    await page.getByLabel('E-adresa').fill(email);
    await page.getByLabel('Lozinka').fill(password);
    await page.getByRole('button', { name: 'Prijavi se' }).click();
  }

  /**
   * A staff sign-in with the demo TOTP secret. A code is accepted once per staff member, and the server allows the
   * next step too: the code of the first step this member has not used, waiting for the clock only if that is
   * further ahead.
   */
  async function staffSignIn(page: Page, who: (typeof DEMO.staff)[number]): Promise<void> {
    const now = () => Math.floor(Date.now() / 30_000);
    const step = Math.max(now(), (usedSteps.get(who.email) ?? -1) + 1);
    while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, 250));
    usedSteps.set(who.email, step);
    await page.goto(`${portal().url}/staff/sign-in`);
    await page.getByLabel('E-adresa').fill(who.email);
    await page.getByLabel('Lozinka').fill(who.password);
    await page.getByLabel('Jednokratni kod (6 znamenki)').fill(OsloTotp.codeAt(DEMO.totpSecret, new Date(step * 30_000)));
    await page.getByRole('button', { name: 'Prijavi se' }).click();
    // Signed in once the back office answers: a step that navigated away sooner would cut the sign-in short.
    await page.waitForURL((url) => url.pathname !== '/staff/sign-in');
  }

  /**
   * Reads mail the way a person would, in the catcher's inbox: waits for a mail whose subject matches, opens the
   * newest, and returns its first link containing `href`.
   */
  async function mailLink(inbox: Page, subject: RegExp, href: string): Promise<string> {
    await expect
      .poll(async () => {
        await inbox.goto(`${portal().url}/dev/mail`);
        return inbox.getByRole('link', { name: subject }).count();
      })
      .toBeGreaterThan(0);
    await inbox.getByRole('link', { name: subject }).first().click();
    const link = await inbox.locator(`pre a[href*="${href}"]`).first().getAttribute('href');
    if (!link) throw new Error(`the mail "${subject.source}" has no link to ${href}`);
    return link;
  }

  return { portal, newPage, signIn, staffSignIn, mailLink, problems };
}
