import { beforeEach, describe, expect, it } from 'vitest';
import { AccountBilling } from '../../application/billing/account-billing.js';
import { IssueCreditNote } from '../../application/billing/issue-credit-note.js';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { parseReference } from '../../domain/billing/payment-reference.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

let portal: InMemoryPortal;
let billing: Actor;
let owner: Actor;
let accountId: string;
let quoteReference: string;

beforeEach(async () => {
  portal = inMemoryPortal();
  await seedCatalog(portal.services);
  const ana = await givenOwner(portal.services, { email: 'ana@firma.hr' });
  accountId = ana.account.id;
  owner = { kind: 'user', userId: ana.user.id, memberships: [{ accountId, role: 'owner', permissions: [] }] };
  const staff = await givenStaff(portal.services, ['billing']);
  billing = { kind: 'staff', staffId: staff.id, roles: ['billing'] };
  const placed = await new PlaceOrder(portal.services).asMember(owner, { accountId, items: [{ productCode: 'HOST-START', domainName: 'ana.hr' }, { productCode: 'DOM-HR', domainName: 'ana.hr' }] }, META);
  if (!placed.ok) throw new Error('order failed');
  quoteReference = [...portal.store.quotes.values()][0]!.paymentReference.number;
});

const pay = (over: Partial<Parameters<RecordPayment['execute']>[1]> = {}) =>
  new RecordPayment(portal.services).execute(billing, { bankTransactionId: 'TX-1', amountCents: 8488, receivedOn: '2026-11-25', reference: `HR00 ${quoteReference}`, payerName: 'Ana d.o.o.', ...over }, META);

describe('payment references', () => {
  it('normalise what a clerk or a statement gives', () => {
    expect(parseReference('HR00 1-2026-7')).toBe('1-2026-7');
    expect(parseReference(' 2 - 2026 - 17 ')).toBe('2-2026-17');
    expect(parseReference('hr00 1-2026-7')).toBe('1-2026-7');
    expect(parseReference('abc')).toBeNull();
    expect(parseReference('1-2-3-4')).toBeNull();
  });
});

describe('paying a quote', () => {
  it('accepts the quote and issues invoice 1/WEB1/1 with art. 79 content, paid in full', async () => {
    const result = await pay();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const invoice = result.value.invoice!;
    expect(invoice).toMatchObject({ number: '1/WEB1/1', kind: 'invoice', netCents: 6790, vatCents: 1698, grossCents: 8488, paidCents: 8488 });
    expect(invoice.paymentState()).toBe('paid');
    expect(invoice.seller).toMatchObject({ name: 'Hosting Prodavatelj d.o.o.', oib: '12345678903' });
    expect(invoice.buyer.oib).toMatch(/^\d{11}$/u);
    expect(invoice.vatGroups).toEqual([{ category: 'S', ratePercent: 25, exemption: null, netCents: 6790, vatCents: 1698 }]);
    expect(invoice.paymentReference).toEqual({ model: 'HR00', number: '2-2026-1' });
    expect([invoice.deliveryDate, invoice.dueDate, invoice.process]).toEqual(['2026-11-25', '2026-12-10', 'P1']);
    expect([...portal.store.quotes.values()][0]!.status).toBe('accepted');
    await portal.worker.drain();
    expect(portal.mailer.sent.some((m) => m.subject.includes('račun 1/WEB1/1'))).toBe(true);
  });

  it('records one payment for one bank transaction, however often it is entered', async () => {
    await pay();
    const again = await pay();
    expect(again.ok && again.value.duplicate).toBe(true);
    expect(portal.store.payments.size).toBe(1);
    expect([...portal.store.invoices.values()]).toHaveLength(1);
    expect([...portal.store.invoices.values()][0]!.paidCents).toBe(8488);
  });

  it('shows under- and over-payment, and keeps unmatched money visible', async () => {
    const under = await pay({ amountCents: 5000 });
    expect(under.ok && under.value.invoice?.paymentState()).toBe('partially_paid');
    expect(under.ok && under.value.invoice?.balanceCents()).toBe(3488);
    const invoiceRef = under.ok ? under.value.invoice!.paymentReference.number : '';
    const over = await pay({ bankTransactionId: 'TX-2', amountCents: 4000, reference: `HR00 ${invoiceRef}` });
    expect(over.ok && over.value.invoice?.paymentState()).toBe('overpaid');
    expect(over.ok && over.value.invoice?.balanceCents()).toBe(-512);
    const stray = await pay({ bankTransactionId: 'TX-3', amountCents: 100, reference: 'HR00 9-9-9' });
    expect(stray.ok && stray.value.invoice).toBeNull();
    const unmatched = await new RecordPayment(portal.services).list(billing, 'unmatched', null);
    expect(unmatched.ok && unmatched.value.items.map((p) => p.bankTransactionId)).toEqual(['TX-3']);
  });

  it('refuses bad input and staff without the billing role', async () => {
    expect((await pay({ amountCents: 0 })).ok).toBe(false);
    expect((await pay({ amountCents: 12.5 })).ok).toBe(false);
    expect((await pay({ receivedOn: '25.11.2026.' })).ok).toBe(false);
    expect((await pay({ bankTransactionId: 'bad id with spaces' })).ok).toBe(false);
    const support = await givenStaff(portal.services, ['support']);
    const refused = await new RecordPayment(portal.services).execute({ kind: 'staff', staffId: support.id, roles: ['support'] }, { bankTransactionId: 'TX-9', amountCents: 1, receivedOn: '2026-11-25', reference: '', payerName: '' }, META);
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    expect(portal.store.payments.size).toBe(0);
  });
});

describe('numbering and credit notes', () => {
  it('numbers invoices without gaps, restarting each year', async () => {
    await pay();
    const credit = await new IssueCreditNote(portal.services).execute(billing, [...portal.store.invoices.values()][0]!.id, 'Pogrešan iznos', META);
    expect(credit.ok && credit.value.number).toBe('2/WEB1/1');
    portal.clock.set(new Date('2027-01-01T08:00:00Z'));
    const placed = await new PlaceOrder(portal.services).asMember(owner, { accountId, items: [{ productCode: 'DOM-EU', domainName: 'ana.eu' }] }, META);
    const nextQuote = placed.ok ? [...portal.store.quotes.values()].find((q) => q.orderId === placed.value.id)! : null;
    const paid = await pay({ bankTransactionId: 'TX-2027', amountCents: 1613, reference: nextQuote!.paymentReference.number });
    expect(paid.ok && paid.value.invoice?.number).toBe('1/WEB1/1');
    expect(paid.ok && paid.value.invoice?.year).toBe(2027);
  });

  it('credits an invoice in full with negated lines, once', async () => {
    await pay();
    const invoice = [...portal.store.invoices.values()][0]!;
    const issue = new IssueCreditNote(portal.services);
    const credit = await issue.execute(billing, invoice.id, 'Klijent je otkazao', META);
    expect(credit.ok && [credit.value.kind, credit.value.grossCents, credit.value.correctsInvoiceId]).toEqual(['credit_note', -8488, invoice.id]);
    const twice = await issue.execute(billing, invoice.id, 'Opet', META);
    expect(!twice.ok && twice.error.code).toBe('credit.already_credited');
    expect(portal.store.invoices.get(invoice.id)!.grossCents).toBe(8488);
  });

  it('shows quotes and invoices to the owner, not to a contact without the right or another account', async () => {
    await pay();
    const view = new AccountBilling(portal.services);
    expect((await view.invoices(owner, accountId, 'paid', null)).ok && (await view.invoices(owner, accountId, 'paid', null))).toMatchObject({ value: { items: [{ number: '1/WEB1/1' }] } });
    const unpaid = await view.invoices(owner, accountId, 'unpaid', null);
    expect(unpaid.ok && unpaid.value.items).toEqual([]);
    const accountant: Actor = { kind: 'user', userId: 'acc', memberships: [{ accountId, role: 'contact', permissions: ['invoices'] }] };
    const techie: Actor = { kind: 'user', userId: 'tech', memberships: [{ accountId, role: 'contact', permissions: ['services'] }] };
    expect((await view.invoices(accountant, accountId, 'all', null)).ok).toBe(true);
    expect((await view.quotes(accountant, accountId, null)).ok).toBe(false);
    expect((await view.invoices(techie, accountId, 'all', null)).ok).toBe(false);
    const ivo = await givenOwner(portal.services);
    const stranger: Actor = { kind: 'user', userId: ivo.user.id, memberships: [{ accountId: ivo.account.id, role: 'owner', permissions: [] }] };
    const invoiceId = [...portal.store.invoices.values()][0]!.id;
    const probe = await view.invoice(stranger, ivo.account.id, invoiceId);
    expect(!probe.ok && probe.error.kind).toBe('not_found');
  });
});
