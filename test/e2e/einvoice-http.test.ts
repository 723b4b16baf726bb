import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenContact, givenOwner, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** An owner with an invoice issued from a paid order, on PostgreSQL with the real PDF and UBL writers. */
async function ownerWithInvoice() {
  const { account, user } = await givenOwner(portal.services);
  const owner = await signedInAs(app, user.email);
  expect((await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-START', domain0: 'arhiva-firma.hr' } })).status).toBe(303);
  const reference = /HR00 (1-\d{4}-\d+)/u.exec(await (await owner.get(`/accounts/${account.id}/quotes`)).text())![1]!;
  const billing = await staffClientFor(portal, app, ['billing']);
  expect((await billing.post('/staff/payments', { form: { bankTransactionId: `ARH-${reference}`, amount: '30,00', receivedOn: '2026-11-20', reference, payerName: '' } })).status).toBe(200);
  const invoiceId = /invoices\/([0-9a-f-]{36})/u.exec(await (await owner.get(`/accounts/${account.id}/invoices`)).text())![1]!;
  return { account, owner, billing, invoiceId };
}

describe('the eRačun and the archive over HTTP', () => {
  it('offers "e-račun (XML)" beside the PDF, serves the archived UBL, and the API gives the same bytes', async () => {
    const { account, owner, invoiceId } = await ownerWithInvoice();
    const page = await (await owner.get(`/accounts/${account.id}/invoices/${invoiceId}`)).text();
    expect(page).toContain('e-račun (XML)');
    expect(page).toContain(`/accounts/${account.id}/invoices/${invoiceId}/ubl`);
    for (const expected of ['KPD 63.10.12', 'transakcijski račun', 'Operater', 'god.']) expect(page, expected).toContain(expected);
    const xml = await owner.get(`/accounts/${account.id}/invoices/${invoiceId}/ubl`);
    expect([xml.status, xml.headers.get('content-type'), xml.headers.get('cache-control'), xml.headers.get('x-content-type-options')]).toEqual([200, 'application/xml', 'no-store', 'nosniff']);
    expect(xml.headers.get('content-disposition')).toMatch(/^attachment; filename="racun-\d+-WEB1-1\.xml"$/u);
    const body = await bytes(xml);
    const text = body.toString('utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    for (const expected of ['urn:cen.eu:en16931:2017#compliant#urn:mfin.gov.hr:cius-2025:1.0#conformant#urn:mfin.gov.hr:ext-2025:1.0', '<cbc:ProfileID>P1</cbc:ProfileID>', '<cbc:ItemClassificationCode listID="CG">63.10.12</cbc:ItemClassificationCode>', `<cbc:EndpointID schemeID="9934">${account.oib}</cbc:EndpointID>`, '<cbc:PaymentID>HR00 2-']) {
      expect(text, expected).toContain(expected);
    }
    const api = await owner.get(`/api/v1/accounts/${account.id}/invoices/${invoiceId}/ubl`);
    expect(api.headers.get('content-type')).toBe('application/xml');
    expect((await bytes(api)).equals(body)).toBe(true);
    const [stored] = await portal.sql<{ sha256: string; n: string }>(`select sha256, (select count(*) from invoice_documents where invoice_id = $1) as n from invoice_documents where invoice_id = $1 and kind = 'ubl'`, [invoiceId]);
    expect([stored!.sha256, stored!.n]).toEqual([sha(body), '2']);
    const json = (await (await owner.get(`/api/v1/accounts/${account.id}/invoices/${invoiceId}`)).json()) as { process: string; dueDate: string; lines: Array<{ kpdCode: string; periodStart: string }> };
    expect(json.process).toBe('P1');
    expect(json.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect(json.lines[0]).toMatchObject({ kpdCode: '63.10.12', periodStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u) });
  });

  it('serves byte-identical PDF and XML a year later, after the invoice was paid and the client moved', async () => {
    const { account, owner, invoiceId } = await ownerWithInvoice();
    const pdf = await bytes(await owner.get(`/accounts/${account.id}/invoices/${invoiceId}/pdf`));
    const xml = await bytes(await owner.get(`/accounts/${account.id}/invoices/${invoiceId}/ubl`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    portal.clock.advance(366 * 86_400_000);
    await portal.services.uow.run(async (scope) => {
      const moved = await scope.accounts.findById(account.id);
      moved!.updateProfile({ name: 'Preseljena Firma d.o.o.', phone: moved!.phone, street: 'Nova ulica 9', postalCode: '21000', city: 'Split' });
      await scope.accounts.save(moved!);
    });
    const later = await signedInAs(app, (await portal.services.uow.run((s) => s.users.findById(account.ownerUserId)))!.email);
    const pdfLater = await bytes(await later.get(`/accounts/${account.id}/invoices/${invoiceId}/pdf`));
    const xmlLater = await bytes(await later.get(`/accounts/${account.id}/invoices/${invoiceId}/ubl`));
    expect(pdfLater.equals(pdf)).toBe(true);
    expect(xmlLater.equals(xml)).toBe(true);
    expect(xmlLater.toString()).not.toContain('Preseljena');
    const [stored] = await portal.sql<{ sha256: string }>(`select sha256 from invoice_documents where invoice_id = $1 and kind = 'pdf'`, [invoiceId]);
    expect(stored!.sha256).toBe(sha(pdfLater));
  });

  it('gives the XML only to those who may have the PDF', async () => {
    const { account, invoiceId } = await ownerWithInvoice();
    const path = `/accounts/${account.id}/invoices/${invoiceId}/ubl`;
    const stranger = await givenOwner(portal.services);
    const other = await signedInAs(app, stranger.user.email);
    expect((await other.get(path)).status).toBe(403);
    expect((await other.get(`/accounts/${stranger.account.id}/invoices/${invoiceId}/ubl`)).status).toBe(404);
    expect((await other.get(`/api/v1/accounts/${stranger.account.id}/invoices/${invoiceId}/ubl`)).status).toBe(404);
    const techie = await givenContact(portal.services, account.id, { permissions: ['services'] });
    expect((await (await signedInAs(app, techie.user.email, PASSWORD)).get(path)).status).toBe(403);
    const accountant = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    expect((await (await signedInAs(app, accountant.user.email, PASSWORD)).get(path)).status).toBe(200);
    expect((await httpClient(app).get(path)).status).toBe(303);
    expect((await httpClient(app).get(`/api/v1${path}`)).status).toBe(401);
  });

  it('lets billing staff download both documents and set the buyer classification; support staff neither', async () => {
    const { account, invoiceId, owner } = await ownerWithInvoice();
    const billing = await staffClientFor(portal, app, ['billing']);
    const staffPage = await (await billing.get(`/staff/invoices/${invoiceId}`)).text();
    expect(staffPage).toContain('e-račun (XML)');
    const staffXml = await billing.get(`/staff/invoices/${invoiceId}/ubl`);
    expect(staffXml.status).toBe(200);
    expect((await bytes(staffXml)).equals(await bytes(await owner.get(`/accounts/${account.id}/invoices/${invoiceId}/ubl`)))).toBe(true);
    expect((await billing.get(`/staff/invoices/${invoiceId}/pdf`)).headers.get('content-type')).toBe('application/pdf');
    const support = await staffClientFor(portal, app, ['support']);
    expect((await support.get(`/staff/invoices/${invoiceId}/ubl`)).status).toBe(403);
    expect((await support.post(`/staff/accounts/${account.id}/buyer-class`, { form: { buyerClass: 'public_body', vatNumber: '', country: 'HR' } })).status).toBe(403);

    const bad = await billing.post(`/staff/accounts/${account.id}/buyer-class`, { form: { buyerClass: 'foreign_eu', vatNumber: 'XX1', country: 'DE' } });
    expect([bad.status, (await bad.text()).includes('PDV broj kupca iz EU')]).toEqual([422, true]);
    const saved = await billing.post(`/staff/accounts/${account.id}/buyer-class`, { form: { buyerClass: 'foreign_eu', vatNumber: 'DE123456789', country: 'DE' } });
    expect([saved.status, (await saved.text()).includes('Porezni status kupca je spremljen.')]).toEqual([200, true]);
    const [row] = await portal.sql<{ buyer_class: string; vat_number: string; country: string }>('select buyer_class, vat_number, country from client_accounts where id = $1', [account.id]);
    expect(row).toEqual({ buyer_class: 'foreign_eu', vat_number: 'DE123456789', country: 'DE' });

    const direct = await billing.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: new Date(portal.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10), lines: [{ description: 'Migracija weba', unitPriceCents: 20000, vat: 'S25', kpdCode: '62.10.11', unitCode: 'HUR', quantity: 2 }] } });
    expect(direct.status).toBe(201);
    const issued = (await direct.json()) as { grossCents: number; vatGroups: Array<{ category: string; exemption: { code: string } }> };
    expect([issued.grossCents, issued.vatGroups[0]?.category, issued.vatGroups[0]?.exemption.code]).toEqual([40000, 'AE', 'VATEX-EU-AE']);
    const noKpd = await billing.post(`/api/v1/staff/accounts/${account.id}/invoices`, { json: { dueDate: new Date(portal.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10), lines: [{ description: 'Bez šifre', unitPriceCents: 100, kpdCode: 'x' }] } });
    expect(noKpd.status).toBe(422);
  });

  it('a public order asks whether a company is in the VAT system', async () => {
    const form = await (await httpClient(app).get('/order')).text();
    expect(form).toContain('name="vatRegistered"');
  });
});
