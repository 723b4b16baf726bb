import { describe, expect, it } from 'vitest';
import { browserAvailable, browserPortal } from '../support/browser.js';

const { portal, newPage, problems } = browserPortal('api-docs');

/**
 * The API reference as a reader sees it in Chromium, under the app's own CSP: every operation, its parameters, the
 * schemas, examples and the ways to authenticate, and not one refused script or style.
 */
describe.skipIf(!browserAvailable)('API reference in Chromium', () => {
  it('renders the whole document under the CSP: operations, parameters, schemas, examples and auth', async () => {
    const page = await newPage({ locale: 'en-US' });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/iu.test(message.text())) refused.push(message.text());
    });
    const answer = await page.goto(`${portal().url}/api/v1/docs`);
    expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self'; .*style-src 'self'/u);
    const doc = (await (await fetch(`${portal().url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags: string[] }>> };
    // Each operation is shown under each of its tags.
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.values(item).reduce((m, op) => m + op.tags.length, 0), 0);
    await expect.poll(() => page.locator('.opblock').count()).toBe(operations);
    await expect.poll(() => page.locator('.info .title').textContent()).toContain('Client portal API');

    // Auth: the security schemes are offered.
    await page.getByRole('button', { name: /Authorize/u }).first().click();
    for (const scheme of ['bearer', 'staffBearer', 'session', 'staffSession']) await expect.poll(() => page.getByText(scheme, { exact: false }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // An operation opened: its parameters (with their descriptions) and an example of its answer.
    const listInvoices = page.locator('#operations-billing-listInvoices');
    await listInvoices.locator('.opblock-summary').click();
    await expect.poll(() => listInvoices.locator('.parameters').textContent()).toMatch(/accountId[\s\S]*after[\s\S]*limit[\s\S]*status/u);
    await expect.poll(() => listInvoices.locator('.responses-wrapper').textContent()).toContain('17/WEB1/1');
    await expect.poll(() => listInvoices.locator('.responses-wrapper').textContent()).toMatch(/422[\s\S]*429/u);

    // The schemas, one of them opened.
    const models = page.locator('section.models');
    await expect.poll(() => models.textContent()).toMatch(/Invoice[\s\S]*WebhookEndpoint/u);
    if (!(await models.locator('.models-control').getAttribute('aria-expanded'))?.includes('true')) await models.locator('.models-control').click().catch(() => undefined);
    await models.getByText('WebhookEndpoint', { exact: true }).first().click();
    await expect.poll(() => models.textContent()).toContain('HMAC-SHA256');

    await page.screenshot({ path: 'test-results/api-docs.png' });
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
  });
});
