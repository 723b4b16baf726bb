import { describe, expect, it } from 'vitest';
import type { Services } from '../../application/shared/services.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import { Ticket, TicketMessage } from '../../domain/support/ticket.js';
import { Contact } from '../../domain/contacts/contact.js';
import { Payment } from '../../domain/billing/payment.js';
import { email, givenOwner, givenStaff } from '../support/builders.js';
import { META } from '../support/in-memory-portal.js';

/** Tickets, their messages and attachments, the client search and the queue counts behave the same everywhere. */
export function describeTicketRepositoryContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`tickets and client search: ${name}`, () => {
    it('keeps tickets with their request, pages them by last activity, and keeps messages and attachments in order', async () => {
      const { services } = await make();
      const { user, account } = await givenOwner(services);
      const decider = await givenStaff(services, ['support']);
      const t0 = services.clock.now();
      const tickets = [0, 1, 2].map((i) =>
        Ticket.open({ id: services.ids.newId(), accountId: account.id, number: `T-C-${i}-${account.id.slice(0, 8)}`, subject: `S${i}`, department: 'technical', priority: 'normal', openedByUserId: user.id, request: i === 1 ? { kind: 'service.cancel', payload: { kind: 'service.cancel', serviceId: account.id } } : null, now: new Date(t0.getTime() + i * 1000) }),
      );
      await services.uow.run(async (scope) => {
        for (const t of tickets) await scope.tickets.add(t);
        const first = TicketMessage.write({ id: services.ids.newId(), ticketId: tickets[1]!.id, authorKind: 'user', authorId: user.id, authorName: 'Ana', body: ' prva ', now: t0 });
        const second = TicketMessage.write({ id: services.ids.newId(), ticketId: tickets[1]!.id, authorKind: 'staff', authorId: user.id, authorName: 'Iva', body: 'druga', now: new Date(t0.getTime() + 5000) });
        await scope.tickets.addMessage(second);
        await scope.tickets.addMessage(first);
        await scope.tickets.addAttachment({ id: services.ids.newId(), ticketId: tickets[1]!.id, messageId: first.id, fileName: 'a.pdf', type: 'application/pdf', bytes: 5, sha256: 'b'.repeat(64), createdAt: t0 }, 'sealed-a');
      });
      await services.uow.run(async (scope) => {
        const found = (await scope.tickets.findById(tickets[1]!.id))!;
        expect([found.requestKind, found.requestPayload, found.requestStatus]).toEqual(['service.cancel', { kind: 'service.cancel', serviceId: account.id }, 'pending']);
        expect((await scope.tickets.listMessages(found.id)).map((m) => [m.body, m.authorKind])).toEqual([['prva', 'user'], ['druga', 'staff']]);
        const [att] = await scope.tickets.listAttachments(found.id);
        expect([att?.fileName, att?.type, att?.bytes]).toEqual(['a.pdf', 'application/pdf', 5]);
        expect((await scope.tickets.attachment(att!.id))?.sealed).toBe('sealed-a');
        found.messageFrom('staff', new Date(t0.getTime() + 10_000));
        found.decideRequest('declined', decider.id, 'ne', new Date(t0.getTime() + 10_000));
        await scope.tickets.save(found);
      });
      await services.uow.run(async (scope) => {
        const page1 = await scope.tickets.listForAccount(account.id, 'all', { limit: 2 });
        expect(page1.items.map((t) => t.subject)).toEqual(['S1', 'S2']);
        const page2 = await scope.tickets.listForAccount(account.id, 'all', { limit: 2, after: page1.next });
        expect([page2.items.map((t) => t.subject), page2.next]).toEqual([['S0'], null]);
        expect((await scope.tickets.listForAccount(account.id, 'open', { limit: 10 })).items.map((t) => t.subject)).toEqual(['S2', 'S0']);
        expect((await scope.tickets.findById(tickets[1]!.id))?.requestStatus).toBe('declined');
        expect(await scope.tickets.countOpen()).toBeGreaterThanOrEqual(2);
      });
    });

    it('lists for a scoped contact only the tickets it opened and those about its services and domains', async () => {
      const { services } = await make();
      const { user: owner, account } = await givenOwner(services);
      const { user: contact } = await givenOwner(services);
      const [svc, otherSvc, dom] = [services.ids.newId(), services.ids.newId(), services.ids.newId()];
      const t0 = services.clock.now();
      const open = (subject: string, by: string, payload: Record<string, unknown> | null, i: number) =>
        Ticket.open({ id: services.ids.newId(), accountId: account.id, number: `T-V-${i}-${account.id.slice(0, 8)}`, subject, department: 'technical', priority: 'normal', openedByUserId: by, request: payload ? { kind: String(payload['kind']), payload } : null, now: new Date(t0.getTime() + i * 1000) });
      const all = [
        open('own', contact.id, null, 0),
        open('service', owner.id, { kind: 'service.cancel', serviceId: svc }, 1),
        open('other service', owner.id, { kind: 'service.cancel', serviceId: otherSvc }, 2),
        open('domain', owner.id, { kind: 'domain.transfer_code', domainId: dom }, 3),
        open('plain', owner.id, null, 4),
      ];
      await services.uow.run(async (scope) => {
        for (const t of all) await scope.tickets.add(t);
      });
      await services.uow.run(async (scope) => {
        const seen = await scope.tickets.listForAccount(account.id, 'all', { limit: 2 }, { userId: contact.id, serviceIds: [svc], domainIds: [dom] });
        expect(seen.items.map((t) => t.subject)).toEqual(['domain', 'service']);
        const rest = await scope.tickets.listForAccount(account.id, 'all', { limit: 2, after: seen.next }, { userId: contact.id, serviceIds: [svc], domainIds: [dom] });
        expect([rest.items.map((t) => t.subject), rest.next]).toEqual([['own'], null]);
        expect((await scope.tickets.listForAccount(account.id, 'all', { limit: 10 }, { userId: contact.id, serviceIds: [], domainIds: [] })).items.map((t) => t.subject)).toEqual(['own']);
        expect((await scope.tickets.listForAccount(account.id, 'all', { limit: 10 })).items).toHaveLength(5);
        expect((await scope.tickets.findById(all[1]!.id))?.serviceId).toBe(svc);
      });
    });

    it('finds accounts by OIB, address (also a contact’s), domain prefix and name prefix, case-insensitively', async () => {
      const { services } = await make();
      await seedCatalog(services);
      const { user, account } = await givenOwner(services, { email: `Ured-${Date.now()}@Pretraga.hr` });
      const actor = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
      const label = `trazilica-${account.id.slice(0, 8)}`;
      const order = await new PlaceOrder(services).asMember(actor, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: `${label}.hr` }] }, META);
      expect(order.ok).toBe(true);
      await services.uow.run(async (scope) => {
        await scope.contacts.add(Contact.add({ id: services.ids.newId(), accountId: account.id, name: 'K', email: email(`kontakt_${label}@x.hr`), locale: 'hr', permissions: [], scope: null, subscriptions: [], now: services.clock.now() }));
      });
      const ids = (found: Array<{ id: string }>) => found.map((a) => a.id);
      await services.uow.run(async (scope) => {
        expect(ids(await scope.accounts.search({ by: 'oib', value: account.oib }, 10))).toEqual([account.id]);
        expect(ids(await scope.accounts.search({ by: 'email', value: account.email.slice(0, 10) }, 10))).toContain(account.id);
        expect(ids(await scope.accounts.search({ by: 'email', value: `kontakt_${label}` }, 10))).toEqual([account.id]);
        // `_` is a character here, not a wildcard.
        expect(ids(await scope.accounts.search({ by: 'email', value: `kontakt-${label}` }, 10))).toEqual([]);
        expect(ids(await scope.accounts.search({ by: 'name', value: account.name.toLowerCase() }, 10))).toEqual([account.id]);
        expect(await scope.accounts.search({ by: 'domain', value: label }, 10)).toEqual([]);
      });
      const staff = await givenStaff(services, ['admin']);
      const { DecideOrder } = await import('../../application/ordering/decide-order.js');
      if (order.ok) await new DecideOrder(services).accept({ kind: 'staff', staffId: staff.id, roles: staff.roles }, order.value.id, META);
      await services.uow.run(async (scope) => {
        expect(ids(await scope.accounts.search({ by: 'domain', value: `${label}.h` }, 10))).toEqual([account.id]);
        expect((await scope.staff.listActiveWithRoles(['admin'])).map((s) => s.id)).toContain(staff.id);
        expect((await scope.staff.listActiveWithRoles(['verifier'])).map((s) => s.id)).not.toContain(staff.id);
      });
      // Counting unmatched payments: one more after an unmatched one is recorded.
      const before = await services.uow.run((scope) => scope.payments.countUnmatched());
      const payment = (tag: string) => Payment.record({ id: services.ids.newId(), bankTransactionId: `${tag}-${label}`, amountCents: 100, receivedOn: services.clock.now(), reference: '0-0-0', payerName: '', recordedByStaffId: staff.id, now: services.clock.now() });
      await services.uow.run(async (scope) => {
        await scope.payments.add(payment('U'));
      });
      expect(await services.uow.run((scope) => scope.payments.countUnmatched())).toBe(before + 1);
    });
  });
}
