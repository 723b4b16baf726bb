import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, browserPortal } from '../support/browser.js';

const { portal, newPage, problems } = browserPortal('help-browser');

async function search(page: Page, query: string): Promise<void> {
  await page.goto(`${portal().url}/help`);
  await page.getByLabel('Pretraži pomoć').fill(query);
  await page.getByRole('button', { name: 'Traži' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(`Rezultati za „${query}”`);
}

describe.skipIf(!browserAvailable)('help centre in Chromium', () => {
  it('finds articles typed without č, ć, š, ž, đ, counts a vote once, and is reached from the forgotten password page', async () => {
    const page = await newPage();
    await page.goto(`${portal().url}/password-reset`);
    await page.getByRole('link', { name: 'Pomoć: zaboravljena lozinka' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zaboravljena lozinka');

    await search(page, 'zaboravljena lozinka');
    await expect.poll(() => page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).count()).toBe(1);
    await search(page, 'sifra');
    await expect.poll(() => page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).count()).toBe(1);
    // "clanak" finds the article whose text says "članak"; "azuriranje" finds "Ažuriranje podataka".
    await search(page, 'clanak');
    await expect.poll(() => page.getByRole('link', { name: 'Zahtjevi i ovlasti: zašto sve ide kroz portal' }).count()).toBe(1);
    await search(page, 'azuriranje');
    await expect.poll(() => page.getByRole('link', { name: 'Ažuriranje podataka' }).count()).toBe(1);
    await search(page, 'lozinka');
    await page.getByRole('link', { name: 'Zaboravljena lozinka', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zaboravljena lozinka');
    expect(await page.getByRole('heading', { name: 'Slični članci' }).count()).toBe(1);

    const votes = page.locator('[data-votes]');
    await expect.poll(() => votes.textContent()).toContain('0 glas(ova) da je pomogao');
    await page.getByRole('button', { name: 'Da', exact: true }).click();
    await expect.poll(() => page.getByText('Hvala na odgovoru!').count()).toBe(1);
    await expect.poll(() => votes.textContent()).toContain('1 glas(ova) da je pomogao');

    // Coming back later (the address without the thank-you), the form is not offered again.
    const url = new URL(page.url());
    await page.goto(`${portal().url}${url.pathname}`);
    await expect.poll(() => page.getByText('Vaš glas za ovaj članak već je zabilježen.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Da', exact: true }).count()).toBe(0);
    // The same browser posting again (a double click, a replayed form) changes nothing.
    const again = await page.request.post(`${portal().url}${url.pathname}/vote`, { form: { helpful: 'yes' }, headers: { origin: portal().url }, maxRedirects: 0 });
    expect(again.headers()['location']).toContain('voted=already');
    await page.goto(`${portal().url}${url.pathname}`);
    await expect.poll(() => votes.textContent()).toContain('1 glas(ova) da je pomogao · 0 da nije');

    await page.goto(`${portal().url}/help`);
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Help');
    await page.getByLabel('Search help').fill('passwords');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Forgotten password' }).count()).toBe(1);
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });
});
