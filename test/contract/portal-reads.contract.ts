import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import { DecideOrder } from '../../application/ordering/decide-order.js';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { IssueDirectInvoice } from '../../application/billing/issue-direct-invoice.js';
import { Tickets } from '../../application/support/tickets.js';
import { ServiceActions } from '../../application/services/service-actions.js';
import { ManageProfile } from '../../application/profile/manage-profile.js';
import type { Services } from '../../application/shared/services.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { INVOICE_SUMMARY } from '../../domain/billing/invoice.js';
import { QUOTE_SUMMARY } from '../../domain/billing/quote.js';
import { givenContact, givenOwner, givenStaff } from '../support/builders.js';
import { META } from '../support/in-memory-portal.js';

/** Own enumerable fields only: what a page can read of an object, whichever way it was loaded. */
const plain = (o: object) => Object.fromEntries(Object.keys(o).map((k) => [k, (o as Record<string, unknown>)[k]]));
const plainPage = <T extends object>(page: { items: readonly T[]; next: string | null }) => ({ items: page.items.map(plain), next: page.next });
/** A repository's page cut down to what a list shows: what the summaries must answer. */
const cut = <T extends object>(keys: readonly string[]) => (page: { items: readonly T[]; next: string | null }) => ({ items: page.items.map((item) => Object.fromEntries(keys.map((k) => [k, (item as Record<string, unknown>)[k]]))), next: page.next });
const quoteCut = cut(QUOTE_SUMMARY);
const invoiceCut = cut(INVOICE_SUMMARY);

/**
 * Read models of the busiest pages: they answer exactly what the repositories answer (same objects, same order, same
 * cursors) on data made by the real use cases, and the signed-in person with their memberships in one read.
 */
export function describePortalReadsContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`PortalReads: ${name}`, () => {
    /** An owner with three orders accepted (services, domains, quotes), two paid (invoices), tickets and mail. */
    const given = async () => {
      const { services } = await make();
      await seedCatalog(services);
      const { user, account } = await givenOwner(services);
      const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
      const staffMember = await givenStaff(services, ['admin']);
      const staff: Actor = { kind: 'staff', staffId: staffMember.id, roles: ['admin'] };
      const placeOrder = new PlaceOrder(services);
      const decide = new DecideOrder(services);
      for (let i = 0; i < 3; i += 1) {
        const order = await placeOrder.asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: `citanje-${i}-${account.id.slice(0, 6)}.hr` }, { productCode: 'DOM-HR', domainName: `citanje-${i}-${account.id.slice(0, 6)}.hr` }] }, META);
        if (!order.ok) throw new Error(`order: ${order.error.code}`);
        const accepted = await decide.accept(staff, order.value.id, META);
        if (!accepted.ok) throw new Error(`accept: ${accepted.error.code}`);
      }
      const quotes = await services.uow.run((scope) => scope.quotes.listForAccount(account.id, 'all', { limit: 10 }));
      const pay = new RecordPayment(services);
      for (const [i, quote] of quotes.items.slice(0, 2).entries()) {
        const paid = await pay.execute(staff, { bankTransactionId: `CITANJE-${i}-${account.id}`, amountCents: quote.grossCents, receivedOn: services.clock.now().toISOString().slice(0, 10), reference: quote.paymentReference.number, payerName: 'Firma' }, META);
        if (!paid.ok) throw new Error(`payment: ${paid.error.code}`);
      }
      const serviceActions = new ServiceActions(services);
      const profile = new ManageProfile(services);
      const tickets = new Tickets(services, { serviceActions, profile, placeOrder });
      for (let i = 0; i < 3; i += 1) {
        const opened = await tickets.open(owner, account.id, { subject: `Pitanje ${i}`, department: 'technical', priority: 'normal', body: 'Tekst' }, META);
        if (!opened.ok) throw new Error(`ticket: ${opened.error.code}`);
      }
      return { services, user, account, owner, staffMember };
    };

    it('list services, domains, quotes, invoices, tickets and mail as the repositories do, page by page', async () => {
      const { services, account } = await given();
      await services.uow.read(async (scope) => {
        const pairs: Array<[string, (after: string | null) => Promise<{ items: readonly object[]; next: string | null }>, (after: string | null) => Promise<{ items: readonly object[]; next: string | null }>]> = [
          ['services', (after) => scope.reads.services(account.id, { after, limit: 2 }, null), (after) => scope.services.listForAccount(account.id, { after, limit: 2 }, null)],
          ['domains', (after) => scope.reads.domains(account.id, { after, limit: 2 }, null), (after) => scope.domains.listForAccount(account.id, { after, limit: 2 }, null)],
          ['quotes', (after) => scope.reads.quotes(account.id, 'all', { after, limit: 2 }), (after) => scope.quotes.listForAccount(account.id, 'all', { after, limit: 2 })],
          ['open quotes', (after) => scope.reads.quotes(account.id, 'open', { after, limit: 2 }), (after) => scope.quotes.listForAccount(account.id, 'open', { after, limit: 2 })],
          ['invoices', (after) => scope.reads.invoices(account.id, 'all', { after, limit: 1 }), (after) => scope.invoices.listForAccount(account.id, 'all', { after, limit: 1 })],
          ['paid invoices', (after) => scope.reads.invoices(account.id, 'paid', { after, limit: 1 }), (after) => scope.invoices.listForAccount(account.id, 'paid', { after, limit: 1 })],
          ['tickets', (after) => scope.reads.tickets(account.id, 'all', { after, limit: 2 }, null), (after) => scope.tickets.listForAccount(account.id, 'all', { after, limit: 2 }, null)],
          ['quote summaries', (after) => scope.reads.quoteSummaries(account.id, 'all', { after, limit: 2 }), async (after) => quoteCut(await scope.quotes.listForAccount(account.id, 'all', { after, limit: 2 }))],
          ['invoice summaries', (after) => scope.reads.invoiceSummaries(account.id, 'all', { after, limit: 1 }), async (after) => invoiceCut(await scope.invoices.listForAccount(account.id, 'all', { after, limit: 1 }))],
          ['paid invoice summaries', (after) => scope.reads.invoiceSummaries(account.id, 'paid', { after, limit: 1 }), async (after) => invoiceCut(await scope.invoices.listForAccount(account.id, 'paid', { after, limit: 1 }))],
        ];
        for (const [what, read, repository] of pairs) {
          let after: string | null = null;
          let pages = 0;
          do {
            const fromRead: { items: readonly object[]; next: string | null } = await read(after);
            const fromRepository = await repository(after);
            expect(plainPage(fromRead), `${what}, page ${pages + 1}`).toEqual(plainPage(fromRepository));
            after = fromRead.next;
            pages += 1;
          } while (after && pages < 20);
          // Every list but the one open quote spans pages, so the cursors are compared too.
          if (what !== 'open quotes') expect(pages, what).toBeGreaterThan(1);
        }
        const listed = await scope.reads.services(account.id, { limit: 25 }, null);
        expect(listed.items.length).toBe(3);
        expect(listed.items[0]).toBeInstanceOf(HostedService);
        expect((await scope.reads.domains(account.id, { limit: 25 }, null)).items[0]).toBeInstanceOf(RegisteredDomain);
        expect((await scope.reads.invoices(account.id, 'unpaid', { limit: 25 })).items).toEqual([]);
        expect((await scope.reads.invoiceSummaries(account.id, 'unpaid', { limit: 25 })).items).toEqual([]);
        // A summary is only what a list shows, typed as the entity types it (instants as dates), and read-only.
        const [invoice] = (await scope.reads.invoiceSummaries(account.id, 'all', { limit: 1 })).items;
        const [quote] = (await scope.reads.quoteSummaries(account.id, 'all', { limit: 1 })).items;
        expect(Object.keys(invoice!).sort()).toEqual([...INVOICE_SUMMARY].sort());
        expect(Object.keys(quote!).sort()).toEqual([...QUOTE_SUMMARY].sort());
        expect([invoice!.issuedAt, quote!.issuedAt, quote!.validUntil].every((d) => d instanceof Date)).toBe(true);
        expect(Object.isFrozen(invoice) && Object.isFrozen(quote)).toBe(true);
      });
    });

    it('sort oldest first and search as the repositories do (people sort and search the account lists)', async () => {
      const { services, account } = await given();
      await services.uow.read(async (scope) => {
        const [invoice] = (await scope.invoices.listForAccount(account.id, 'all', { limit: 1 })).items;
        const [quote] = (await scope.quotes.listForAccount(account.id, 'all', { limit: 1 })).items;
        for (const extra of [{ oldestFirst: true }, { search: invoice!.number }, { search: quote!.number }, { search: 'pitanje 1', oldestFirst: true }, { search: '%' }]) {
          const page = { limit: 1, ...extra };
          const pairs: Array<[string, (after: string | null) => Promise<{ items: readonly object[]; next: string | null }>, (after: string | null) => Promise<{ items: readonly object[]; next: string | null }>]> = [
            ['quotes', (after) => scope.reads.quotes(account.id, 'all', { ...page, after }), (after) => scope.quotes.listForAccount(account.id, 'all', { ...page, after })],
            ['invoices', (after) => scope.reads.invoices(account.id, 'all', { ...page, after }), (after) => scope.invoices.listForAccount(account.id, 'all', { ...page, after })],
            ['tickets', (after) => scope.reads.tickets(account.id, 'all', { ...page, after }, null), (after) => scope.tickets.listForAccount(account.id, 'all', { ...page, after }, null)],
            ['quote summaries', (after) => scope.reads.quoteSummaries(account.id, 'all', { ...page, after }), async (after) => quoteCut(await scope.quotes.listForAccount(account.id, 'all', { ...page, after }))],
            ['invoice summaries', (after) => scope.reads.invoiceSummaries(account.id, 'all', { ...page, after }), async (after) => invoiceCut(await scope.invoices.listForAccount(account.id, 'all', { ...page, after }))],
          ];
          for (const [what, read, repository] of pairs) {
            let after: string | null = null;
            let pages = 0;
            do {
              const fromRead: { items: readonly object[]; next: string | null } = await read(after);
              expect(plainPage(fromRead), `${what} ${JSON.stringify(extra)}, page ${pages + 1}`).toEqual(plainPage(await repository(after)));
              after = fromRead.next;
              pages += 1;
            } while (after && pages < 20);
          }
        }
        expect((await scope.reads.invoices(account.id, 'all', { limit: 5, search: invoice!.number })).items.map((i) => i.id)).toEqual([invoice!.id]);
        expect((await scope.reads.tickets(account.id, 'all', { limit: 5, search: 'PITANJE 1' }, null)).items.map((t) => t.subject)).toEqual(['Pitanje 1']);
        const oldest = await scope.reads.quotes(account.id, 'all', { limit: 5, oldestFirst: true });
        expect(oldest.items.map((q) => q.id)).toEqual((await scope.reads.quotes(account.id, 'all', { limit: 5 })).items.map((q) => q.id).reverse());
      });
    });

    it('limit a contact to the services, domains and tickets the policy names', async () => {
      const { services, account, user } = await given();
      const [first] = (await services.uow.read((scope) => scope.reads.services(account.id, { limit: 1 }, null))).items;
      const [domain] = (await services.uow.read((scope) => scope.reads.domains(account.id, { limit: 1 }, null))).items;
      await services.uow.read(async (scope) => {
        expect((await scope.reads.services(account.id, { limit: 25 }, [first!.id])).items.map((s) => s.id)).toEqual([first!.id]);
        expect((await scope.reads.services(account.id, { limit: 25 }, [])).items).toEqual([]);
        expect((await scope.reads.domains(account.id, { limit: 25 }, [domain!.id])).items.map((d) => d.id)).toEqual([domain!.id]);
        // Tickets the owner opened are theirs; a contact limited to nothing of them sees none.
        expect((await scope.reads.tickets(account.id, 'all', { limit: 25 }, { userId: user.id, serviceIds: [], domainIds: [] })).items).toHaveLength(3);
        expect((await scope.reads.tickets(account.id, 'all', { limit: 25 }, { userId: crypto.randomUUID(), serviceIds: [first!.id], domainIds: [domain!.id] })).items).toEqual([]);
        // Another account's lists are empty, whoever asks.
        expect((await scope.reads.services(crypto.randomUUID(), { limit: 25 }, null)).items).toEqual([]);
      });
    });

    it('read the session with the person and their memberships, or with the staff member', async () => {
      const { services, account, user, staffMember } = await given();
      const { account: second } = await givenOwner(services);
      const { user: contactUser, contact } = await givenContact(services, account.id, { permissions: ['invoices', 'services'], scope: { serviceIds: ['6d7f4a5e-0000-4000-8000-000000000001'], domainIds: [] } });
      const userSession = await services.uow.run((scope) => scope.sessions.create('user', contactUser.id, { clientAddress: '192.0.2.1', userAgent: 'contract' }));
      const staffSession = await services.uow.run((scope) => scope.sessions.create('staff', staffMember.id, { clientAddress: '192.0.2.1', userAgent: 'contract' }));
      await services.uow.read(async (scope) => {
        const found = await scope.reads.userSession(scope.sessions.idOf(userSession.token));
        expect(found?.session).toEqual(userSession.session);
        expect(found?.signedIn.user.id).toBe(contactUser.id);
        expect(found?.signedIn.ownedAccountIds).toEqual([]);
        expect(found?.signedIn.grants).toEqual([{ accountId: account.id, permissions: contact.permissions, scope: { serviceIds: ['6d7f4a5e-0000-4000-8000-000000000001'], domainIds: [] } }]);
        // Sessions of one kind are never read as the other.
        expect(await scope.reads.staffSession(scope.sessions.idOf(userSession.token))).toBeNull();
        expect(await scope.reads.userSession(scope.sessions.idOf(staffSession.token))).toBeNull();
        expect(await scope.reads.userSession(scope.sessions.idOf('no such token'))).toBeNull();
        const staff = await scope.reads.staffSession(scope.sessions.idOf(staffSession.token));
        expect(staff?.staff.id).toBe(staffMember.id);
        expect(staff?.staff.roles).toEqual(['admin']);
        expect(staff?.session).toEqual(staffSession.session);
        const owner = await scope.reads.signedInUser(user.id);
        expect(owner?.ownedAccountIds).toEqual([account.id]);
        expect(owner?.grants).toEqual([]);
        expect(await scope.reads.signedInUser(crypto.randomUUID())).toBeNull();
      });
      expect(second.id).not.toBe(account.id);
    });

    it('answer the dashboard with the parts the query allows, for the chosen account or the first by name', async () => {
      const { services, account, user, staffMember } = await given();
      const { account: other } = await givenOwner(services);
      const dueDate = new Date(services.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
      const unpaid = await new IssueDirectInvoice(services).execute({ kind: 'staff', staffId: staffMember.id, roles: ['admin'] }, { accountId: account.id, dueDate, lines: [{ description: 'Održavanje', unitPriceCents: 10000, quantity: 1, vat: 'S25', kpdCode: '62.20.30', unitCode: 'HUR' }] }, META);
      if (!unpaid.ok) throw new Error(`invoice: ${unpaid.error.code}`);
      const all = { accounts: [account.id] };
      const none = { accounts: [] };
      const base = { detail: 'full' as const, userId: user.id, accountIds: [account.id, other.id], announcementsSince: new Date(0), announcementLimit: 5, limit: 25 };
      await services.uow.read(async (scope) => {
        const full = await scope.reads.dashboard({ ...base, accountId: account.id, services: all, domains: all, quotes: all, invoices: all });
        expect(full.accounts.map((a) => a.id).sort()).toEqual([account.id, other.id].sort());
        expect(full.account?.id).toBe(account.id);
        expect(full.services?.map(plain)).toEqual((await scope.services.listForAccount(account.id, { limit: 25 })).items.map(plain));
        expect(full.domains).toHaveLength(3);
        expect(full.openQuotes).toHaveLength(1);
        expect(full.openQuotes!.map(plain)).toEqual((await scope.quotes.listForAccount(account.id, 'open', { limit: 25 })).items.map(plain));
        expect(full.unpaidInvoices!.map(plain)).toEqual((await scope.invoices.listForAccount(account.id, 'unpaid', { limit: 25 })).items.map(plain));
        expect(full.unpaidInvoices!.map((i) => i.id)).toEqual([unpaid.value.id]);
        // The page's dashboard: the same quotes and invoices as a list shows them.
        const summary = await scope.reads.dashboard({ ...base, detail: 'summary', accountId: account.id, services: all, domains: all, quotes: all, invoices: all });
        expect(quoteCut({ items: full.openQuotes!, next: null })).toEqual(plainPage({ items: summary.openQuotes!, next: null }));
        expect(invoiceCut({ items: full.unpaidInvoices!, next: null })).toEqual(plainPage({ items: summary.unpaidInvoices!, next: null }));
        expect(Object.keys(summary.unpaidInvoices![0]!).sort()).toEqual([...INVOICE_SUMMARY].sort());
        expect(Object.keys(summary.openQuotes![0]!).sort()).toEqual([...QUOTE_SUMMARY].sort());
        expect(summary.services?.map(plain)).toEqual(full.services?.map(plain));
        const limited = await scope.reads.dashboard({ ...base, accountId: account.id, services: { accounts: [account.id], scopedAccounts: [account.id], only: [full.services![0]!.id] }, domains: none, quotes: none, invoices: all });
        expect(limited.services?.map((s) => s.id)).toEqual([full.services![0]!.id]);
        expect(limited.domains).toBeNull();
        expect(limited.openQuotes).toBeNull();
        expect(limited.unpaidInvoices!.map((i) => i.id)).toEqual([unpaid.value.id]);
        // No account chosen: the first by name of those offered.
        const first = [account, other].sort((x, y) => x.name.localeCompare(y.name, 'hr'))[0]!;
        expect((await scope.reads.dashboard({ ...base, accountId: null, services: none, domains: none, quotes: none, invoices: none })).account?.id).toBe(first.id);
        const unknown = await scope.reads.dashboard({ ...base, accountIds: [], accountId: crypto.randomUUID(), services: all, domains: all, quotes: all, invoices: all });
        expect(unknown.account).toBeNull();
        expect(unknown.services).toBeNull();
      });
    });
  });
}
