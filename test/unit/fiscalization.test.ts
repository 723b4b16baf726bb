import { beforeEach, describe, expect, it } from 'vitest';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { IssueCreditNote } from '../../application/billing/issue-credit-note.js';
import { ClassifyBuyer } from '../../application/billing/classify-buyer.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { ImportBankStatement } from '../../application/fiscal/import-bank-statement.js';
import { InvoiceDeliveries } from '../../application/fiscal/invoice-delivery.js';
import { PollEInvoices } from '../../application/fiscal/send-einvoice.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { Invoice } from '../../domain/billing/invoice.js';
import { referenceInText } from '../../domain/fiscal/bank-statement.js';
import { channelOf } from '../../domain/fiscal/channel.js';
import { fiscalBillOf, fiscalDateTime, securityCodeData, securityCodeInputOf, verificationUrl } from '../../domain/fiscal/fiscal-bill.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { camtStatement } from '../support/fiscal/camt.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

const line = { description: 'Hosting', unitPriceCents: 10_000, quantity: 1, vatRatePercent: 25, vatCategory: 'S' as const, exemption: null, kpdCode: '63.10.12', unitCode: 'C62' as const, periodStart: null, periodEnd: null };
const party = { name: 'Kupac', oib: '69435151530', street: 'Ilica 1', postalCode: '10000', city: 'Zagreb', country: 'HR' };
const invoiceAt = (at: string, kind: 'invoice' | 'credit_note' = 'invoice') =>
  Invoice.issue({ id: 'i1', kind, sequence: 17, premises: 'WEB1', device: '1', accountId: 'a1', process: 'P1', operator: { name: 'Ana', oib: '69435151530' }, now: new Date(at), dueDate: '2027-01-31', seller: { ...party, oib: '12345678903' }, buyer: party, lines: kind === 'credit_note' ? [{ ...line, quantity: -1 }] : [line, { ...line, vatCategory: 'E', vatRatePercent: 0, exemption: { code: null, text: 'čl. 40.' } }], paymentReference: { model: 'HR00', number: '2-2026-17' } });

describe('the fiscal data of an invoice', () => {
  it('picks the channel by the buyer: eRačun for businesses and public bodies, fiscalization for consumers, PDF abroad', () => {
    expect(channelOf('vat_business')).toEqual({ einvoice: true, fiscalize: false });
    expect(channelOf('public_body')).toEqual({ einvoice: true, fiscalize: false });
    expect(channelOf('non_vat_business')).toEqual({ einvoice: true, fiscalize: false });
    expect(channelOf('consumer')).toEqual({ einvoice: false, fiscalize: true });
    expect(channelOf('foreign_eu')).toEqual({ einvoice: false, fiscalize: false });
    expect(channelOf('foreign_non_eu', { einvoiceRequested: true })).toEqual({ einvoice: true, fiscalize: false });
  });

  it('writes the ZKI data and the request on the Zagreb clock, amounts with a point, a credit note negative', () => {
    const invoice = invoiceAt('2026-12-31T23:30:05Z');
    expect(fiscalDateTime(invoice.issuedAt)).toBe('01.01.2027T00:30:05');
    expect(securityCodeData(securityCodeInputOf(invoice))).toBe('1234567890301.01.2027 00:30:0517WEB11225.00');
    const bill = fiscalBillOf(invoice, { vatRegistered: true, securityCode: 'a'.repeat(32), subsequent: false });
    expect(bill).toMatchObject({ sequenceMark: 'N', vat: [{ rate: '25.00', base: '100.00', amount: '25.00' }], exempt: '100.00', total: '225.00', paymentMethod: 'T', operatorOib: '69435151530' });
    const storno = fiscalBillOf(invoiceAt('2026-06-01T08:00:00Z', 'credit_note'), { vatRegistered: true, securityCode: 'a'.repeat(32), subsequent: true });
    expect(storno).toMatchObject({ vat: [{ base: '-100.00', amount: '-25.00' }], total: '-125.00', subsequent: true });
  });

  it('makes the verification link with the JIR, or the ZKI until the JIR comes (spec 2.7)', () => {
    const invoice = invoiceAt('2026-06-01T08:05:00Z');
    expect(verificationUrl(invoice, { jir: null, zki: 'b'.repeat(32) })).toBe(`https://porezna.gov.hr/rn?zki=${'b'.repeat(32)}&datv=20260601_1005&izn=22500`);
    expect(verificationUrl(invoice, { jir: '12345678-1234-1234-1234-123456789012', zki: 'b'.repeat(32) })).toBe('https://porezna.gov.hr/rn?jir=12345678-1234-1234-1234-123456789012&datv=20260601_1005&izn=22500');
    expect(verificationUrl(invoiceAt('2026-06-01T08:05:00Z', 'credit_note'), { jir: null, zki: 'c'.repeat(32) })).toMatch(/&izn=-12500$/u);
  });

  it('finds a payment reference in the free text of a bank', () => {
    expect(referenceInText('Uplata HR00 2-2026-17 hvala')).toBe('HR00 2-2026-17');
    expect(referenceInText('placanje po racunu 2-2026-4')).toBe('2-2026-4');
    expect(referenceInText('za ponudu HR00 1-2026-3')).toBe('HR00 1-2026-3');
    expect(referenceInText('bez poziva')).toBe('');
  });
});

let portal: InMemoryPortal;
let billing: Actor;

async function orderFor(entityType: 'person' | 'doo', domain: string) {
  const owner = await givenOwner(portal.services, { entityType });
  const actor: Actor = { kind: 'user', userId: owner.user.id, memberships: [{ accountId: owner.account.id, role: 'owner', permissions: [] }] };
  const placed = await new PlaceOrder(portal.services).asMember(actor, { accountId: owner.account.id, items: [{ productCode: 'HOST-START', domainName: domain }] }, META);
  if (!placed.ok) throw new Error('order failed');
  const quote = [...portal.store.quotes.values()].find((q) => q.accountId === owner.account.id)!;
  return { owner, actor, quote };
}

const pay = async (reference: string, amountCents: number, tx: string) => {
  const result = await new RecordPayment(portal.services).execute(billing, { bankTransactionId: tx, amountCents, receivedOn: '2026-11-25', reference: `HR00 ${reference}`, payerName: 'Kupac' }, META);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

beforeEach(async () => {
  portal = inMemoryPortal();
  await seedCatalog(portal.services);
  const staff = await givenStaff(portal.services, ['billing']);
  billing = { kind: 'staff', staffId: staff.id, roles: ['billing'] };
});

describe("a consumer's invoice", () => {
  it('gets its ZKI at issue and its JIR from the job, once; the PDF prints both and the QR link', async () => {
    const { quote, owner, actor } = await orderFor('person', 'gradanin.hr');
    const { invoice } = await pay(quote.paymentReference.number, quote.grossCents, 'TX-1');
    const record = portal.store.fiscalRecords.get(invoice!.id)!;
    expect(record).toMatchObject({ status: 'pending', jir: null, securityCode: expect.stringMatching(/^[a-f0-9]{32}$/u) });
    expect(portal.store.invoiceDocuments.has(`${invoice!.id}:pdf`)).toBe(false);
    expect(portal.store.dispatches.size).toBe(0);
    await portal.worker.drain();
    const done = portal.store.fiscalRecords.get(invoice!.id)!;
    expect(done).toMatchObject({ status: 'fiscalized', jir: expect.stringMatching(/^[0-9a-f-]{36}$/u), issuedWithoutJir: false });
    expect(portal.outside.fiscalizer.fiscalized).toHaveLength(1);
    expect(portal.outside.fiscalizer.fiscalized[0]).toMatchObject({ securityCode: record.securityCode, subsequent: false, total: (invoice!.grossCents / 100).toFixed(2) });
    const pdf = new TextDecoder().decode(portal.store.invoiceDocuments.get(`${invoice!.id}:pdf`)!.bytes);
    expect(pdf).toContain(`ZKI ${record.securityCode} JIR ${done.jir}`);
    expect(pdf).toContain(`https://porezna.gov.hr/rn?jir=${done.jir}`);
    // Run again (a retried job): nothing is sent twice.
    await portal.services.uow.run((scope) => scope.jobs.enqueue('fiscal.invoice', { invoiceId: invoice!.id }));
    await portal.worker.drain();
    expect(portal.outside.fiscalizer.fiscalized).toHaveLength(1);
    const delivery = await new InvoiceDeliveries(portal.services).forClient(actor, owner.account.id, invoice!.id);
    expect(delivery.ok && delivery.value.fiscal).toMatchObject({ jir: done.jir, status: 'fiscalized', verificationUrl: expect.stringContaining(`jir=${done.jir}`) });
  });

  it('is issued with its ZKI while the service is down, waits in the staff queue, and gets its JIR by subsequent delivery', async () => {
    portal.outside.fiscalizer.down = true;
    const { quote } = await orderFor('person', 'kasnije.hr');
    const { invoice } = await pay(quote.paymentReference.number, quote.grossCents, 'TX-2');
    expect(await portal.worker.drain()).toBe(1);
    expect(portal.store.fiscalRecords.get(invoice!.id)).toMatchObject({ status: 'pending', jir: null, issuedWithoutJir: true, attempts: 1, lastError: expect.stringContaining('down') });
    const pdf = new TextDecoder().decode(portal.store.invoiceDocuments.get(`${invoice!.id}:pdf`)!.bytes);
    expect(pdf).toContain('JIR -');
    expect(pdf).toContain('https://porezna.gov.hr/rn?zki=');
    const deliveries = new InvoiceDeliveries(portal.services);
    expect(await deliveries.counts(billing)).toEqual({ waitingFiscal: 1, needingAction: 0 });
    const queue = await deliveries.waitingFiscalization(billing, null);
    expect(queue.ok && queue.value.items.map((i) => i.invoice?.number)).toEqual([invoice!.number]);
    portal.outside.fiscalizer.down = false;
    expect(await portal.worker.drain()).toBe(0);
    expect(portal.store.fiscalRecords.get(invoice!.id)).toMatchObject({ status: 'fiscalized', attempts: 2 });
    expect(portal.outside.fiscalizer.fiscalized.map((b) => b.subsequent)).toEqual([true]);
    // The PDF the buyer got (ZKI only) stays as it was issued.
    expect(new TextDecoder().decode(portal.store.invoiceDocuments.get(`${invoice!.id}:pdf`)!.bytes)).toContain('JIR -');
    expect(await deliveries.counts(billing)).toEqual({ waitingFiscal: 0, needingAction: 0 });
  });

  it('is refused for staff without the billing role, and its delivery is hidden from another account', async () => {
    const { quote, owner } = await orderFor('person', 'tajno.hr');
    const { invoice } = await pay(quote.paymentReference.number, quote.grossCents, 'TX-3');
    const support = await givenStaff(portal.services, ['support']);
    const deliveries = new InvoiceDeliveries(portal.services);
    expect((await deliveries.forStaff({ kind: 'staff', staffId: support.id, roles: ['support'] }, invoice!.id)).ok).toBe(false);
    const other = await givenOwner(portal.services);
    const stranger: Actor = { kind: 'user', userId: other.user.id, memberships: [{ accountId: other.account.id, role: 'owner', permissions: [] }] };
    expect(await deliveries.forClient(stranger, owner.account.id, invoice!.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await deliveries.forClient(stranger, other.account.id, invoice!.id)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe("a business's eRačun", () => {
  it('is sent once, delivered, rejected by the buyer into the staff queue, and answered with a credit note', async () => {
    const { quote } = await orderFor('doo', 'firma-racun.hr');
    const { invoice } = await pay(quote.paymentReference.number, quote.grossCents, 'TX-4');
    expect(portal.store.fiscalRecords.size).toBe(0);
    expect(portal.store.dispatches.get(invoice!.id)).toMatchObject({ status: 'queued', intermediary: 'in-memory' });
    await portal.worker.drain();
    const sent = portal.store.dispatches.get(invoice!.id)!;
    expect(sent).toMatchObject({ status: 'sent', documentId: expect.any(String) });
    expect(portal.outside.exchange.documents.map((d) => d.number)).toEqual([invoice!.number]);
    await portal.services.uow.run((scope) => scope.jobs.enqueue('einvoice.send', { invoiceId: invoice!.id }));
    await portal.worker.drain();
    expect(portal.outside.exchange.documents).toHaveLength(1);
    const poll = new PollEInvoices(portal.services);
    expect(await poll.execute()).toMatchObject({ checked: 1, delivered: 1, rejected: 0 });
    portal.outside.exchange.reject(sent.documentId!, 'Iznos ne odgovara narudžbi');
    expect(await poll.execute()).toMatchObject({ rejected: 1 });
    expect(await poll.execute()).toMatchObject({ rejected: 0 });
    const deliveries = new InvoiceDeliveries(portal.services);
    const queue = await deliveries.needingAction(billing, null);
    expect(queue.ok && queue.value.items.map((i) => [i.invoice?.number, i.item.rejectionReason])).toEqual([[invoice!.number, 'Iznos ne odgovara narudžbi']]);
    const credit = await new IssueCreditNote(portal.services).execute(billing, invoice!.id, 'Odbijeni eRačun', META);
    expect(credit.ok).toBe(true);
    expect(await deliveries.counts(billing)).toEqual({ waitingFiscal: 0, needingAction: 0 });
    await portal.worker.drain();
    expect(portal.outside.exchange.documents).toHaveLength(2);
  });

  it('reports each payment of it (eIzvještavanje) once, the collected part only; a consumer payment is not reported', async () => {
    const { quote } = await orderFor('doo', 'placa.hr');
    const { invoice } = await pay(quote.paymentReference.number, 1000, 'TX-5');
    await pay(invoice!.paymentReference.number, invoice!.grossCents, 'TX-6');
    await pay(invoice!.paymentReference.number, 1000, 'TX-6');
    await pay(invoice!.paymentReference.number, 500, 'TX-7');
    await portal.worker.drain();
    expect(portal.outside.paymentReporter.accepted.map((p) => p.amountCents)).toEqual([1000, invoice!.grossCents - 1000]);
    expect(portal.outside.paymentReporter.accepted[0]).toMatchObject({ invoiceNumber: invoice!.number, sellerOib: '12345678903', buyerOib: invoice!.buyer.oib, paidOn: '2026-11-25', method: 'T' });
    expect([...portal.store.paymentReports.values()].every((r) => r.status === 'accepted' && r.requestId)).toBe(true);
    const consumer = await orderFor('person', 'bez-prijave.hr');
    await pay(consumer.quote.paymentReference.number, consumer.quote.grossCents, 'TX-8');
    await portal.worker.drain();
    expect(portal.outside.paymentReporter.accepted).toHaveLength(2);
  });
});

describe("a foreign buyer's invoice", () => {
  it('goes as a PDF only, and through the intermediary as well once the buyer asked for eRačuni', async () => {
    const classify = new ClassifyBuyer(portal.services);
    const plain = await orderFor('doo', 'strani-a.hr');
    expect((await classify.execute(billing, plain.owner.account.id, { buyerClass: 'foreign_non_eu', vatNumber: '', country: 'US' }, META)).ok).toBe(true);
    const first = await pay(plain.quote.paymentReference.number, 1000, 'TX-F1');
    expect(portal.store.dispatches.has(first.invoice!.id)).toBe(false);
    expect(portal.store.fiscalRecords.has(first.invoice!.id)).toBe(false);
    const asking = await orderFor('doo', 'strani-b.hr');
    expect((await classify.execute(billing, asking.owner.account.id, { buyerClass: 'foreign_eu', vatNumber: 'DE123456789', country: 'DE', einvoiceRequested: true }, META)).ok).toBe(true);
    const second = await pay(asking.quote.paymentReference.number, 1000, 'TX-F2');
    expect(portal.store.dispatches.get(second.invoice!.id)).toMatchObject({ status: 'queued' });
    // Back in Croatia the classification decides: the request is dropped with the foreign class.
    expect((await classify.execute(billing, asking.owner.account.id, { buyerClass: 'vat_business', vatNumber: '', einvoiceRequested: true }, META)).ok && portal.store.accounts.get(asking.owner.account.id)!.einvoiceRequested).toBe(false);
  });
});

describe('a bank statement', () => {
  it('books every credit as a payment in one go, the same file twice books nothing new', async () => {
    const first = await orderFor('doo', 'izvod-a.hr');
    const second = await orderFor('person', 'izvod-b.hr');
    const file = camtStatement({
      credits: [
        { id: 'ZABA-1', amount: (first.quote.grossCents / 100).toFixed(2), reference: `HR00 ${first.quote.paymentReference.number}` },
        { id: 'ZABA-2', amount: '10.00', text: 'nepoznata uplata' },
      ],
      batch: { id: 'BATCH', credits: [{ id: 'ZABA-3', amount: (second.quote.grossCents / 100).toFixed(2), reference: `HR00 ${second.quote.paymentReference.number}` }] },
      extras: true,
    });
    const importer = new ImportBankStatement(portal.services);
    portal.clock.set(new Date('2026-11-30T17:00:00Z'));
    const result = await importer.execute(billing, { name: 'izvod.xml', bytes: new TextEncoder().encode(file) }, META);
    expect(result).toMatchObject({ ok: true, value: { statementId: 'STMT-1', credits: 3, booked: 3, duplicates: 0, unmatched: 1, skipped: 2 } });
    expect(portal.store.invoices.size).toBe(2);
    portal.clock.advance(60_000);
    const again = await importer.execute(billing, { name: 'izvod.xml', bytes: new TextEncoder().encode(file) }, META);
    expect(again).toMatchObject({ ok: true, value: { booked: 0, duplicates: 3 } });
    expect(portal.store.payments.size).toBe(3);
    const history = await importer.history(billing, null);
    expect(history.ok && history.value.items.map((s) => s.booked)).toEqual([0, 3]);
  });

  it('with one bad entry books nothing and names the line; support staff cannot import', async () => {
    const order = await orderFor('doo', 'izvod-c.hr');
    const file = camtStatement({ credits: [{ id: 'OK-1', amount: '1.00', reference: `HR00 ${order.quote.paymentReference.number}` }, { id: 'LATER-1', amount: '2.00', bookedOn: '2027-05-01' }] });
    const importer = new ImportBankStatement(portal.services);
    const result = await importer.execute(billing, { name: 'izvod.xml', bytes: new TextEncoder().encode(file) }, META);
    expect(result).toMatchObject({ ok: false, error: { code: 'statement.entry', details: { line: expect.any(Number), message: 'payment.date' } } });
    expect(portal.store.payments.size).toBe(0);
    const broken = await importer.execute(billing, { name: 'x.xml', bytes: new TextEncoder().encode('<Document><oops></Document>') }, META);
    expect(broken).toMatchObject({ ok: false, error: { code: 'statement.unreadable', details: { line: 1 } } });
    const support = await givenStaff(portal.services, ['support']);
    expect(await importer.execute({ kind: 'staff', staffId: support.id, roles: ['support'] }, { name: 'izvod.xml', bytes: new TextEncoder().encode(file) }, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
