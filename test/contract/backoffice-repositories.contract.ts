import type { Invoice } from '../../domain/billing/invoice.js';
import { describe, expect, it } from 'vitest';
import { issueInvoice } from '../../application/billing/issue-invoice.js';
import type { Services } from '../../application/shared/services.js';
import { ClientNote } from '../../domain/backoffice/client-note.js';
import { Payment } from '../../domain/billing/payment.js';
import { email, givenOwner, givenStaff } from '../support/builders.js';
import { Contact } from '../../domain/contacts/contact.js';

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

    it('sorts oldest first and searches lists people search (invoice numbers, contact names and addresses), paging alike', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const issue = { lines: [{ description: 'Hosting', unitPriceCents: 1000, quantity: 1, vatRatePercent: 25, vatCategory: 'S' as const, exemption: null, kpdCode: '63.10.12', unitCode: 'ANN' as const, periodStart: null, periodEnd: null }], process: 'P1' as const, operator: { name: 'Ana', oib: '69435151530' } };
      const issued: Invoice[] = [];
      for (let i = 0; i < 3; i += 1) issued.push(await services.uow.run((scope) => issueInvoice(scope, { ...services, clock: { now: () => new Date(services.clock.now().getTime() + i * 1000) } }, { account, ...issue })));
      await services.uow.run(async (scope) => {
        const oldest = await scope.invoices.listForAccount(account.id, 'all', { limit: 2, oldestFirst: true });
        expect(oldest.items.map((i) => i.id)).toEqual([issued[0]!.id, issued[1]!.id]);
        const rest = await scope.invoices.listForAccount(account.id, 'all', { limit: 2, oldestFirst: true, after: oldest.next });
        expect([rest.items.map((i) => i.id), rest.next]).toEqual([[issued[2]!.id], null]);
        const found = await scope.invoices.listForAccount(account.id, 'all', { limit: 10, search: issued[1]!.number });
        expect(found.items.map((i) => i.id)).toEqual([issued[1]!.id]);
        expect((await scope.invoices.listForAccount(account.id, 'all', { limit: 10, search: '%' })).items).toEqual([]);
      });
      const contact = (name: string, address: string, at: number) =>
        Contact.add({ id: services.ids.newId(), accountId: account.id, name, email: email(address), locale: 'hr', permissions: [], scope: null, subscriptions: [], now: new Date(services.clock.now().getTime() + at) });
      await services.uow.run(async (scope) => {
        await scope.contacts.add(contact('Ana Horvat', 'ana@racunovodstvo.hr', 0));
        await scope.contacts.add(contact('Ivo Ivić', 'ivo@firma.hr', 1000));
        await scope.contacts.add(contact('Marija Anić', 'marija@firma.hr', 2000));
      });
      await services.uow.run(async (scope) => {
        expect((await scope.contacts.listForAccount(account.id, { limit: 10, search: 'AN' })).items.map((c) => c.name)).toEqual(['Marija Anić', 'Ana Horvat']);
        expect((await scope.contacts.listForAccount(account.id, { limit: 10, search: 'racunovodstvo' })).items.map((c) => c.name)).toEqual(['Ana Horvat']);
        expect((await scope.contacts.listForAccount(account.id, { limit: 10, oldestFirst: true })).items.map((c) => c.name)).toEqual(['Ana Horvat', 'Ivo Ivić', 'Marija Anić']);
      });
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
