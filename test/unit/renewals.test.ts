import { describe, expect, it } from 'vitest';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { RunRenewals } from '../../application/billing/run-renewals.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { DecideOrder } from '../../application/ordering/decide-order.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { inMemoryPortal, META } from '../support/in-memory-portal.js';

describe('renewal timeline (controlled clock)', () => {
  it('quotes 30 days ahead, reminds 7 days ahead, suspends at expiry, cancels after grace; each mailed once; paying renews', async () => {
    const portal = inMemoryPortal(new Date('2026-01-10T10:00:00Z'));
    await seedCatalog(portal.services);
    const { account, user } = await givenOwner(portal.services, { email: 'obnova@firma.hr' });
    const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
    const admin = await givenStaff(portal.services, ['admin']);
    const staff: Actor = { kind: 'staff', staffId: admin.id, roles: ['admin'] };
    const order = await new PlaceOrder(portal.services).asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: 'obnova.hr' }, { productCode: 'DOM-HR', domainName: 'obnova.hr' }] }, META);
    if (!order.ok) throw new Error('order failed');
    expect((await new DecideOrder(portal.services).accept(staff, order.value.id, META)).ok).toBe(true);
    await portal.worker.drain();
    const mailsBefore = portal.mailer.sent.length;
    const run = () => new RunRenewals({ ...portal.services, policy: portal.services.settings.billing.renewal }).execute();
    const subjects = () => portal.mailer.sent.slice(mailsBefore).map((m) => m.subject);

    expect(await run()).toEqual({ quoted: 0, reminded: 0, suspended: 0, cancelled: 0 });
    portal.clock.set(new Date('2026-12-11T12:00:00Z'));
    expect(await run()).toEqual({ quoted: 2, reminded: 0, suspended: 0, cancelled: 0 });
    expect(await run()).toEqual({ quoted: 0, reminded: 0, suspended: 0, cancelled: 0 });
    await portal.worker.drain();
    expect(subjects().filter((s) => s.includes('za produženje'))).toHaveLength(2);

    portal.clock.set(new Date('2027-01-03T12:00:00Z'));
    expect((await run()).reminded).toBe(2);
    expect((await run()).reminded).toBe(0);

    const service = [...portal.store.services.values()][0]!;
    const renewalQuote = [...portal.store.quotes.values()].find((q) => q.renewalId !== null && q.lines[0]?.kind === 'hosting')!;
    expect(renewalQuote.grossCents).toBe(6000);
    const paid = await new RecordPayment(portal.services).execute(staff, { bankTransactionId: 'RN-1', amountCents: 6000, receivedOn: '2027-01-03', reference: renewalQuote.paymentReference.number, payerName: '' }, META);
    expect(paid.ok && paid.value.invoice?.paymentState()).toBe('paid');
    expect(portal.store.services.get(service.id)!.expiresAt.toISOString()).toBe('2028-01-10T10:00:00.000Z');

    portal.clock.set(new Date('2027-01-10T10:00:00Z'));
    expect(await run()).toEqual({ quoted: 0, reminded: 0, suspended: 1, cancelled: 0 });
    const domain = [...portal.store.domains.values()][0]!;
    expect(portal.store.domains.get(domain.id)!.status).toBe('suspended');
    expect(portal.store.services.get(service.id)!.status).toBe('active');

    portal.clock.set(new Date('2027-01-24T10:00:00Z'));
    expect((await run()).cancelled).toBe(0);
    portal.clock.set(new Date('2027-01-25T10:00:00Z'));
    expect((await run()).cancelled).toBe(1);
    expect(await run()).toEqual({ quoted: 0, reminded: 0, suspended: 0, cancelled: 0 });
    expect(portal.store.domains.get(domain.id)!.status).toBe('cancelled');
    await portal.worker.drain();
    const all = subjects();
    expect(all.filter((s) => s.includes('podsjetnik'))).toHaveLength(2);
    expect(all.filter((s) => s.includes('privremeno isključen'))).toHaveLength(1);
    expect(all.filter((s) => s.includes('je ukinut'))).toHaveLength(1);
    expect(all.filter((s) => s.includes('račun'))).toHaveLength(1);
  });
});
