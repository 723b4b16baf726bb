import { describe, expect, it } from 'vitest';
import type { Services } from '../../application/shared/services.js';
import { membershipsOf } from '../../application/accounts/memberships.js';
import { Contact } from '../../domain/contacts/contact.js';
import { email, givenOwner } from '../support/builders.js';

/** Contacts and the memberships built from them behave the same on every adapter. */
export function describeContactRepositoryContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`contact repository: ${name}`, () => {
    const contact = (services: Services, accountId: string, address: string, over: { subscriptions?: Contact['subscriptions']; at?: number } = {}) =>
      Contact.add({
        id: services.ids.newId(),
        accountId,
        name: address.split('@')[0]!,
        email: email(address),
        locale: 'hr',
        permissions: ['invoices', 'services'],
        scope: { serviceIds: [services.ids.newId()], domainIds: [] },
        subscriptions: over.subscriptions ?? [],
        now: new Date(services.clock.now().getTime() + (over.at ?? 0)),
      });

    it('stores rights, scope and subscriptions, finds by invitation hash and email, pages newest first', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const items = [0, 1, 2].map((i) => contact(services, account.id, `k${i}@firma.hr`, { at: i * 1000, subscriptions: i === 1 ? ['billing', 'support'] : [] }));
      items[0]!.invite('hash-0-' + account.id, services.clock.now());
      await services.uow.run(async (scope) => {
        for (const c of items) await scope.contacts.add(c);
      });
      await services.uow.run(async (scope) => {
        const found = await scope.contacts.findByInvitationHash('hash-0-' + account.id);
        expect([found?.id, found?.login, found?.permissions, found?.scope()]).toEqual([items[0]!.id, true, ['services', 'invoices'], items[0]!.scope()]);
        expect((await scope.contacts.findByEmail(account.id, 'k1@firma.hr'))?.subscriptions).toEqual(['billing', 'support']);
        expect(await scope.contacts.findByEmail(account.id, 'nobody@firma.hr')).toBeNull();
        const first = await scope.contacts.listForAccount(account.id, { limit: 2 });
        expect(first.items.map((c) => c.email)).toEqual(['k2@firma.hr', 'k1@firma.hr']);
        const second = await scope.contacts.listForAccount(account.id, { limit: 2, after: first.next });
        expect([second.items.map((c) => c.email), second.next]).toEqual([['k0@firma.hr'], null]);
        const subscribers = await scope.contacts.listSubscribers(account.id, 'billing');
        expect(subscribers.map((c) => [c.email, c.permissions, c.scope(), c.subscriptions])).toEqual([['k1@firma.hr', ['services', 'invoices'], items[1]!.scope(), ['billing', 'support']]]);
        expect(await scope.contacts.listSubscribers(account.id, 'domains')).toEqual([]);
      });
    });

    it('refuses a second contact with the same address in one account, allows it in another', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const { account: other } = await givenOwner(services);
      await services.uow.run((scope) => scope.contacts.add(contact(services, account.id, 'isti@firma.hr')));
      await expect(services.uow.run((scope) => scope.contacts.add(contact(services, account.id, 'isti@firma.hr')))).rejects.toThrow();
      await services.uow.run((scope) => scope.contacts.add(contact(services, other.id, 'isti@firma.hr')));
    });

    it('builds memberships from owned accounts and accepted contacts only; a removed contact is gone at once', async () => {
      const { services } = await make();
      const { user, account: owned } = await givenOwner(services);
      const { account: a } = await givenOwner(services);
      const { account: b } = await givenOwner(services);
      const accepted = contact(services, a.id, 'x@firma.hr');
      accepted.invite('h-acc-' + a.id, services.clock.now());
      accepted.accept(user.id, services.clock.now());
      const pending = contact(services, b.id, 'x@firma.hr');
      pending.invite('h-pen-' + b.id, services.clock.now());
      await services.uow.run(async (scope) => {
        await scope.contacts.add(accepted);
        await scope.contacts.add(pending);
      });
      const memberships = await services.uow.run((scope) => membershipsOf(scope, user.id));
      expect(memberships).toEqual([
        { accountId: owned.id, role: 'owner', permissions: [] },
        { accountId: a.id, role: 'contact', permissions: ['services', 'invoices'], scope: accepted.scope() },
      ]);
      await services.uow.run((scope) => scope.contacts.remove(accepted.id));
      expect((await services.uow.run((scope) => membershipsOf(scope, user.id))).map((m) => m.accountId)).toEqual([owned.id]);
      expect((await services.uow.run((scope) => scope.accounts.listByIds([a.id, b.id, owned.id]))).length).toBe(3);
    });
  });
}
