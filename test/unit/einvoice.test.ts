import { describe, expect, it } from 'vitest';
import { XmlBuilderUblWriter } from '../../adapters/ubl/xmlbuilder2-ubl-writer.js';
import { AccountBilling } from '../../application/billing/account-billing.js';
import { ClassifyBuyer } from '../../application/billing/classify-buyer.js';
import { IssueDirectInvoice, type DirectInvoiceLine } from '../../application/billing/issue-direct-invoice.js';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { addMonths, zagrebDate, zagrebTime, zagrebYear } from '../../domain/billing/calendar.js';
import type { EInvoice } from '../../domain/billing/einvoice.js';
import { fromLatin2Bytes, hub3Payload, toLatin2Bytes, toLatin2Text } from '../../domain/billing/hub3.js';
import { isCroatianIban, isValidIban } from '../../domain/billing/iban.js';
import { loadConfig } from '../../web/config.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { inMemoryPortal, META } from '../support/in-memory-portal.js';

describe('the Zagreb calendar of documents', () => {
  it('dates, times and the numbering year follow Europe/Zagreb, not UTC', () => {
    const newYear = new Date('2025-12-31T23:30:00Z');
    expect([zagrebDate(newYear), zagrebTime(newYear), zagrebYear(newYear)]).toEqual(['2026-01-01', '00:30:00', 2026]);
    const summer = new Date('2026-07-14T22:59:59Z');
    expect(zagrebDate(summer)).toBe('2026-07-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('numbers the first invoice issued at 00:30 on 1 January Zagreb time in the new year', async () => {
    const portal = inMemoryPortal(new Date('2025-12-31T23:30:00Z'));
    await seedCatalog(portal.services);
    const staff = await givenStaff(portal.services, ['billing']);
    const { account } = await givenOwner(portal.services);
    const issued = await new IssueDirectInvoice(portal.services).execute({ kind: 'staff', staffId: staff.id, roles: ['billing'] }, { accountId: account.id, dueDate: '2026-01-15', lines: [line()] }, META);
    expect(issued.ok && [issued.value.year, issued.value.number, issued.value.paymentReference.number, issued.value.deliveryDate, issued.value.dueDate]).toEqual([2026, '1/WEB1/1', '2-2026-1', '2026-01-01', '2026-01-15']);
  });
});

const line = (over: Partial<DirectInvoiceLine> = {}): DirectInvoiceLine => ({ description: 'Održavanje', unitPriceCents: 10000, quantity: 1, vat: 'S25', kpdCode: '62.20.42', unitCode: 'HUR', ...over });

describe('direct invoices name what the eRačun needs', () => {
  const setup = async () => {
    const portal = inMemoryPortal();
    const staff = await givenStaff(portal.services, ['billing']);
    const { account } = await givenOwner(portal.services);
    const actor: Actor = { kind: 'staff', staffId: staff.id, roles: ['billing'] };
    const issue = (lines: DirectInvoiceLine[], dueDate = '2026-12-10') => new IssueDirectInvoice(portal.services).execute(actor, { accountId: account.id, dueDate, lines }, META);
    return { portal, account, actor, issue };
  };

  it('refuses a line without a KPD code, a unit, a reason for 0 % or exemption, or with a broken period', async () => {
    const { issue, portal } = await setup();
    const code = async (l: DirectInvoiceLine[], due?: string) => {
      const r = await issue(l, due);
      return r.ok ? 'ok' : `${r.error.code}@${(r.error.details as { field?: string }).field ?? ''}`;
    };
    expect(await code([line({ kpdCode: '6310' })])).toMatch(/^invoice\.kpd/u);
    expect(await code([line({ unitCode: 'KG' })])).toMatch(/^invoice\.unit/u);
    expect(await code([line({ vat: 'E' })])).toMatch(/^invoice\.exemption_reason/u);
    expect(await code([line({ vat: 'Z', exemptionReason: 'x' })])).toMatch(/^invoice\.exemption_reason/u);
    expect(await code([line({ periodStart: '2026-12-01' })])).toMatch(/^invoice\.period/u);
    expect(await code([line({ periodStart: '2026-12-01', periodEnd: '2026-11-01' })])).toMatch(/^invoice\.period/u);
    expect(await code([line({ vat: 'E', exemptionReason: 'Oslobođeno po čl. 39.' }), line({ vat: 'E', exemptionReason: 'Oslobođeno po čl. 40.' })])).toBe('invoice.one_reason@');
    expect(await code([line()], '2026-11-24')).toMatch(/^invoice\.due_date/u);
    expect(portal.store.invoices.size).toBe(0);
  });

  it('keeps the due date as the day staff typed, whatever the season', async () => {
    const { issue, portal } = await setup();
    portal.clock.set(new Date('2026-06-10T08:00:00Z'));
    const issued = await issue([line()], '2026-07-15');
    expect(issued.ok && issued.value.dueDate).toBe('2026-07-15');
  });

  it('names the staff member with an OIB as operator, otherwise the configured system operator', async () => {
    const { issue, portal, actor } = await setup();
    const without = await issue([line()]);
    expect(without.ok && without.value.operator).toEqual(portal.services.settings.billing.operator);
    await portal.services.uow.run(async (scope) => {
      const staff = await scope.staff.findById((actor as { staffId: string }).staffId);
      staff!.oib = '94577403194';
      await scope.staff.save(staff!);
    });
    const named = await issue([line()]);
    expect(named.ok && named.value.operator).toEqual({ name: expect.stringMatching(/^Staff/u), oib: '94577403194' });
  });

  it('reverse-charges an EU business with a VAT number and keeps Croatian VAT for a domestic one', async () => {
    const { issue, portal, actor, account } = await setup();
    const domestic = await issue([line()]);
    expect(domestic.ok && domestic.value.vatGroups).toMatchObject([{ category: 'S', ratePercent: 25, vatCents: 2500 }]);
    const classify = new ClassifyBuyer(portal.services);
    expect((await classify.execute(actor, account.id, { buyerClass: 'foreign_eu', vatNumber: 'ATU12345678', country: 'DE' }, META)).ok).toBe(false);
    expect((await classify.execute(actor, account.id, { buyerClass: 'foreign_eu', vatNumber: 'DE123456789', country: 'HR' }, META)).ok).toBe(false);
    expect((await classify.execute({ kind: 'staff', staffId: 'x', roles: ['support'] }, account.id, { buyerClass: 'foreign_eu', vatNumber: 'DE123456789', country: 'DE' }, META)).ok).toBe(false);
    expect((await classify.execute(actor, account.id, { buyerClass: 'foreign_eu', vatNumber: 'de 123 456 789', country: 'de' }, META)).ok).toBe(true);
    const abroad = await issue([line()]);
    expect(abroad.ok && [abroad.value.grossCents, abroad.value.vatGroups[0]?.category, abroad.value.buyer.vatNumber, abroad.value.buyer.country]).toEqual([10000, 'AE', 'DE123456789', 'DE']);
    expect(abroad.ok && abroad.value.vatGroups[0]?.exemption?.code).toBe('VATEX-EU-AE');
    expect(portal.store.audit.some((a) => a.action === 'staff.buyer_classified')).toBe(true);
  });
});

describe('quotes follow the buyer classification', () => {
  it('quotes a reverse-charged EU business without Croatian VAT, so its invoice matches what it pays', async () => {
    const portal = inMemoryPortal();
    await seedCatalog(portal.services);
    const { account, user } = await givenOwner(portal.services);
    const staff = await givenStaff(portal.services, ['billing']);
    const clerk: Actor = { kind: 'staff', staffId: staff.id, roles: ['billing'] };
    expect((await new ClassifyBuyer(portal.services).execute(clerk, account.id, { buyerClass: 'foreign_eu', vatNumber: 'SI12345678', country: 'SI' }, META)).ok).toBe(true);
    const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
    expect((await new PlaceOrder(portal.services).asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: 'eu-firma.eu' }] }, META)).ok).toBe(true);
    const quote = [...portal.store.quotes.values()][0]!;
    expect([quote.netCents, quote.vatCents, quote.grossCents]).toEqual([4800, 0, 4800]);
    const paid = await new RecordPayment(portal.services).execute(clerk, { bankTransactionId: 'EU-1', amountCents: 4800, receivedOn: '2026-11-25', reference: quote.paymentReference.number, payerName: '' }, META);
    expect(paid.ok && [paid.value.invoice?.paymentState(), paid.value.invoice?.vatGroups[0]?.category]).toEqual(['paid', 'AE']);
  });
});

describe('the eRačun of a paid order, read back', () => {
  it('carries the catalog KPD code, the unit, the service period, the process and the HR00 reference; the same rights as the PDF', async () => {
    const portal = inMemoryPortal();
    await seedCatalog(portal.services);
    const { account, user } = await givenOwner(portal.services);
    const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
    const staff = await givenStaff(portal.services, ['billing']);
    await new PlaceOrder(portal.services).asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-BIZ', domainName: 'kpd.hr' }, { productCode: 'DOM-HR', domainName: 'kpd.hr' }] }, META);
    const quote = [...portal.store.quotes.values()][0]!;
    const paid = await new RecordPayment(portal.services).execute({ kind: 'staff', staffId: staff.id, roles: ['billing'] }, { bankTransactionId: 'K-1', amountCents: quote.grossCents, receivedOn: '2026-11-25', reference: quote.paymentReference.number, payerName: '' }, META);
    const invoice = paid.ok ? paid.value.invoice! : null;
    const billing = new AccountBilling(portal.services);
    const file = await billing.invoiceUbl(owner, account.id, invoice!.id);
    if (!file.ok) throw new Error('no eRačun');
    const doc = JSON.parse(new TextDecoder().decode(file.value.bytes)) as EInvoice;
    expect(doc).toMatchObject({ profileId: 'P1', id: invoice!.number, issueDate: '2026-11-25', issueTime: '10:00:00', dueDate: '2026-12-10', typeCode: '380', payment: { code: '30', paymentId: 'HR00 2-2026-1', iban: 'HR1210010051863000160' } });
    expect(doc.lines.map((l) => [l.kpd, l.unitCode, l.period?.start, l.period?.end, l.tax.hrName])).toEqual([
      ['63.10.12', 'ANN', '2026-11-25', '2027-11-24', 'HR:PDV25'],
      ['63.10.13', 'ANN', '2026-11-25', '2027-11-24', 'HR:PDV25'],
    ]);
    expect(doc.buyer).toMatchObject({ endpoint: { scheme: '9934', id: account.oib }, vatId: `HR${account.oib}` });
    const again = await billing.invoiceUbl(owner, account.id, invoice!.id);
    expect(again.ok && Buffer.from(again.value.bytes).equals(Buffer.from(file.value.bytes))).toBe(true);
    const techie: Actor = { kind: 'user', userId: 't', memberships: [{ accountId: account.id, role: 'contact', permissions: ['services'] }] };
    expect(await billing.invoiceUbl(techie, account.id, invoice!.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const other = await givenOwner(portal.services);
    const stranger: Actor = { kind: 'user', userId: other.user.id, memberships: [{ accountId: other.account.id, role: 'owner', permissions: [] }] };
    expect(await billing.invoiceUbl(stranger, other.account.id, invoice!.id)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('the XML writer escapes what it is given and writes no empty element', () => {
    const portal = inMemoryPortal();
    void portal;
    const xml = new TextDecoder().decode(
      new XmlBuilderUblWriter().write({
        documentType: 'Invoice', customizationId: 'c', profileId: 'P1', id: '1/WEB1/1', issueDate: '2026-11-25', issueTime: '10:00:00', dueDate: '2026-12-10', typeCode: '380', notes: [], currency: 'EUR', billingReference: null,
        seller: { endpoint: { scheme: '9934', id: '12345678903' }, name: 'A & B <d.o.o.>', street: 'S', city: 'C', postalZone: '10000', country: 'HR', vatId: 'HR12345678903', companyId: null },
        operator: null,
        buyer: { endpoint: { scheme: 'EM', id: 'x@example.de' }, name: 'B', street: 'S', city: 'C', postalZone: '1', country: 'DE', vatId: null, companyId: null },
        deliveryDate: '2026-11-25', payment: { code: '30', paymentId: 'HR00 2-2026-1', iban: 'HR1210010051863000160', note: '' }, taxTotal: '0.00', subtotals: [], hrExtension: null,
        totals: { lineExtension: '0.00', taxExclusive: '0.00', taxInclusive: '0.00', payable: '0.00' }, lines: [],
      }),
    );
    expect(xml).toContain('<cbc:RegistrationName>A &amp; B &lt;d.o.o.&gt;</cbc:RegistrationName>');
    expect(xml).not.toMatch(/<(cbc|cac):\w+\/>|<(cbc|cac):(\w+)[^>]*><\/\1:\2>/u);
    expect(xml).not.toContain('SellerContact');
  });
});

describe('HUB-3 barcode text', () => {
  it('knows ISO 8859-2 byte for byte, as an independent decoder reads it', () => {
    const decoder = new TextDecoder('iso-8859-2');
    for (let byte = 0xa0; byte <= 0xff; byte += 1) {
      const ch = decoder.decode(Uint8Array.from([byte]));
      expect(toLatin2Bytes(ch), ch).toEqual(Uint8Array.from([byte]));
    }
  });

  it('keeps Croatian letters, ü and ß; spells "—", æ, ñ; leaves out emoji; never writes "?"', () => {
    expect(toLatin2Text('Müller — Straße 5 ☕ Čakovec')).toBe('Müller - Straße 5 Čakovec');
    expect(toLatin2Text('Ærø Niño “quoted” €')).toBe('AEro Nino "quoted" EUR');
    const payload = hub3Payload({
      amountCents: 12345,
      payer: { name: '🚀 Rocket — Šibenik d.o.o.', street: 'Ulica 1', place: '22000 Šibenik' },
      payee: { name: 'Hosting Prodavatelj d.o.o. i partneri', street: 'Radnička cesta 80', place: '10000 Zagreb', iban: 'HR1210010051863000160' },
      model: 'HR00',
      reference: '2-2026-17',
      purposeCode: 'OTHR',
      description: 'Račun 17/WEB1/1',
    });
    const fields = payload.split('\n');
    expect(fields[3]).toBe('Rocket - Šibenik d.o.o.');
    expect(fields[6]).toBe('Hosting Prodavatelj d.o.o'); // cut to 25 and trimmed, never a trailing space
    expect(payload).not.toContain('?');
    expect(fromLatin2Bytes(toLatin2Bytes(payload))).toBe(payload);
    expect(() => hub3Payload({ amountCents: 1, payer: { name: 'a', street: 'b', place: 'c' }, payee: { name: 'a', street: 'b', place: 'c', iban: 'HR1210010051863000161' }, model: 'HR00', reference: '1', purposeCode: 'OTHR', description: 'x' })).toThrow(/IBAN/u);
  });

  it('trims a field the cut leaves ending in a space', () => {
    const payload = hub3Payload({ amountCents: 1, payer: { name: 'Obrt za usluge Ana    Anić, vlas Ana', street: '  Ilica 1  ', place: '10000 Zagreb' }, payee: { name: 'Prodavatelj', street: 'Ulica', place: '10000 Zagreb', iban: 'HR1210010051863000160' }, model: 'HR00', reference: '1', purposeCode: 'OTHR', description: 'x' });
    const [, , , name, street] = payload.split('\n');
    expect(name).toBe('Obrt za usluge Ana Anić, vlas');
    expect(street).toBe('Ilica 1');
  });
});

describe('the seller IBAN', () => {
  it('is checked with its mod-97 check digits', () => {
    expect(isValidIban('HR1210010051863000160')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isCroatianIban('HR1210010051863000161')).toBe(false);
  });

  it('is refused at start when a digit is wrong', () => {
    expect(() => loadConfig({ SELLER_IBAN: 'HR1210010051863000161' })).toThrow(/SELLER_IBAN has a wrong check digit/u);
    expect(loadConfig({ SELLER_IBAN: 'HR12 1001 0051 8630 0016 0' }).billing.iban).toBe('HR1210010051863000160');
    expect(() => loadConfig({ INVOICE_OPERATOR_OIB: '12345678901' })).toThrow(/INVOICE_OPERATOR_OIB/u);
  });
});
