import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../adapters/system/system-clock.js';
import { CryptoIds } from '../../adapters/system/crypto-ids.js';
import { PollEInvoices } from '../../application/fiscal/send-einvoice.js';
import type { App } from '../../web/app.js';
import { startOutsideServices, type OutsideServices } from '../../web/outside-services.js';
import { givenOwner } from '../support/builders.js';
import { camtStatement } from '../support/fiscal/camt.js';
import { EINVOICE_DIR, opensslCertificate, toolsAvailable, type TestCertificate } from '../support/fiscal/outside-tools.js';
import { multipart, portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import { SETTINGS } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

/**
 * Lawful invoicing end to end on the real stack: PostgreSQL, pg-boss workers, the real adapters of the Tax
 * Administration's services and the intermediary, each speaking to its local simulator (schemas and signatures
 * checked there), driven over HTTP as staff and clients do.
 */
let cert: TestCertificate;
let outside: OutsideServices;
let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  if (!toolsAvailable) return;
  cert = opensslCertificate(SETTINGS.billing.seller.oib);
  outside = await startOutsideServices(
    { einvoiceDir: EINVOICE_DIR, fiscal: { timeoutMs: 10_000 }, intermediary: { companyBu: '' }, reporting: {} },
    { clock: new SystemClock(), ids: new CryptoIds(), sellerOib: SETTINGS.billing.seller.oib, dataDir: cert.dir, log: () => undefined, certificate: cert.certificate },
  );
  ({ portal, app } = await portalWithApp({ outside }));
});

afterAll(async () => {
  await portal?.close();
  await outside?.stop();
  cert?.remove();
});

const today = () => new Date().toISOString().slice(0, 10);

async function orderAndQuote(entityType: 'person' | 'doo', domain: string) {
  const { account, user } = await givenOwner(portal.services, { entityType });
  const owner = await signedInAs(app, user.email);
  expect((await owner.post(`/accounts/${account.id}/orders`, { form: { product0: 'HOST-START', domain0: domain } })).status).toBe(303);
  const page = await (await owner.get(`/accounts/${account.id}/quotes`)).text();
  const reference = /HR00 (1-\d{4}-\d+)/u.exec(page)![1]!;
  const amount = /data-amount="([\d.,]+)/u.exec(page)![1]!;
  return { account, owner, reference, amount };
}

const invoiceIdOf = async (owner: Awaited<ReturnType<typeof signedInAs>>, accountId: string) => /invoices\/([0-9a-f-]{36})/u.exec(await (await owner.get(`/accounts/${accountId}/invoices`)).text())![1]!;

describe.skipIf(!toolsAvailable)('fiscalization, eRačun exchange, payment reporting and bank statements, end to end', () => {
  it("invoices a consumer's order with its ZKI, the JIR from the Tax Administration and the QR code that verifies it", async () => {
    const { account, owner, reference, amount } = await orderAndQuote('person', 'gradanin-fiskal.hr');
    const billing = await staffClientFor(portal, app, ['billing']);
    expect((await billing.post('/staff/payments', { form: { bankTransactionId: `B2C-${reference}`, amount, receivedOn: today(), reference, payerName: 'Građanin' } })).status).toBe(200);
    const invoiceId = await invoiceIdOf(owner, account.id);
    const delivery = async () => (await (await owner.get(`/api/v1/accounts/${account.id}/invoices/${invoiceId}/delivery`)).json()) as { fiscal: { zki: string; jir: string | null; status: string; verificationUrl: string } | null; einvoice: unknown };
    await expect.poll(async () => (await delivery()).fiscal?.status, { timeout: 30_000 }).toBe('fiscalized');
    const { fiscal, einvoice } = await delivery();
    expect(einvoice).toBeNull();
    expect(fiscal).toMatchObject({ zki: expect.stringMatching(/^[a-f0-9]{32}$/u), jir: expect.stringMatching(/^[0-9a-f-]{36}$/u), verificationUrl: expect.stringMatching(/^https:\/\/porezna\.gov\.hr\/rn\?jir=[0-9a-f-]{36}&datv=\d{8}_\d{4}&izn=\d+$/u) });
    const fiscalized = outside.simulators.cis!.fiscalized.filter((f) => f.jir === fiscal!.jir);
    expect(fiscalized).toEqual([expect.objectContaining({ oib: SETTINGS.billing.seller.oib, securityCode: fiscal!.zki, subsequent: false })]);
    const page = await (await owner.get(`/accounts/${account.id}/invoices/${invoiceId}`)).text();
    expect(page).toMatch(new RegExp(`data-zki[^>]*>${fiscal!.zki}<`, 'u'));
    expect(page).toMatch(new RegExp(`data-jir[^>]*>${fiscal!.jir}<`, 'u'));
    expect(page).toContain(`data-qr="${fiscal!.verificationUrl.replaceAll('&', '&amp;')}"`);
    expect(page).toMatch(/<svg/u);
    const staffPage = await (await billing.get(`/staff/invoices/${invoiceId}`)).text();
    expect(staffPage).toContain(fiscal!.jir!);
  });

  it("sends a business's eRačun to the intermediary, sees it delivered, books its payment from a camt.053 upload and reports it", async () => {
    const { account, owner, reference, amount } = await orderAndQuote('doo', 'firma-eracun.hr');
    const billing = await staffClientFor(portal, app, ['billing']);
    const statement = camtStatement({ statementId: `IZVOD-${reference}`, credits: [{ id: `ZABA-${reference}`, amount: amount.replace('.', '').replace(',', '.'), text: `Placanje ponude HR00 ${reference}`, payer: account.name, bookedOn: today() }] });
    const upload = await billing.post('/staff/bank-statements', { multipart: multipart({}, { field: 'file', bytes: new TextEncoder().encode(statement), name: 'izvod.xml', type: 'application/xml' }) });
    expect(upload.status).toBe(200);
    expect(await upload.text()).toMatch(/1 uplata, proknjiženo 1, već proknjiženo 0/u);
    const invoiceId = await invoiceIdOf(owner, account.id);
    const [invoice] = await portal.sql<{ number: string }>('select number from invoices where id = $1', [invoiceId]);
    await expect.poll(async () => (await portal.sql<{ status: string }>('select status from einvoice_dispatches where invoice_id = $1', [invoiceId]))[0]?.status, { timeout: 30_000 }).toBe('sent');
    expect(outside.simulators.intermediary!.documents.filter((d) => d.number === invoice!.number)).toHaveLength(1);
    await new PollEInvoices(portal.services).execute();
    const api = async () => (await (await owner.get(`/api/v1/accounts/${account.id}/invoices/${invoiceId}/delivery`)).json()) as { einvoice: { status: string; rejectionReason: string | null } };
    expect((await api()).einvoice).toMatchObject({ status: 'delivered', rejectionReason: null });
    expect(await (await owner.get(`/accounts/${account.id}/invoices/${invoiceId}`)).text()).toContain('Dostavljen kupcu');
    await expect.poll(() => outside.simulators.reporting!.accepted.filter((r) => r.invoiceNumber === invoice!.number).length, { timeout: 30_000 }).toBe(1);
    expect(outside.simulators.reporting!.accepted.find((r) => r.invoiceNumber === invoice!.number)).toMatchObject({ sellerOib: SETTINGS.billing.seller.oib, buyerOib: account.oib, paidOn: today(), method: 'T' });
    await expect.poll(async () => (await portal.sql<{ status: string; request_id: string }>('select status, request_id from payment_reports where invoice_id = $1', [invoiceId]))[0]?.status, { timeout: 30_000 }).toBe('accepted');
    // The same statement again, through the API: nothing new is booked or reported.
    const again = await billing.post('/api/v1/staff/bank-statements', { multipart: multipart({}, { field: 'file', bytes: new TextEncoder().encode(statement), name: 'izvod.xml', type: 'application/xml' }) });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ credits: 1, booked: 0, duplicates: 1 });
    expect(outside.simulators.reporting!.accepted.filter((r) => r.invoiceNumber === invoice!.number)).toHaveLength(1);
    const broken = await billing.post('/staff/bank-statements', { multipart: multipart({}, { field: 'file', bytes: new TextEncoder().encode(statement.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CRDT')), name: 'izvod.xml', type: 'application/xml' }) });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toMatch(/redak \d+/u);
  });

  it("puts a buyer's rejection of an eRačun in the staff queue with its reason, and shows it to the client", async () => {
    const { account, owner, reference, amount } = await orderAndQuote('doo', 'odbija-eracun.hr');
    const billing = await staffClientFor(portal, app, ['billing']);
    expect((await billing.post('/staff/payments', { form: { bankTransactionId: `B2B-${reference}`, amount, receivedOn: today(), reference, payerName: '' } })).status).toBe(200);
    const invoiceId = await invoiceIdOf(owner, account.id);
    await expect.poll(async () => (await portal.sql<{ document_id: string | null }>('select document_id from einvoice_dispatches where invoice_id = $1', [invoiceId]))[0]?.document_id, { timeout: 30_000 }).toBeTruthy();
    const [dispatch] = await portal.sql<{ document_id: string }>('select document_id from einvoice_dispatches where invoice_id = $1', [invoiceId]);
    outside.simulators.intermediary!.reject(dispatch!.document_id, 'Narudžba nije naša');
    expect(await new PollEInvoices(portal.services).execute()).toMatchObject({ rejected: 1 });
    const queue = await (await billing.get('/staff/einvoicing')).text();
    expect(queue).toContain('Narudžba nije naša');
    expect(queue).toContain(`/staff/invoices/${invoiceId}`);
    expect(((await (await billing.get('/api/v1/staff/einvoicing/rejected')).json()) as { items: Array<{ invoiceId: string; reason: string }> }).items).toContainEqual(expect.objectContaining({ invoiceId, reason: 'Narudžba nije naša' }));
    expect(await (await billing.get('/staff')).text()).toMatch(/Fiskalizacija i eRačuni: \d+ čeka JIR, [1-9]\d* za riješiti/u);
    const clientPage = await (await owner.get(`/accounts/${account.id}/invoices/${invoiceId}`)).text();
    expect(clientPage).toContain('Kupac ga je odbio');
    expect(clientPage).toContain('Narudžba nije naša');
    // Answered with a credit note: the task leaves the queue, and the credit note goes out as an eRačun too.
    expect((await billing.post(`/staff/invoices/${invoiceId}/credit-note`, { form: { reason: 'Kupac je odbio eRačun' } })).status).toBe(303);
    expect(((await (await billing.get('/api/v1/staff/einvoicing/rejected')).json()) as { items: Array<{ invoiceId: string }> }).items.map((i) => i.invoiceId)).not.toContain(invoiceId);
    await expect.poll(() => outside.simulators.intermediary!.documents.filter((d) => d.typeId === 2).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  });
});
