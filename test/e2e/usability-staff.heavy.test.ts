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

for (const size of [DESKTOP, PHONE]) {
  const tag = size.width === DESKTOP.width ? 'desktop' : 'phone';
  describe.skipIf(!browserAvailable)(`the back office in Chromium, ${tag} (${size.width}×${size.height})`, () => {
    it('the order queue has number, client, OIB, items, total and age, linked to the client; the client view shows invoices, payments, contacts with their rights in words, and staff notes', async () => {
      const staff = await newPage({ viewport: size });
      await staffSignIn(staff, support);
      await expect.poll(() => h1(staff)).toBe('Pozadinski ured');
      await look(staff, 'staff-home');
      await staff.goto(`${portal().url}/staff/orders`);
      await expect.poll(() => h1(staff)).toBe('Narudžbe na čekanju');
      await look(staff, 'staff-orders');
      const heads = await staff.locator('main table thead th').allTextContents();
      if (heads.length) expect(heads).toEqual(['Broj', 'Klijent', 'OIB', 'Stavke', 'Ukupno s PDV-om', 'Čeka']);

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

      const staff = await newPage({ viewport: size, locale: 'hr-HR' });
      await staffSignIn(staff, admin);
      await staff.goto(`${portal().url}/staff/payments`);
      await staff.getByLabel('ID bankovne transakcije').fill(`UX-${tag}`);
      await staff.getByLabel('Iznos (€, npr. 84,88)').fill(amount);
      const today = new Date();
      const dd = String(today.getDate()).padStart(2, '0');
      const mm = String(today.getMonth() + 1).padStart(2, '0');
      // Typed as a person in Croatia types it: day, month, year, into the date picker's fields.
      await staff.getByLabel('Datum uplate').click();
      await staff.keyboard.type(`${dd}${mm}${today.getFullYear()}`);
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
      await owner.getByLabel('Naslov').fill(`Otkaz SSL-a (${tag})`);
      await owner.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('service.cancel');
      await expect.poll(() => owner.locator('#f-serviceId').count()).toBe(1);
      const ssl = (await owner.locator('#f-serviceId option').allTextContents()).find((o) => o.startsWith('SSL'))!;
      await owner.locator('#f-serviceId').selectOption({ label: ssl });
      await owner.getByLabel('Poruka').fill('Certifikat više ne trebamo.');
      await owner.getByRole('button', { name: 'Pošalji' }).click();
      await expect.poll(() => owner.getByText(/Zahtjev T-\d{4}-\d{6} je otvoren\./u).count()).toBe(1);
      await look(owner, 'ticket');

      const staff = await newPage({ viewport: size });
      await staffSignIn(staff, support);
      await staff.goto(`${portal().url}/staff/tickets`);
      await look(staff, 'staff-tickets');
      await staff.getByRole('link', { name: `Otkaz SSL-a (${tag})` }).click();
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
