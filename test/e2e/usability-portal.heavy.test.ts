import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { DEMO } from '../../application/demo/seed-demo-data.js';
import { uniqueOib } from '../support/builders.js';
import { browserAvailable, browserPortal, DESKTOP, look, PHONE } from '../support/browser.js';

const { portal, newPage, signIn, mailLink, problems } = browserPortal('usability');

const h1 = (page: Page) => page.locator('h1').first().textContent();
const noCspRefusals = () => expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);

/** What each size's journey made, for the steps after it. */
const made: Record<number, { email: string; password: string; accountId: string; codes: string[] }> = {};

/** Fills the public order form for a company; `oib` decides whether it is new or already a client. */
async function fillOrder(page: Page, over: { oib: string; email: string; domain: string }) {
  await page.locator('#f-product0').selectOption('HOST-START');
  await page.locator('#f-domain0').fill(over.domain);
  await page.locator('#f-entityType').selectOption('doo');
  await page.getByLabel('Naziv (tvrtka, udruga, obrt) ili ime i prezime').fill('Prozor d.o.o.');
  await page.getByLabel('OIB').fill(over.oib);
  await page.getByLabel('E-adresa').fill(over.email);
  await page.getByLabel('Telefon').fill('+385 1 555 0101');
  await page.getByLabel('Ulica i broj').fill('Savska 12');
  await page.getByLabel('Poštanski broj').fill('10000');
  await page.getByLabel('Mjesto').fill('Zagreb');
  await page.getByLabel('Prihvaćam uvjete').check();
}

for (const size of [DESKTOP, PHONE]) {
  const tag = size.width === DESKTOP.width ? 'desktop' : 'phone';
  describe.skipIf(!browserAvailable)(`the portal in Chromium, ${tag} (${size.width}×${size.height})`, () => {
    it('the order form shows every error at once, linked from a summary; the thank-you page has the number, the total with VAT and how to pay, and reloads; a known OIB gets the same page', async () => {
      const page = await newPage({ viewport: size });
      await page.goto(`${portal().url}/order`);
      await look(page, 'order');
      await page.locator('#f-product0').selectOption('DOM-HR');
      await page.locator('#f-domain0').fill('nije-domena');
      await page.getByLabel('OIB').fill('12345678901');
      await page.getByRole('button', { name: 'Pošalji narudžbu' }).click();
      await expect.poll(() => page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(8);
      expect(new URL(page.url()).pathname).toBe('/order');
      await look(page, 'order-errors');
      await page.locator('.error-summary a[href="#f-city"]').click();
      await expect.poll(() => page.evaluate('location.hash')).toBe('#f-city');

      await page.goto(`${portal().url}/order`);
      const email = `prozor-${tag}@example.hr`;
      await fillOrder(page, { oib: uniqueOib(), email, domain: `prozor-${tag}.hr` });
      await page.getByRole('button', { name: 'Pošalji narudžbu' }).click();
      await expect.poll(() => h1(page)).toBe('Hvala na narudžbi!');
      const number = await page.locator('[data-order]').getAttribute('data-order');
      expect(number).toMatch(/^N-\d{4}-\d{6}$/u);
      expect(await page.locator('[data-total]').textContent()).toBe('60,00 €');
      expect(await page.locator('main').textContent()).toContain('Kako platiti');
      await look(page, 'order-thanks');
      await page.reload();
      await expect.poll(() => page.locator('[data-order]').getAttribute('data-order')).toBe(number);
      const newcomerText = (await page.locator('main').textContent())!.replace(/N-\d{4}-\d{6}/gu, 'N');

      const known = await newPage({ viewport: size });
      await known.goto(`${portal().url}/order`);
      await fillOrder(known, { oib: DEMO.account.oib, email: `netko-${tag}@example.hr`, domain: `prozor-drugi-${tag}.hr` });
      await known.getByRole('button', { name: 'Pošalji narudžbu' }).click();
      await expect.poll(() => h1(known)).toBe('Hvala na narudžbi!');
      expect((await known.locator('main').textContent())!.replace(/N-\d{4}-\d{6}/gu, 'N')).toBe(newcomerText);
      expect(newcomerText).toContain('Već imate korisnički račun?');
      made[size.width] = { email, password: '', accountId: '', codes: [] };
      noCspRefusals();
    });

    it('the first password from the welcome mail signs the newcomer in; the dashboard says how to pay the quote', async () => {
      const { email } = made[size.width]!;
      const inbox = await newPage({ viewport: size });
      const link = await mailLink(inbox, new RegExp(`pristup portalu`, 'u'), '/password-reset/');
      const page = await newPage({ viewport: size });
      await page.goto(link);
      await look(page);
      const password = `prozor je otvoren ${tag}`;
      await page.getByLabel('Nova lozinka', { exact: true }).fill(password);
      await page.getByLabel('Ponovite novu lozinku').fill(password);
      await page.getByRole('button', { name: 'Spremi lozinku' }).click();
      await expect.poll(() => h1(page)).toBe('Prozor d.o.o.');
      expect(await page.getByText('Lozinka je postavljena i prijavljeni ste.').count()).toBe(1);
      await expect.poll(() => page.locator('[data-next-step]').count()).toBe(1);
      expect(await page.locator('[data-next-step]').textContent()).toContain('HR00 1-');
      // Nothing to show yet in empty service boxes.
      expect(await page.locator('main').textContent()).not.toContain('Nema usluga.');
      await look(page, 'dashboard-new-client');
      const accountId = /account=([0-9a-f-]{36})/u.exec((await page.locator('nav.menu a[href^="/dashboard?account="]').first().getAttribute('href'))!)![1]!;
      made[size.width] = { email, password, accountId, codes: [] };
      expect(inbox.isClosed()).toBe(false);
      noCspRefusals();
    });

    it('account security: change the password, two-factor with ten recovery codes shown once, a second sign-in step, a recovery code works once', async () => {
      const who = made[size.width]!;
      const page = await newPage({ viewport: size });
      await signIn(page, who.email, who.password);
      await expect.poll(() => h1(page)).toBe('Prozor d.o.o.');
      if (size.width === PHONE.width) await page.getByText('Izbornik', { exact: true }).click();
      await page.getByRole('link', { name: 'Sigurnost' }).click();
      await expect.poll(() => h1(page)).toBe('Sigurnost prijave');
      await look(page, 'security');
      await page.getByLabel('Trenutna lozinka').first().fill('nije ta');
      await page.getByLabel('Nova lozinka', { exact: true }).fill('kratka');
      await page.getByLabel('Ponovite novu lozinku').fill('drukčija');
      await page.getByRole('button', { name: 'Promijeni lozinku' }).click();
      await expect.poll(() => page.locator('.error-summary li').count()).toBe(2);
      await look(page);
      const next = `${who.password} nova`;
      await page.getByLabel('Trenutna lozinka').first().fill(who.password);
      await page.getByLabel('Nova lozinka', { exact: true }).fill(next);
      await page.getByLabel('Ponovite novu lozinku').fill(next);
      await page.getByRole('button', { name: 'Promijeni lozinku' }).click();
      await expect.poll(() => page.getByText('Lozinka je promijenjena. Ostale prijave su odjavljene.').count()).toBe(1);
      who.password = next;

      await page.getByRole('button', { name: 'Uključi dvofaktorsku prijavu' }).click();
      const secret = (await page.locator('[data-totp-secret]').textContent())!;
      await look(page);
      await page.getByLabel('Kod iz aplikacije').fill(OsloTotp.codeAt(secret, new Date()));
      await page.getByRole('button', { name: 'Potvrdi i uključi' }).click();
      await expect.poll(() => page.locator('[data-recovery-codes] li').count()).toBe(10);
      const codes = await page.locator('[data-recovery-codes] code').allTextContents();
      who.codes = codes.slice(1);
      await look(page, 'recovery-codes');
      expect(new URL(page.url()).pathname).toBe('/security');
      await page.reload();
      await expect.poll(() => page.locator('[data-two-factor]').getAttribute('data-two-factor')).toBe('on');
      expect(await page.locator('[data-recovery-codes]').count()).toBe(0);

      const other = await newPage({ viewport: size });
      await signIn(other, who.email, who.password);
      await expect.poll(() => h1(other)).toBe('Drugi korak prijave');
      await look(other, 'sign-in-second-step');
      await other.getByLabel('Kod iz aplikacije ili rezervni kod').fill(codes[0]!);
      await other.getByRole('button', { name: 'Potvrdi' }).click();
      await expect.poll(() => h1(other)).toBe('Prozor d.o.o.');
      const again = await newPage({ viewport: size });
      await signIn(again, who.email, who.password);
      await expect.poll(() => h1(again)).toBe('Drugi korak prijave');
      await again.getByLabel('Kod iz aplikacije ili rezervni kod').fill(codes[0]!);
      await again.getByRole('button', { name: 'Potvrdi' }).click();
      await expect.poll(() => again.getByText('Kod nije ispravan ili je već iskorišten.').count()).toBeGreaterThan(0);
      noCspRefusals();
    });

    it('a deep link comes back after signing in; 403 and 404 say what happened and what to do; one navigation marks the page, folded behind a menu on a phone', async () => {
      const page = await newPage({ viewport: size });
      await page.goto(`${portal().url}/sessions`);
      await expect.poll(() => h1(page)).toBe('Prijava na portal');
      expect(await page.getByText('nakon prijave vraćamo vas na traženu stranicu').count()).toBe(1);
      await page.getByLabel('E-adresa').fill(DEMO.contact.email);
      await page.getByLabel('Lozinka').fill(DEMO.contact.password);
      await page.getByRole('button', { name: 'Prijavi se' }).click();
      await expect.poll(() => h1(page)).toBe('Vaše prijave');
      await look(page, 'sessions');

      await page.goto(`${portal().url}/dashboard`);
      await expect.poll(() => h1(page)).toBe(DEMO.account.name);
      // The accountant: quotes and invoices, no empty service boxes.
      expect(await page.locator('[data-box="quotes"]').count()).toBe(1);
      expect(await page.locator('[data-box="invoices"]').count()).toBe(1);
      expect(await page.locator('[data-box="renewals"]').count()).toBe(0);
      await look(page, 'dashboard-accountant');
      const menu = page.getByRole('navigation', { name: 'Glavni izbornik' });
      if (size.width === PHONE.width) {
        expect(await menu.isVisible()).toBe(false);
        await page.getByText('Izbornik', { exact: true }).click();
        await expect.poll(() => menu.isVisible()).toBe(true);
      }
      await menu.getByRole('link', { name: 'Računi' }).click();
      await expect.poll(() => h1(page)).toBe('Računi');
      // Folded on a phone after the step, so looked up by its markup rather than as a visible landmark.
      const nav = page.locator('nav[aria-label="Glavni izbornik"]');
      expect(await nav.locator('a[aria-current="page"]').textContent()).toBe('Računi');
      expect(await nav.getByRole('link', { name: 'Usluge', includeHidden: true }).count()).toBe(0);
      const accountId = /\/accounts\/([0-9a-f-]{36})\//u.exec(page.url())![1]!;

      await page.goto(`${portal().url}/accounts/${accountId}/services`);
      await expect.poll(() => h1(page)).toBe('Nemate pristup ovoj stranici');
      expect(await page.locator('main').textContent()).toContain('obratite se vlasniku korisničkog računa');
      await look(page, 'forbidden');
      await page.goto(`${portal().url}/accounts/${accountId}/invoices/${crypto.randomUUID()}`);
      await expect.poll(() => h1(page)).toBe('Stranica nije pronađena');
      await look(page, 'not-found');
      noCspRefusals();
    });

    it('destructive steps ask first, naming the thing: removing a contact, revoking an API key, ending a session', async () => {
      const who = made[size.width]!;
      const page = await newPage({ viewport: size });
      await signInWithRecoveryCode(page, who);
      await page.goto(`${portal().url}/accounts/${who.accountId}/contacts/new`);
      await page.getByLabel('Ime i prezime').fill('Ana Brisanić');
      await page.getByLabel('E-adresa').fill(`brisanje-${tag}@example.hr`);
      await page.getByLabel('Pozovi na portal').uncheck();
      await page.getByRole('button', { name: 'Dodaj', exact: true }).click();
      await expect.poll(() => page.getByText('Promjene su spremljene.').count()).toBe(1);
      await page.getByRole('link', { name: 'Ukloni kontakt' }).click();
      await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain(`Ukloniti kontakt Ana Brisanić (brisanje-${tag}@example.hr)?`);
      await look(page, 'confirm-remove-contact');
      await page.getByRole('alertdialog').getByRole('link', { name: 'Odustani' }).click();
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
      await page.getByRole('link', { name: 'Ukloni kontakt' }).click();
      await page.getByRole('button', { name: 'Da, ukloni kontakt' }).click();
      await expect.poll(() => page.getByText('Kontakt je uklonjen.').count()).toBe(1);

      await page.goto(`${portal().url}/accounts/${who.accountId}/tokens`);
      await page.getByLabel('Naziv (npr. knjigovodstveni program)').fill('Knjigovodstvo');
      await page.getByLabel('Računi', { exact: true }).check();
      await page.getByRole('button', { name: 'Izradi ključ' }).click();
      await expect.poll(() => page.locator('code.secret').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe(`/accounts/${who.accountId}/tokens`);
      await look(page, 'api-keys');
      await page.getByRole('link', { name: 'Opozovi ključ „Knjigovodstvo”' }).click();
      await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain('Opozvati API ključ „Knjigovodstvo”?');
      await page.getByRole('button', { name: 'Da, opozovi ključ' }).click();
      await expect.poll(() => page.locator('tr[data-token] .badge').textContent()).toBe('opozvan');

      const second = await newPage({ viewport: size });
      await signInWithRecoveryCode(second, who);
      await page.goto(`${portal().url}/sessions`);
      await page.getByRole('link', { name: /^Odjavi prijavu s adrese/u }).first().click();
      await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain('Odjaviti prijavu s adrese');
      await look(page, 'confirm-end-session');
      await page.getByRole('button', { name: 'Da, odjavi' }).click();
      await expect.poll(() => page.getByText('Prijava je odjavljena.').count()).toBe(1);
      noCspRefusals();
    });

    it('the typed request shows only the fields of its kind, with JavaScript (htmx) and without', async () => {
      const page = await newPage({ viewport: size });
      await signIn(page, DEMO.owner.email, DEMO.owner.password);
      await expect.poll(() => h1(page)).toBe(DEMO.account.name);
      const accountId = /account=([0-9a-f-]{36})/u.exec((await page.locator('nav.menu a[href^="/dashboard?account="]').first().getAttribute('href'))!)![1]!;
      await page.goto(`${portal().url}/accounts/${accountId}/tickets/new`);
      await page.getByLabel('Naslov', { exact: true }).fill('Nova adresa');
      expect(await page.locator('[name="profile.street"]').count()).toBe(0);
      await page.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('profile.change');
      await expect.poll(() => page.locator('[name="profile.street"]').count()).toBe(1);
      expect(await page.getByLabel('Naslov', { exact: true }).inputValue()).toBe('Nova adresa');
      expect(await page.locator('[name="nameservers"]').count()).toBe(0);
      await page.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('domain.nameservers');
      await expect.poll(() => page.locator('[name="nameservers"]').count()).toBe(1);
      expect(await page.locator('[name="profile.street"]').count()).toBe(0);
      await look(page, 'ticket-new');

      const plain = await newPage({ viewport: size, javaScriptEnabled: false });
      await signIn(plain, DEMO.owner.email, DEMO.owner.password);
      await plain.goto(`${portal().url}/accounts/${accountId}/tickets/new`);
      await plain.getByLabel('Naslov', { exact: true }).fill('Bez skripte');
      await plain.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('profile.change');
      await plain.getByRole('button', { name: 'Prikaži polja za ovu vrstu' }).click();
      await expect.poll(() => plain.locator('[name="profile.street"]').count()).toBe(1);
      expect(await plain.getByLabel('Naslov', { exact: true }).inputValue()).toBe('Bez skripte');
      noCspRefusals();
    });

    it('access data and nameserver errors stay on reloadable addresses; lists have headers, sorting, search and paging; a year of invoices downloads as one ZIP; the audit log and English pages speak in words', async () => {
      const page = await newPage({ viewport: size, acceptDownloads: true });
      await signIn(page, DEMO.owner.email, DEMO.owner.password);
      await expect.poll(() => h1(page)).toBe(DEMO.account.name);
      await look(page, 'dashboard-owner');
      const menu = page.getByRole('navigation', { name: 'Glavni izbornik' });
      if (size.width === PHONE.width) await page.getByText('Izbornik', { exact: true }).click();
      await menu.getByRole('link', { name: 'Usluge' }).click();
      await expect.poll(() => h1(page)).toBe('Usluge');
      await look(page, 'services');
      await page.getByRole('link', { name: 'Web hosting Business' }).click();
      await page.getByRole('button', { name: 'Prikaži pristupne podatke' }).click();
      await expect.poll(() => page.locator('dl.credentials').count()).toBe(1);
      expect(page.url()).toMatch(/\/credentials$/u);
      await look(page, 'access-data');
      await page.reload();
      await expect.poll(() => page.locator('dl.credentials').count()).toBe(1);

      if (size.width === PHONE.width) await page.getByText('Izbornik', { exact: true }).click();
      await menu.getByRole('link', { name: 'Domene' }).click();
      await page.locator('main table a').first().click();
      await page.getByLabel('Poslužitelji imena (razmak ili zarez između njih)').fill('samo-jedan');
      await page.getByRole('button', { name: 'Spremi poslužitelje imena' }).click();
      await expect.poll(() => page.locator('.field-error').count()).toBe(1);
      await look(page);
      await page.reload();
      await expect.poll(() => h1(page)).toMatch(/\./u);

      const accountId = /\/accounts\/([0-9a-f-]{36})\//u.exec(page.url())![1]!;
      await page.goto(`${portal().url}/accounts/${accountId}/quotes`);
      expect(await page.locator('main table thead th').count()).toBeGreaterThanOrEqual(6);
      await look(page, 'quotes');
      await page.goto(`${portal().url}/accounts/${accountId}/invoices`);
      await look(page, 'invoices');
      await page.getByLabel('Traži račun po broju').fill('999/WEB1/9');
      await page.getByRole('button', { name: 'Traži', exact: true }).click();
      await expect.poll(() => page.getByText('Ništa ne odgovara traženju').count()).toBe(1);
      await page.goto(`${portal().url}/accounts/${accountId}/emails`);
      await page.getByRole('link', { name: 'Poslano' }).click();
      await expect.poll(() => page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
      await look(page, 'emails');

      await page.goto(`${portal().url}/accounts/${accountId}/audit`);
      const audit = (await page.locator('main table').textContent())!;
      expect(audit).toContain('Prikazani pristupni podaci');
      expect(audit).toContain(`${DEMO.owner.name} (vlasnik)`);
      expect(audit).not.toContain('service.credentials_revealed');
      await look(page, 'audit');

      await page.getByRole('button', { name: 'EN (English)', exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await page.goto(`${portal().url}/accounts/${accountId}/orders`);
      const orders = (await page.locator('main').textContent())!;
      expect(orders).toContain('.hr domain');
      expect(orders).toContain('12 months');
      expect(orders).not.toContain('Domena .hr');
      await look(page, 'orders-en');
      await page.getByRole('button', { name: 'HR (hrvatski)', exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hr');
      noCspRefusals();
    });
  });
}

/** Signs in a person who has two-factor on: the second step with one of the recovery codes (each works once). */
async function signInWithRecoveryCode(page: Page, who: { email: string; password: string; codes: string[] }) {
  await page.goto(`${portal().url}/sign-in`);
  await page.getByLabel('E-adresa').fill(who.email);
  await page.getByLabel('Lozinka').fill(who.password);
  await page.getByRole('button', { name: 'Prijavi se' }).click();
  await expect.poll(() => h1(page)).toBe('Drugi korak prijave');
  await page.getByLabel('Kod iz aplikacije ili rezervni kod').fill(who.codes.shift()!);
  await page.getByRole('button', { name: 'Potvrdi' }).click();
  await expect.poll(() => h1(page)).toBe('Prozor d.o.o.');
}
