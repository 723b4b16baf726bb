import { describe, expect, it } from 'vitest';
import { issueInvoice } from '../../application/billing/issue-invoice.js';
import type { Services } from '../../application/shared/services.js';
import { ClientNote } from '../../domain/backoffice/client-note.js';
import { Payment } from '../../domain/billing/payment.js';
import { givenOwner, givenStaff } from '../support/builders.js';

/** Staff notes, an account's payments and the recovery codes of a user behave the same on every adapter. */
export function describeBackofficeRepositoriesContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`back office repositories: ${name}`, () => {
    it('keeps notes per account, newest first, at most the limit', async () => {
      const { services } = await make();
      const a = await givenOwner(services);
      const b = await givenOwner(services);
      const staff = await givenStaff(services, ['support']);
      const note = (accountId: string, body: string, at: number) => {
        const made = ClientNote.write({ id: services.ids.newId(), accountId, staffId: staff.id, staffName: staff.name, body, now: new Date(services.clock.now().getTime() + at) });
        if (!made.ok) throw new Error('note refused');
        return made.value;
      };
      await services.uow.run(async (scope) => {
        await scope.clientNotes.add(note(a.account.id, 'prva', 0));
        await scope.clientNotes.add(note(a.account.id, 'druga', 1000));
        await scope.clientNotes.add(note(a.account.id, 'treća', 2000));
        await scope.clientNotes.add(note(b.account.id, 'tuđa', 3000));
      });
      await services.uow.run(async (scope) => {
        const found = await scope.clientNotes.listForAccount(a.account.id, 2);
        expect(found.map((n) => [n.body, n.staffName])).toEqual([['treća', staff.name], ['druga', staff.name]]);
        expect(found[0]!.createdAt).toBeInstanceOf(Date);
        expect((await scope.clientNotes.listForAccount(b.account.id, 10)).map((n) => n.body)).toEqual(['tuđa']);
      });
    });

    it('lists the payments matched to the invoices of one account, newest received first', async () => {
      const { services } = await make();
      const a = await givenOwner(services);
      const b = await givenOwner(services);
      const staff = await givenStaff(services, ['billing']);
      const issue = { lines: [{ description: 'Hosting', unitPriceCents: 1000, quantity: 1, vatRatePercent: 25, vatCategory: 'S' as const, exemption: null, kpdCode: '63.10.12', unitCode: 'ANN' as const, periodStart: null, periodEnd: null }], process: 'P1' as const, operator: { name: 'Ana', oib: '69435151530' } };
      const mine = await services.uow.run((scope) => issueInvoice(scope, services, { account: a.account, ...issue }));
      const theirs = await services.uow.run((scope) => issueInvoice(scope, services, { account: b.account, ...issue }));
      const pay = (tx: string, invoiceId: string | null, day: number) => {
        const p = Payment.record({ id: services.ids.newId(), bankTransactionId: tx, amountCents: 100, receivedOn: new Date(Date.UTC(2026, 10, day)), reference: '', payerName: '', recordedByStaffId: staff.id, now: services.clock.now() });
        if (invoiceId) p.matchTo(invoiceId);
        return p;
      };
      await services.uow.run(async (scope) => {
        await scope.payments.add(pay(`T1-${a.account.id}`, mine.id, 1));
        await scope.payments.add(pay(`T2-${a.account.id}`, mine.id, 3));
        await scope.payments.add(pay(`T3-${a.account.id}`, theirs.id, 4));
        await scope.payments.add(pay(`T4-${a.account.id}`, null, 5));
      });
      const found = await services.uow.run((scope) => scope.payments.listForAccount(a.account.id, 10));
      expect(found.map((p) => p.bankTransactionId)).toEqual([`T2-${a.account.id}`, `T1-${a.account.id}`]);
    });

    it('keeps the hashes of recovery codes with the user, and a used one is gone', async () => {
      const { services } = await make();
      const { user } = await givenOwner(services);
      await services.uow.run(async (scope) => {
        const found = (await scope.users.findById(user.id))!;
        expect(found.recoveryCodes).toEqual([]);
        found.replaceRecoveryCodes(['h1', 'h2', 'h3']);
        await scope.users.save(found);
      });
      await services.uow.run(async (scope) => {
        const found = (await scope.users.findById(user.id))!;
        expect(found.useRecoveryCode('h2')).toBe(true);
        expect(found.useRecoveryCode('h2')).toBe(false);
        await scope.users.save(found);
      });
      expect((await services.uow.run((scope) => scope.users.findById(user.id)))!.recoveryCodes).toEqual(['h1', 'h3']);
    });
  });
}
