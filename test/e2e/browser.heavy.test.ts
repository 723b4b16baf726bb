import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../application/demo/seed-demo-data.js';
import { browserAvailable, browserPortal, look } from '../support/browser.js';

const { portal, newPage, signIn, staffSignIn, mailLink, problems } = browserPortal('browser');

describe.skipIf(!browserAvailable)('in Chromium', () => {
  it('signs in, signs out, and resets a forgotten password from the mail', async () => {
    const page = await newPage();
    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await expect.poll(() => page.locator('h1').textContent()).toBe(DEMO.account.name);
    await look(page);
    expect(await page.evaluate(() => typeof (globalThis as { htmx?: unknown }).htmx)).toBe('object');

    await page.getByRole('button', { name: 'Odjava' }).click();
    await expect.poll(() => page.getByText('Odjavljeni ste.').count()).toBe(1);
    await page.goto(`${portal().url}/dashboard`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Prijava na portal');
    await look(page);

    await page.getByRole('link', { name: 'Zaboravili ste lozinku?' }).click();
    await page.getByLabel('E-adresa').fill(DEMO.owner.email);
    await page.getByRole('button', { name: 'Pošalji poveznicu' }).click();
    await expect.poll(() => page.getByText('Ako je ta adresa upisana kod nas').count()).toBe(1);

    // Read the mail the way a person would: in the mail catcher's inbox.
    const inbox = await newPage();
    const link = await mailLink(inbox, /nova lozinka/u, '/password-reset/');
    expect(link).toMatch(/\/password-reset\/[a-z2-7]{32}$/u);

    await page.goto(link);
    await page.getByLabel('Nova lozinka', { exact: true }).fill('nova duga lozinka za portal');
    await page.getByLabel('Ponovite novu lozinku').fill('nova duga lozinka za portal');
    await page.getByRole('button', { name: 'Spremi lozinku' }).click();
    await expect.poll(() => page.getByText('Lozinka je promijenjena.').count()).toBe(1);

    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await expect.poll(() => page.getByText('E-adresa, lozinka ili kod nisu ispravni.').count()).toBe(1);
    await signIn(page, DEMO.owner.email, 'nova duga lozinka za portal');
    await expect.poll(() => page.locator('h1').textContent()).toBe(DEMO.account.name);
    await look(page);

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'session');
    expect([session?.httpOnly, session?.sameSite]).toEqual([true, 'Lax']);
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('orders as a newcomer, sets the password from the welcome mail, staff accept, the client reveals the access data', async () => {
    const page = await newPage();
    await page.goto(`${portal().url}/order`);
    await page.locator('#f-product0').selectOption('HOST-START');
    await page.locator('#f-domain0').fill('putovanje-firma.hr');
    await page.locator('#f-product1').selectOption('DOM-HR');
    await page.locator('#f-domain1').fill('putovanje-firma.hr');
    await page.locator('#f-entityType').selectOption('jdoo');
    await page.getByLabel('Naziv (tvrtka, udruga, obrt) ili ime i prezime').fill('Putovanje j.d.o.o.');
    await page.getByLabel('OIB').fill('69435151530');
    await page.getByLabel('E-adresa').fill('ured@putovanje.hr');
    await page.getByLabel('Telefon').fill('+385 1 555 0101');
    await page.getByLabel('Ulica i broj').fill('Savska 12');
    await page.getByLabel('Poštanski broj').fill('10000');
    await page.getByLabel('Mjesto').fill('Zagreb');
    await page.getByLabel('Prihvaćam uvjete').check();
    await page.getByRole('button', { name: 'Pošalji narudžbu' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hvala na narudžbi!');
    await look(page);

    const inbox = await newPage();
    const link = await mailLink(inbox, /pristup portalu/u, '/password-reset/');
    await page.goto(link);
    await page.getByLabel('Nova lozinka', { exact: true }).fill('putovanje je počelo');
    await page.getByLabel('Ponovite novu lozinku').fill('putovanje je počelo');
    await page.getByRole('button', { name: 'Spremi lozinku' }).click();
    // The first password signs the newcomer in.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Putovanje j.d.o.o.');
    await look(page);
    await page.getByRole('link', { name: 'Narudžbe' }).click();
    await expect.poll(() => page.getByText('čeka obradu').count()).toBe(1);
    const orderNumber = (await page.locator('[data-order]').first().getAttribute('data-order'))!;

    const staff = await newPage();
    const admin = DEMO.staff[0];
    await staffSignIn(staff, admin);
    await expect.poll(() => staff.locator('h1').textContent()).toBe('Pozadinski ured');
    await look(staff);
    await staff.getByRole('link', { name: /Narudžbi na čekanju/u }).click();
    await staff.getByRole('link', { name: orderNumber }).click();
    await staff.getByRole('button', { name: 'Prihvati i aktiviraj' }).click();
    await expect.poll(() => staff.getByText(`Narudžba ${orderNumber} je prihvaćena.`).count()).toBe(1);

    await page.getByRole('link', { name: 'Usluge' }).first().click();
    await page.getByRole('link', { name: 'Web hosting Start' }).click();
    await page.getByRole('button', { name: 'Prikaži pristupne podatke' }).click();
    await expect.poll(() => page.locator('dl.credentials').count()).toBe(1);
    expect(await page.locator('dl.credentials').textContent()).toContain('Korisničko ime');
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('staff record a payment of the demo quote; the owner reads the invoice and downloads its PDF', async () => {
    const staff = await newPage({ acceptDownloads: true });
    await staffSignIn(staff, DEMO.staff[0]);
    await expect.poll(() => staff.locator('h1').textContent()).toBe('Pozadinski ured');
    await look(staff);

    const owner = await newPage({ acceptDownloads: true });
    await signIn(owner, DEMO.owner.email, 'nova duga lozinka za portal');
    await owner.getByRole('link', { name: 'Ponude' }).first().click();
    const row = owner.locator('tr[data-quote]').first();
    const reference = (await row.getAttribute('data-reference'))!;
    const amount = (await row.getAttribute('data-amount'))!.replace(' €', '');

    await staff.getByRole('link', { name: 'Uplate', exact: true }).first().click();
    await staff.getByLabel('ID bankovne transakcije').fill('BROWSER-TX-1');
    await staff.getByLabel('Iznos (€, npr. 84,88)').fill(amount);
    await staff.getByLabel('Datum uplate').fill(new Date().toISOString().slice(0, 10));
    await staff.getByLabel('Poziv na broj (npr. HR00 1-2026-1)').fill(`HR00 ${reference}`);
    await staff.getByRole('button', { name: 'Evidentiraj uplatu' }).click();
    await expect.poll(() => staff.getByText(/Povezana s računom .*: plaćen/u).count()).toBe(1);

    await owner.getByRole('link', { name: 'Računi' }).first().click();
    await owner.getByRole('link', { name: /Račun \d+\/WEB1\/1/u }).click();
    await expect.poll(() => owner.locator('article.invoice h1').textContent()).toMatch(/^Račun \d+\/WEB1\/1$/u);
    await look(owner);
    expect(await owner.locator('article.invoice').textContent()).toContain(DEMO.account.oib);
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Preuzmi PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^racun-\d+-WEB1-1\.pdf$/u);
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');

    // The eRačun beside it: the archived UBL 2.1 file, named like the PDF.
    const number = (await owner.locator('article.invoice h1').textContent())!.replace('Račun ', '');
    const [xml] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'e-račun (XML)' }).click()]);
    expect(xml.suggestedFilename()).toMatch(/^racun-\d+-WEB1-1\.xml$/u);
    const ubl = readFileSync(await xml.path(), 'utf8');
    expect(ubl).toContain('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"');
    expect(ubl).toContain(`<cbc:ID>${number}</cbc:ID>`);
    expect(ubl).toContain(`<cbc:EndpointID schemeID="9934">${DEMO.account.oib}</cbc:EndpointID>`);
    expect(ubl).toContain(`<cbc:Name>${DEMO.staff[0].name}</cbc:Name>`);
  });

  it('the owner invites a contact for one service; the contact accepts from the mail and sees only that service', async () => {
    const owner = await newPage();
    await signIn(owner, DEMO.owner.email, 'nova duga lozinka za portal');
    await owner.getByRole('link', { name: 'Kontakti' }).first().click();
    await owner.getByRole('link', { name: 'Dodaj kontakt' }).click();
    await owner.getByLabel('Ime i prezime').fill('Tomislav Tehničar');
    await owner.getByLabel('E-adresa').fill('tehnika@vanjski-partner.hr');
    const rights = owner.getByRole('group', { name: 'Prava' });
    await rights.getByLabel('Usluge', { exact: true }).check();
    await rights.getByLabel('Pristupni podaci').check();
    await owner.getByLabel('Samo odabrane usluge i domene').check();
    await owner.getByLabel(/Web hosting Business/u).check();
    await owner.getByRole('button', { name: 'Dodaj', exact: true }).click();
    await expect.poll(() => owner.getByText('Poziv je poslan na tehnika@vanjski-partner.hr.').count()).toBe(1);

    const inbox = await newPage();
    const link = await mailLink(inbox, /poziv u portal/u, '/invitations/');

    const contact = await newPage();
    await contact.goto(link);
    await contact.getByLabel('Nova lozinka').fill('tehničar ima dugu lozinku');
    await contact.getByRole('button', { name: 'Prihvati poziv' }).click();
    await expect.poll(() => contact.locator('h1').textContent()).toBe(DEMO.account.name);
    await look(contact);
    expect(await contact.locator('nav.menu').first().textContent()).not.toContain('Računi');
    await contact.getByRole('link', { name: 'Usluge' }).first().click();
    await expect.poll(() => contact.locator('main table tbody tr').count()).toBe(1);
    expect(await contact.locator('main table').textContent()).not.toContain('SSL');
    await contact.getByRole('link', { name: 'Web hosting Business' }).click();
    await contact.getByRole('button', { name: 'Prikaži pristupne podatke' }).click();
    await expect.poll(() => contact.locator('dl.credentials').count()).toBe(1);

    await owner.reload();
    await owner.getByRole('link', { name: 'Kontakti' }).first().click();
    await expect.poll(() => owner.locator('tr', { hasText: 'tehnika@vanjski-partner.hr' }).textContent()).toContain('prihvaćeno');
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('the owner asks to change the email with a PDF; the new address confirms; a verifier approves; the owner signs in with the new address', async () => {
    const owner = await newPage();
    await signIn(owner, DEMO.owner.email, 'nova duga lozinka za portal');
    await owner.getByRole('link', { name: 'Podaci o klijentu' }).first().click();
    await owner.getByRole('link', { name: 'Promijeni e-adresu' }).click();
    await owner.getByLabel('Nova e-adresa').fill('uprava@demo-firma.hr');
    await owner.getByLabel(/Dokument \(PDF, JPEG ili PNG/u).setInputFiles({ name: 'memorandum.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% memorandum s potpisom i pečatom\n') });
    await owner.getByLabel('Trenutna lozinka').fill('nova duga lozinka za portal');
    await owner.getByRole('button', { name: 'Pošalji zahtjev' }).click();
    await expect.poll(() => owner.getByText('čeka potvrdu nove adrese').count()).toBe(1);

    const inbox = await newPage();
    const link = await mailLink(inbox, /potvrdite novu e-adresu/u, '/email-change/confirm/');
    await inbox.goto(link);
    await inbox.getByRole('button', { name: 'Potvrđujem' }).click();
    await expect.poll(() => inbox.getByText(/Adresa je potvrđena/u).count()).toBe(1);

    const verifier = DEMO.staff.find((s) => s.roles.includes('verifier'))!;
    const staff = await newPage({ acceptDownloads: true });
    await staffSignIn(staff, verifier);
    await staff.getByRole('link', { name: /Promjena e-adrese za provjeru: 1/u }).click();
    await staff.getByRole('link', { name: DEMO.account.name }).click();
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: 'Otvori dokument' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/u);
    await staff.getByRole('link', { name: 'Odobri promjenu' }).click();
    await expect.poll(() => staff.getByRole('alertdialog').textContent()).toContain('uprava@demo-firma.hr');
    await staff.getByRole('button', { name: 'Da, odobri promjenu' }).click();
    await expect.poll(() => staff.getByText(/Promjena je odobrena/u).count()).toBe(1);

    await owner.reload();
    await expect.poll(() => owner.locator('h1').textContent()).toBe('Prijava na portal');
    await signIn(owner, 'uprava@demo-firma.hr', 'nova duga lozinka za portal');
    await expect.poll(() => owner.locator('h1').textContent()).toBe(DEMO.account.name);
    await look(owner);
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('a contact files a cancel request for its service (offered), not for another (not offered, refused by the API); staff carry out the first', async () => {
    const owner = await newPage();
    await signIn(owner, 'uprava@demo-firma.hr', 'nova duga lozinka za portal');
    await owner.getByRole('link', { name: 'Kontakti' }).first().click();
    await owner.getByRole('link', { name: 'Tomislav Tehničar' }).click();
    const rights = owner.getByRole('group', { name: 'Prava' });
    await rights.getByLabel('Upravljanje uslugama').check();
    await rights.getByLabel('Zahtjevi za podršku').check();
    await owner.getByRole('button', { name: 'Spremi' }).click();
    await expect.poll(() => owner.getByText('Promjene su spremljene.').count()).toBe(1);
    const accountId = /\/accounts\/([0-9a-f-]{36})\//u.exec(owner.url())![1]!;
    const services = (await (await owner.request.get(`${portal().url}/api/v1/accounts/${accountId}/services`)).json()) as { items: Array<{ id: string; kind: string }> };
    const ssl = services.items.find((s) => s.kind === 'ssl')!;

    const contact = await newPage();
    await signIn(contact, 'tehnika@vanjski-partner.hr', 'tehničar ima dugu lozinku');
    await contact.getByRole('link', { name: 'Podrška' }).first().click();
    await contact.getByRole('link', { name: 'Novi zahtjev' }).click();
    await contact.getByLabel('Naslov', { exact: true }).fill('Otkaz hostinga');
    await contact.getByLabel('Vrsta zahtjeva', { exact: true }).selectOption('service.cancel');
    // Only the chosen kind's fields: htmx swaps them in.
    await expect.poll(() => contact.locator('#f-serviceId').count()).toBe(1);
    const offered = await contact.locator('#f-serviceId option').allTextContents();
    expect(offered.filter((o) => o !== '—')).toEqual(['Web hosting Business — demo-firma.hr']);
    await contact.locator('#f-serviceId').selectOption({ label: 'Web hosting Business — demo-firma.hr' });
    await contact.getByLabel('Poruka').fill('Molim otkaz hostinga od idućeg mjeseca.');
    await contact.getByRole('button', { name: 'Pošalji' }).click();
    await expect.poll(() => contact.getByText(/Zahtjev T-\d{4}-\d{6} je otvoren\./u).count()).toBe(1);

    // The same request for the certificate, outside the contact's scope, straight to the API.
    const refused = await contact.request.post(`${portal().url}/api/v1/accounts/${accountId}/tickets`, {
      headers: { origin: portal().url },
      data: { subject: 'Otkaz certifikata', department: 'technical', priority: 'normal', body: 'Otkaz.', request: { kind: 'service.cancel', serviceId: ssl.id } },
    });
    expect([refused.status(), ((await refused.json()) as { code: string }).code]).toEqual([403, 'request.not_allowed']);

    const support = DEMO.staff.find((s) => s.roles.includes('support'))!;
    const staff = await newPage();
    await staffSignIn(staff, support);
    await staff.getByRole('link', { name: /Zahtjeva za podršku na čekanju: 1/u }).click();
    await staff.getByRole('link', { name: 'Otkaz hostinga' }).click();
    await expect.poll(() => staff.locator('[data-verdict]').getAttribute('data-verdict')).toBe('allowed');
    await look(staff);
    expect(await staff.locator('[data-verdict]').textContent()).toContain('Upravljanje uslugama');
    await staff.getByRole('link', { name: 'Izvrši zahtjev' }).click();
    await expect.poll(() => staff.getByRole('alertdialog').textContent()).toContain('Otkaz usluge');
    await staff.getByRole('button', { name: 'Da, izvrši' }).click();
    await expect.poll(() => staff.getByText('Zahtjev je izvršen.').count()).toBe(1);

    await contact.getByRole('link', { name: 'Usluge' }).first().click();
    await expect.poll(() => contact.locator('main table').textContent()).toContain('otkazana');
    expect(problems.filter((p) => /Content Security Policy|Refused/iu.test(p))).toEqual([]);
  });

  it('switches the language to English and back', async () => {
    const page = await newPage();
    await page.goto(`${portal().url}/sign-in`);
    await page.getByRole('button', { name: 'EN (English)', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to the portal');
    await look(page);
    await page.getByRole('button', { name: 'HR (hrvatski)', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Prijava na portal');
  });
});
