import { INVOICE_SUMMARY } from '../../domain/billing/invoice.js';
import { QUOTE_SUMMARY } from '../../domain/billing/quote.js';
import { describe, expect, it } from 'vitest';
import { ClientDirectory } from '../../application/backoffice/client-directory.js';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { EmailChange } from '../../application/email-change/email-change.js';
import { DecideOrder } from '../../application/ordering/decide-order.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import { ManageProfile } from '../../application/profile/manage-profile.js';
import { ServiceActions } from '../../application/services/service-actions.js';
import type { Page } from '../../application/ports/repositories.js';
import type { Services } from '../../application/shared/services.js';
import { Tickets } from '../../application/support/tickets.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { PDF } from '../support/documents.js';
import { givenContact, givenOwner, givenStaff, PASSWORD } from '../support/builders.js';
import { META } from '../support/in-memory-portal.js';

/** Own enumerable fields only: what a page can read of an object, whichever way it was loaded. */
const plain = (o: object) => Object.fromEntries(Object.keys(o).map((k) => [k, (o as Record<string, unknown>)[k]]));
const plainPage = (page: Page<object>) => ({ items: page.items.map(plain), next: page.next });
const plainAccounts = (accounts: ReadonlyMap<string, object>) => Object.fromEntries([...accounts].map(([id, a]) => [id, plain(a)]));

/** Walks every page of a list from the read model and from the repository side by side; they must agree page by page. */
async function samePages(what: string, read: (after: string | null) => Promise<Page<object>>, repository: (after: string | null) => Promise<Page<object>>): Promise<number> {
  let after: string | null = null;
  let pages = 0;
  let items = 0;
  do {
    const fromRead: Page<object> = await read(after);
    expect(plainPage(fromRead), `${what}, page ${pages + 1}`).toEqual(plainPage(await repository(after)));
    after = fromRead.next;
    pages += 1;
    items += fromRead.items.length;
  } while (after && pages < 30);
  return items;
}

/**
 * Read models of the back office: the staff home's counts, the queues with their clients, the payments, undelivered
 * mail and the client view answer exactly what the repositories answer (same objects, order and cursors), on data made
 * by the real use cases.
 */
export function describeBackOfficeReadsContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`BackOfficeReads: ${name}`, () => {
    /** Two clients with accepted and pending orders, payments matched and not, tickets, an email change, notes and mail. */
    const given = async () => {
      const { services } = await make();
      await seedCatalog(services);
      const staffMember = await givenStaff(services, ['admin']);
      const staff: Actor = { kind: 'staff', staffId: staffMember.id, roles: ['admin'] };
      const placeOrder = new PlaceOrder(services);
      const decide = new DecideOrder(services);
      const tickets = new Tickets(services, { serviceActions: new ServiceActions(services), profile: new ManageProfile(services), placeOrder });
      const clients = [];
      for (const n of [0, 1]) {
        const { user, account } = await givenOwner(services);
        const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
        for (let i = 0; i < 3; i += 1) {
          const order = await placeOrder.asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: `ured-${n}${i}-${account.id.slice(0, 6)}.hr` }] }, META);
          if (!order.ok) throw new Error(`order: ${order.error.code}`);
          // The last order of each client waits in the queue.
          if (i < 2 && !(await decide.accept(staff, order.value.id, META)).ok) throw new Error('accept');
        }
        const quotes = await services.uow.run((scope) => scope.quotes.listForAccount(account.id, 'all', { limit: 10 }));
        const paid = await new RecordPayment(services).execute(staff, { bankTransactionId: `URED-${n}-${account.id}`, amountCents: quotes.items.at(-1)!.grossCents, receivedOn: services.clock.now().toISOString().slice(0, 10), reference: quotes.items.at(-1)!.paymentReference.number, payerName: 'Firma' }, META);
        if (!paid.ok) throw new Error(`payment: ${paid.error.code}`);
        for (let i = 0; i < 3; i += 1) {
          const opened = await tickets.open(owner, account.id, { subject: `Upit ${n}${i}`, department: 'technical', priority: 'normal', body: 'Tekst' }, META);
          if (!opened.ok) throw new Error(`ticket: ${opened.error.code}`);
        }
        clients.push({ user, account, owner });
      }
      // A payment no invoice matches, an email change waiting, notes, a contact, mail that could not be sent.
      const pay = new RecordPayment(services);
      for (const i of [0, 1]) await pay.execute(staff, { bankTransactionId: `NEPOZNATO-${i}-${clients[0]!.account.id}`, amountCents: 1000, receivedOn: services.clock.now().toISOString().slice(0, 10), reference: 'HR00 9-9999-9', payerName: `Netko ${i}` }, META);
      const [first] = clients;
      const asked = await new EmailChange(services).requestAsOwner(first!.owner, first!.account.id, { password: PASSWORD, newEmail: 'novi-ured@firma.hr', document: PDF }, META);
      if (!asked.ok) throw new Error(`email change: ${asked.error.code}`);
      const directory = new ClientDirectory(services);
      for (const body of ['Zove samo ujutro.', 'Plaća uvijek na vrijeme.']) if (!(await directory.addNote(staff, first!.account.id, body, META)).ok) throw new Error('note');
      await givenContact(services, first!.account.id, { permissions: ['invoices'] });
      const mails = await services.uow.run((scope) => scope.mails.listForAccount(first!.account.id, { limit: 3 }));
      const now = services.clock.now();
      await services.uow.run(async (scope) => {
        for (const [i, mail] of mails.items.entries()) {
          await scope.mails.claimForDelivery(mail.id, now, new Date(now.getTime() - 3_600_000));
          await scope.mails.markFailed(mail.id, '550 no such user');
          if (i === 0) await scope.mails.markUndeliverable(mail.id, 'gave up');
        }
      });
      return { services, clients, staff };
    };

    it('count the queues as the repositories do, and only those asked for', async () => {
      const { services } = await given();
      await services.uow.read(async (scope) => {
        const all = await scope.backOffice.counts({ orders: true, payments: true, emailChanges: true, tickets: true, undeliveredMail: true, deliveries: true });
        expect(all).toEqual({
          orders: await scope.orders.countPending(),
          payments: await scope.payments.countUnmatched(),
          emailChanges: await scope.emailChanges.countAwaitingReview(),
          tickets: await scope.tickets.countOpen(),
          undeliveredMail: await scope.mails.countUndeliverable(),
          deliveries: { waitingFiscal: await scope.fiscal.countWaiting(), needingAction: await scope.dispatches.countNeedingAction() },
        });
        expect([all.orders, all.payments, all.tickets, all.undeliveredMail]).toEqual([2, 2, 6, 1]);
        expect(await scope.backOffice.counts({ orders: false, payments: false, emailChanges: false, tickets: false, undeliveredMail: false, deliveries: false })).toEqual({
          orders: null, payments: null, emailChanges: null, tickets: null, undeliveredMail: null, deliveries: null,
        });
      });
    });

    it('page the queues, payments and undelivered mail as the repositories do, with the clients of each page', async () => {
      const { services, clients } = await given();
      await services.uow.read(async (scope) => {
        for (const order of [{}, { oldestFirst: true }]) {
          const orders = await samePages('orders', async (after) => {
            const queue = await scope.backOffice.orderQueue({ after, limit: 1, ...order });
            expect(queue.count).toBe(await scope.orders.countPending());
            expect(plainAccounts(queue.accounts)).toEqual(plainAccounts(new Map((await scope.accounts.listByIds(queue.page.items.map((o) => o.accountId!))).map((a) => [a.id, a]))));
            return queue.page;
          }, (after) => scope.orders.listPending({ after, limit: 1, ...order }));
          expect(orders).toBe(2);
          for (const filter of ['all', 'open', 'closed'] as const) {
            await samePages(`tickets ${filter}`, async (after) => {
              const queue = await scope.backOffice.ticketQueue(filter, { after, limit: 4, ...order });
              expect([...queue.accounts.keys()].sort()).toEqual([...new Set(queue.page.items.map((t) => t.accountId))].sort());
              return queue.page;
            }, (after) => scope.tickets.listQueue(filter, { after, limit: 4, ...order }));
          }
          for (const filter of ['all', 'unmatched'] as const) await samePages(`payments ${filter}`, (after) => scope.backOffice.payments(filter, { after, limit: 1, ...order }), (after) => scope.payments.list(filter, { after, limit: 1, ...order }));
        }
        // Searches look in the same words as the repositories'.
        const number = (await scope.orders.listPending({ limit: 1 })).items[0]!.number;
        expect((await scope.backOffice.orderQueue({ limit: 5, search: number.slice(-6) })).page.items.map((o) => o.number)).toEqual([number]);
        expect(plainPage((await scope.backOffice.ticketQueue('all', { limit: 10, search: 'upit 1' })).page)).toEqual(plainPage(await scope.tickets.listQueue('all', { limit: 10, search: 'upit 1' })));
        expect((await scope.backOffice.ticketQueue('all', { limit: 10, search: 'upit 1' })).page.items).toHaveLength(3);
        expect((await scope.backOffice.payments('all', { limit: 10, search: 'netko 1' })).items.map((p) => p.payerName)).toEqual(['Netko 1']);
        expect((await scope.backOffice.orderQueue({ limit: 5, search: '100%_' })).page.items).toEqual([]);
        const changes = await samePages('email changes', async (after) => {
          const queue = await scope.backOffice.emailChangeQueue({ after, limit: 1 });
          expect([...queue.accounts.keys()]).toEqual(queue.page.items.length ? [clients[0]!.account.id] : []);
          return queue.page;
        }, (after) => scope.emailChanges.listQueue({ after, limit: 1 }));
        expect(changes).toBe(1);
        expect(await samePages('undelivered mail', (after) => scope.backOffice.undeliveredMail({ after, limit: 1 }), (after) => scope.mails.listUndelivered({ after, limit: 1 }))).toBe(3);
      });
    });

    it('show the whole client as the repositories do, with the names of who acted; nothing for an unknown account', async () => {
      const { services, clients } = await given();
      const { account } = clients[0]!;
      await services.uow.read(async (scope) => {
        const picture = (await scope.backOffice.clientPicture(account.id, { section: 2, recent: 2 }, 'full'))!;
        const audit = (await scope.audit.list({ accountId: account.id }, { limit: 2 })).items;
        expect({
          account: plain(picture.account),
          owner: plain(picture.owner!),
          services: picture.services.map(plain),
          domains: picture.domains.map(plain),
          openQuotes: picture.openQuotes.map(plain),
          unpaidInvoices: picture.unpaidInvoices.map(plain),
          contacts: picture.contacts.map(plain),
          tickets: picture.tickets.map(plain),
          emailChanges: picture.emailChanges.map(plain),
          audit: picture.audit.map(plain),
          invoices: picture.invoices.map(plain),
          payments: picture.payments.map(plain),
          notes: picture.notes.map(plain),
        }).toEqual({
          account: plain((await scope.accounts.findById(account.id))!),
          owner: plain((await scope.users.findById(account.ownerUserId))!),
          services: (await scope.services.listForAccount(account.id, { limit: 2 })).items.map(plain),
          domains: (await scope.domains.listForAccount(account.id, { limit: 2 })).items.map(plain),
          openQuotes: (await scope.quotes.listOpenForAccount(account.id)).map(plain),
          unpaidInvoices: (await scope.invoices.listForAccount(account.id, 'unpaid', { limit: 2 })).items.map(plain),
          contacts: (await scope.contacts.listForAccount(account.id, { limit: 2 })).items.map(plain),
          tickets: (await scope.tickets.listForAccount(account.id, 'all', { limit: 2 })).items.map(plain),
          emailChanges: (await scope.emailChanges.listUndecidedForAccount(account.id)).map(plain),
          audit: audit.map(plain),
          invoices: (await scope.invoices.listForAccount(account.id, 'all', { limit: 2 })).items.map(plain),
          payments: (await scope.payments.listForAccount(account.id, 2)).map(plain),
          notes: (await scope.clientNotes.listForAccount(account.id, 2)).map(plain),
        });
        // The page's view: the same quotes and invoices as lists show them, the rest as whole.
        const summary = (await scope.backOffice.clientPicture(account.id, { section: 2, recent: 2 }, 'summary'))!;
        const cut = (keys: readonly string[]) => (item: object) => Object.fromEntries(keys.map((k) => [k, (item as Record<string, unknown>)[k]]));
        expect(summary.openQuotes.map(plain)).toEqual(picture.openQuotes.map(cut(QUOTE_SUMMARY)));
        expect(summary.unpaidInvoices.map(plain)).toEqual(picture.unpaidInvoices.map(cut(INVOICE_SUMMARY)));
        expect(summary.invoices.map(plain)).toEqual(picture.invoices.map(cut(INVOICE_SUMMARY)));
        expect(summary.invoices.length).toBeGreaterThan(0);
        expect(summary.services.map(plain)).toEqual(picture.services.map(plain));
        // Each part is limited and holds only this client's things.
        expect([picture.services.length, picture.tickets.length, picture.notes.length, picture.emailChanges.length, picture.openQuotes.length, picture.payments.length]).toEqual([2, 2, 2, 1, 2, 1]);
        expect(picture.tickets.every((t) => t.accountId === account.id)).toBe(true);
        // The names of everyone in the entries shown, owner and staff in words.
        const actors = [...new Set(audit.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
        expect(actors.length).toBeGreaterThan(0);
        expect(Object.keys(picture.people).sort()).toEqual(actors.sort());
        const staffEntry = (await scope.audit.list({ accountId: account.id }, { limit: 100 })).items.find((e) => e.actorKind === 'staff')!;
        const wider = (await scope.backOffice.clientPicture(account.id, { section: 50, recent: 100 }, 'summary'))!;
        expect(wider.people[staffEntry.actorId!]).toMatchObject({ role: 'staff', staffRoles: ['admin'] });
        expect(wider.people[account.ownerUserId]).toMatchObject({ role: 'owner' });
        expect(await scope.backOffice.clientPicture(crypto.randomUUID(), { section: 2, recent: 2 }, 'summary')).toBeNull();
      });
    });
  });
}
