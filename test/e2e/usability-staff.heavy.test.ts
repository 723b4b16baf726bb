import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../application/demo/seed-demo-data.js';
import { browserAvailable, browserPortal, DESKTOP, look, PHONE } from '../support/browser.js';

const { portal, newPage, signIn, staffSignIn, problems } = browserPortal('usability-staff');

const h1 = (page: Page) => page.locator('h1').first().textContent();
const admin = DEMO.staff[0];
const support = DEMO.staff.find((s) => s.roles.includes('support'))!;

/**
 * One signed-in back-office page per staff member and size, kept for the file's tests as an agent keeps a tab open:
 * a TOTP code is accepted once, so signing the same member in for every test would wait for the clock.
 */
const staffPages = new Map<string, Page>();
async function staffPage(size: { width: number; height: number }, who: (typeof DEMO.staff)[number]): Promise<Page> {
  const key = `${size.width}:${who.email}`;
  const open = staffPages.get(key);
  if (open) return open;
  const page = await newPage({ viewport: size });
  await staffSignIn(page, who);
  staffPages.set(key, page);
  return page;
}

for (const size of [DESKTOP, PHONE]) {
  const tag = size.width === DESKTOP.width ? 'desktop' : 'phone';
  describe.skipIf(!browserAvailable)(`the back office in Chromium, ${tag} (${size.width}×${size.height})`, () => {
    it('the order queue has number, client, OIB, items, total and age, linked to the client; the client view shows invoices, payments, contacts with their rights in words, and staff notes', async () => {
      // A signed-in client's order waits in the queue, with the quote the next test pays.
      const owner = await newPage({ viewport: size });
      await signIn(owner, DEMO.owner.email, DEMO.owner.password);
      await expect.poll(() => h1(owner)).toBe(DEMO.account.name);
      const accountId = /account=([0-9a-f-]{36})/u.exec((await owner.locator('nav.menu a[href^="/dashboard?account="]').first().getAttribute('href'))!)![1]!;
      const placed = await owner.request.post(`${portal().url}/api/v1/accounts/${accountId}/orders`, { headers: { origin: portal().url }, data: { items: [{ productCode: 'DOM-HR', domainName: `red-${tag}.hr` }] } });
      expect(placed.status()).toBe(201);

      const staff = await staffPage(size, support);
      await expect.poll(() => h1(staff)).toBe('Pozadinski ured');
      await look(staff, 'staff-home');
      await staff.goto(`${portal().url}/staff/orders`);
      await expect.poll(() => h1(staff)).toBe('Narudžbe na čekanju');
      await look(staff, 'staff-orders');
      expect(await staff.locator('main table thead th').allTextContents()).toEqual(['Broj', 'Klijent', 'OIB', 'Stavke', 'Ukupno s PDV-om', 'Čeka']);
      expect(await staff.locator('main table tbody').textContent()).toContain(`red-${tag}.hr`);

      await staff.getByRole('search', { name: 'Traženje klijenta' }).getByRole('searchbox').fill(DEMO.account.oib);
      await staff.getByRole('search', { name: 'Traženje klijenta' }).getByRole('button', { name: 'Traži' }).click();
      await staff.getByRole('link', { name: DEMO.account.name }).first().click();
      await expect.poll(() => h1(staff)).toBe(DEMO.account.name);
      const contacts = (await staff.locator('#contacts').textContent())!;
      expect(contacts).toContain(DEMO.contact.email);
      expect(contacts).toMatch(/Ponude, Računi|Računi, Ponude/u);
      expect(contacts).not.toContain('invoices');
      await staff.getByLabel('Nova bilješka').fill(`Zvala računovodstvo (${tag}).`);
      await staff.getByRole('button', { name: 'Dodaj bilješku' }).click();
      await expect.poll(() => staff.getByText('Bilješka je dodana.').count()).toBe(1);
      expect(await staff.locator('#notes').textContent()).toContain(`Zvala računovodstvo (${tag}).`);
      expect(await staff.locator('main').textContent()).toContain(`Dodana bilješka osoblja`);
      await look(staff, 'staff-client');
      expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
    });

    it('payments take the date as dd.mm.yyyy.; the client is found by invoice number and reference from the search on every staff page; the owner downloads the year\'s invoices as one ZIP', async () => {
      const owner = await newPage({ viewport: size, acceptDownloads: true });
      await signIn(owner, DEMO.owner.email, DEMO.owner.password);
      await expect.poll(() => h1(owner)).toBe(DEMO.account.name);
      const accountId = /account=([0-9a-f-]{36})/u.exec((await owner.locator('nav.menu a[href^="/dashboard?account="]').first().getAttribute('href'))!)![1]!;
      await owner.goto(`${portal().url}/accounts/${accountId}/quotes?status=open`);
      const row = owner.locator('tr[data-quote]').first();
      const reference = (await row.getAttribute('data-reference'))!;
      const amount = (await row.getAttribute('data-amount'))!.replace(' €', '');

      const staff = await staffPage(size, admin);
      await staff.goto(`${portal().url}/staff/payments`);
      await staff.getByLabel('ID bankovne transakcije').fill(`UX-${tag}`);
      await staff.getByLabel('Iznos (€, npr. 84,88)').fill(amount);
      const today = new Date();
      const dd = String(today.getDate()).padStart(2, '0');
      const mm = String(today.getMonth() + 1).padStart(2, '0');
      // The date picker: its fields follow the browser's own language (dd.mm.yyyy. in a Croatian Chromium), so the
      // test sets the day through it; a day typed as text (dd.mm.yyyy.) is read at the edge (usability-http.test.ts).
      await staff.getByLabel('Datum uplate').fill(`${today.getFullYear()}-${mm}-${dd}`);
      expect(await staff.getByLabel('Datum uplate').inputValue()).toBe(`${today.getFullYear()}-${mm}-${dd}`);
      await staff.getByLabel('Poziv na broj (npr. HR00 1-2026-1)').fill(`HR00 ${reference}`);
      await staff.getByRole('button', { name: 'Evidentiraj uplatu' }).click();
      await expect.poll(() => staff.getByText(/Povezana s računom .*: plaćen/u).count()).toBe(1);
      await look(staff, 'staff-payments');
      const invoiceNumber = /računom (\d+\/WEB1\/1)/u.exec((await staff.locator('.notice').first().textContent())!)![1]!;

      for (const [from, q] of [['/staff/audit', invoiceNumber], ['/staff/tickets', `HR00 ${reference}`]] as const) {
        await staff.goto(`${portal().url}${from}`);
        await look(staff);
        await staff.getByRole('search', { name: 'Traženje klijenta' }).getByRole('searchbox').fill(q);
        await staff.getByRole('search', { name: 'Traženje klijenta' }).getByRole('button', { name: 'Traži' }).click();
        await expect.poll(() => staff.locator(`tr[data-client]`).count()).toBe(1);
      }
      await staff.getByRole('link', { name: DEMO.account.name }).first().click();
      await expect.poll(() => staff.locator(`#invoices tr[data-invoice="${invoiceNumber}"]`).count()).toBe(1);
      expect(await staff.locator(`#payments tr[data-payment="UX-${tag}"]`).count()).toBe(1);

      await owner.goto(`${portal().url}/accounts/${accountId}/invoices`);
      await look(owner, 'invoices-with-archive');
      const year = new Date().getUTCFullYear();
      const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: `Svi računi ${year}. (ZIP)` }).click()]);
      expect(download.suggestedFilename()).toBe(`racuni-${year}.zip`);
      const files = Object.keys(unzipSync(new Uint8Array(readFileSync(await download.path()))));
      expect(files).toContain(`racun-${invoiceNumber.replace(/\//gu, '-')}.pdf`);
      expect(files).toContain(`racun-${invoiceNumber.replace(/\//gu, '-')}.xml`);
    });

    it('carrying out a cancellation asks first, naming the request and the service', async () => {
      const owner = await newPage({ viewport: size });
      await signIn(owner, DEMO.owner.email, DEMO.owner.password);
      await expect.poll(() => h1(owner)).toBe(DEMO.account.name);
      const accountId = /account=([0-9a-f-]{36})/u.exec((await owner.locator('nav.menu a[href^="/dashboard?account="]').first().getAttribute('href'))!)![1]!;
      await owner.goto(`${portal().url}/accounts/${accountId}/tickets/new`);
      await owner.getByLabel('Naslov', { exact: true }).fill(`Otkaz usluge (${tag})`);
      await owner.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('service.cancel');
      await expect.poll(() => owner.locator('#f-serviceId').count()).toBe(1);
      // Each size cancels a service of its own (the desktop run's is gone by the phone's turn).
      const service = (await owner.locator('#f-serviceId option').allTextContents()).find((o) => o.startsWith(tag === 'desktop' ? 'SSL' : 'Web hosting'))!;
      await owner.locator('#f-serviceId').selectOption({ label: service });
      await owner.getByLabel('Poruka').fill('Ovu uslugu više ne trebamo.');
      await owner.getByRole('button', { name: 'Pošalji' }).click();
      await expect.poll(() => owner.getByText(/Zahtjev T-\d{4}-\d{6} je otvoren\./u).count()).toBe(1);
      await look(owner, 'ticket');

      const staff = await staffPage(size, support);
      await staff.goto(`${portal().url}/staff/tickets`);
      await look(staff, 'staff-tickets');
      await staff.getByRole('link', { name: `Otkaz usluge (${tag})` }).click();
      await staff.getByRole('link', { name: 'Izvrši zahtjev' }).click();
      const dialog = staff.getByRole('alertdialog');
      await expect.poll(() => dialog.textContent()).toContain('Izvršiti zahtjev „Otkaz usluge”');
      expect(await dialog.textContent()).toContain('ne može poništiti');
      await look(staff, 'staff-confirm-carry-out');
      await staff.getByRole('button', { name: 'Da, izvrši' }).click();
      await expect.poll(() => staff.getByText('Zahtjev je izvršen.').count()).toBe(1);
      expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
    });
  });
}
