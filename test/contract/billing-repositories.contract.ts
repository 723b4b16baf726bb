import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueInvoice } from '../../application/billing/issue-invoice.js';
import type { Services } from '../../application/shared/services.js';
import type { InvoiceLine } from '../../domain/billing/invoice.js';
import { Payment } from '../../domain/billing/payment.js';
import { givenOwner, givenStaff } from '../support/builders.js';

const LINES: InvoiceLine[] = [
  { description: 'Web hosting Start — firma.hr (12 mj.)', unitPriceCents: 4800, quantity: 1, vatRatePercent: 25, vatCategory: 'S', exemption: null, kpdCode: '63.10.12', unitCode: 'ANN', periodStart: '2026-11-25', periodEnd: '2027-11-24' },
];
const ISSUE = { lines: LINES, process: 'P1', operator: { name: 'Ana Operaterka', oib: '69435151530' } } as const;

/** A clock that moves a millisecond every time it is read, so the order of reads shows in the times. */
const ticking = (services: Services): Services => {
  let at = services.clock.now().getTime();
  return { ...services, clock: { now: () => new Date((at += 1)) } };
};

/** Invoices and payments: gapless numbers under concurrency, documents that never change, one payment per bank transaction. */
export function describeBillingRepositoriesContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`billing repositories: ${name}`, () => {
    it('numbers concurrent invoices 1..n without a gap, and finds them by reference', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const issued = await Promise.all(Array.from({ length: 15 }, () => services.uow.run((scope) => issueInvoice(scope, services, { account, ...ISSUE }))));
      const year = services.clock.now().getUTCFullYear();
      expect(issued.map((i) => i.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(new Set(issued.map((i) => i.number)).size).toBe(15);
      await services.uow.run(async (scope) => {
        const found = await scope.invoices.findByReference(`2-${year}-7`);
        expect(found?.number).toBe('7/WEB1/1');
        expect(found?.buyer.name).toBe(account.name);
        expect(found?.lines).toEqual(LINES);
        expect(found?.issuedAt).toBeInstanceOf(Date);
      });
      await expect(
        services.uow.run(async (scope) => {
          await issueInvoice(scope, services, { account, ...ISSUE });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const next = await services.uow.run((scope) => issueInvoice(scope, services, { account, ...ISSUE }));
      expect(next.sequence).toBe(16);
    });

    it('reads the clock after the series lock: a later number never carries an earlier time', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const clocked = ticking(services);
      const issued = await Promise.all(Array.from({ length: 8 }, () => services.uow.run((scope) => issueInvoice(scope, clocked, { account, ...ISSUE }))));
      const bySequence = [...issued].sort((a, b) => a.sequence - b.sequence);
      expect(bySequence.map((i) => i.issuedAt.getTime())).toEqual([...bySequence.map((i) => i.issuedAt.getTime())].sort((a, b) => a - b));
    });

    it('archives the PDF and the eRačun at issue with their SHA-256, and never replaces them', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const invoice = await services.uow.run((scope) => issueInvoice(scope, services, { account, ...ISSUE }));
      const [pdf, ubl] = await services.uow.run(async (scope) => [await scope.archive.find(invoice.id, 'pdf'), await scope.archive.find(invoice.id, 'ubl')]);
      expect(new TextDecoder().decode(pdf!.bytes.slice(0, 5))).toBe('%PDF-');
      expect(pdf!.sha256).toBe(createHash('sha256').update(pdf!.bytes).digest('hex'));
      expect(ubl!.sha256).toBe(createHash('sha256').update(ubl!.bytes).digest('hex'));
      expect(new TextDecoder().decode(ubl!.bytes)).toContain(invoice.number);
      await expect(services.uow.run((scope) => scope.archive.store({ invoiceId: invoice.id, kind: 'ubl', mediaType: 'application/xml', bytes: new Uint8Array([1]), storedAt: new Date() }))).rejects.toThrow();
      const again = await services.uow.run((scope) => scope.archive.find(invoice.id, 'ubl'));
      expect(Buffer.from(again!.bytes).equals(Buffer.from(ubl!.bytes))).toBe(true);
      expect(await services.uow.run((scope) => scope.archive.find(services.ids.newId(), 'pdf'))).toBeNull();
    });

    it('stores the amount paid, lists paid and unpaid apart, and pages them', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const [a, b] = [await services.uow.run((s) => issueInvoice(s, services, { account, ...ISSUE })), await services.uow.run((s) => issueInvoice(s, services, { account, ...ISSUE }))];
      await services.uow.run(async (scope) => {
        const loaded = await scope.invoices.findById(a.id);
        loaded!.recordPayment(loaded!.grossCents);
        await scope.invoices.savePayment(loaded!);
      });
      await services.uow.run(async (scope) => {
        expect((await scope.invoices.listForAccount(account.id, 'paid', { limit: 10 })).items.map((i) => i.id)).toEqual([a.id]);
        expect((await scope.invoices.listForAccount(account.id, 'unpaid', { limit: 10 })).items.map((i) => i.id)).toEqual([b.id]);
        const first = await scope.invoices.listForAccount(account.id, 'all', { limit: 1 });
        const second = await scope.invoices.listForAccount(account.id, 'all', { after: first.next, limit: 1 });
        expect(new Set([first.items[0]?.id, second.items[0]?.id])).toEqual(new Set([a.id, b.id]));
        expect(second.next).toBeNull();
      });
    });

    it('keeps one payment per bank transaction and lists the unmatched ones', async () => {
      const { services } = await make();
      const staff = await givenStaff(services, ['billing']);
      const payment = (tx: string) => Payment.record({ id: services.ids.newId(), bankTransactionId: tx, amountCents: 100, receivedOn: services.clock.now(), reference: '9-9-9', payerName: 'X', recordedByStaffId: staff.id, now: services.clock.now() });
      await services.uow.run((scope) => scope.payments.add(payment('TX-A')));
      await expect(services.uow.run((scope) => scope.payments.add(payment('TX-A')))).rejects.toThrow();
      await services.uow.run(async (scope) => {
        expect((await scope.payments.findByBankTransaction('TX-A'))?.amountCents).toBe(100);
        expect((await scope.payments.list('unmatched', { limit: 10 })).items.map((p) => p.bankTransactionId)).toEqual(['TX-A']);
      });
    });
  });
}
