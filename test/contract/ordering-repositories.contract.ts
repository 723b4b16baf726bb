import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import type { Services } from '../../application/shared/services.js';
import { Quote } from '../../domain/billing/quote.js';
import { Order, type OrderLine } from '../../domain/ordering/order.js';
import { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { givenOwner, givenStaff } from '../support/builders.js';

const line = (over: Partial<OrderLine> = {}): OrderLine => ({
  productId: '00000000-0000-4000-8000-000000000001',
  productCode: 'DOM-HR',
  kind: 'domain',
  name: 'Domena .hr',
  domainName: 'firma.hr',
  holderOib: '87654321095',
  periodMonths: 12,
  unitPriceCents: 1990,
  quantity: 1,
  vatRatePercent: 25,
  ...over,
});

/** Catalog, orders, quotes, services, domains and counters behave the same on every adapter. */
export function describeOrderingRepositoriesContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`ordering repositories: ${name}`, () => {
    it('lists the active catalog in its order and finds products by code', async () => {
      const { services } = await make();
      expect(await seedCatalog(services)).toBe(8);
      expect(await seedCatalog(services)).toBe(0);
      await services.uow.run(async (scope) => {
        const catalog = await scope.products.listActive();
        expect(catalog.map((p) => p.code)).toEqual(['HOST-START', 'HOST-BIZ', 'MAIL-BOX', 'SSL-DV', 'DOM-HR', 'DOM-COMHR', 'DOM-COM', 'DOM-EU']);
        expect(catalog[4]?.name('en')).toBe('.hr domain');
        expect((await scope.products.findByCodes(['DOM-EU', 'NOPE'])).map((p) => [p.code, p.priceCents, p.tld])).toEqual([['DOM-EU', 1290, 'eu']]);
      });
    });

    it('keeps order lines and totals, finds by idempotency key per account, and pages pending orders', async () => {
      const { services } = await make();
      const { account, user } = await givenOwner(services);
      const staff = await givenStaff(services, ['support']);
      const now = services.clock.now();
      const orders = [0, 1, 2].map((i) =>
        Order.place({ id: services.ids.newId(), number: `N-T-${i}-${services.ids.newId().slice(0, 8)}`, accountId: account.id, placedByUserId: user.id, source: 'portal', lines: [line({ domainName: `f${i}.hr` })], idempotencyKey: i === 0 ? 'key-0' : null, now: new Date(now.getTime() + i * 1000) }),
      );
      await services.uow.run(async (scope) => {
        for (const order of orders) await scope.orders.add(order);
      });
      await services.uow.run(async (scope) => {
        const found = await scope.orders.findByIdempotencyKey(account.id, 'key-0');
        expect(found?.lines[0]?.domainName).toBe('f0.hr');
        expect(found?.totals().grossCents).toBe(2488);
        expect(await scope.orders.findByIdempotencyKey(services.ids.newId(), 'key-0')).toBeNull();
        const loaded = await scope.orders.findById(orders[1]!.id);
        loaded!.reject(staff.id, 'no', new Date());
        await scope.orders.save(loaded!);
      });
      await services.uow.run(async (scope) => {
        expect(await scope.orders.countPending()).toBe(2);
        const first = await scope.orders.listPending({ limit: 1 });
        const second = await scope.orders.listPending({ after: first.next, limit: 1 });
        expect([first.items[0]?.id, second.items[0]?.id, second.next]).toEqual([orders[2]!.id, orders[0]!.id, null]);
        expect((await scope.orders.listForAccount(account.id, { limit: 10 })).items).toHaveLength(3);
        expect((await scope.orders.findById(orders[1]!.id))?.status).toBe('rejected');
      });
      await expect(
        services.uow.run((scope) => scope.orders.add(Order.place({ id: services.ids.newId(), number: `N-T-x-${services.ids.newId()}`, accountId: account.id, placedByUserId: null, source: 'api', lines: [line()], idempotencyKey: 'key-0', now }))),
      ).rejects.toThrow();
    });

    it('stores quotes, services and domains and lists them per account', async () => {
      const { services } = await make();
      const { account, user } = await givenOwner(services);
      const other = await givenOwner(services);
      const now = services.clock.now();
      const order = Order.place({ id: services.ids.newId(), number: `N-T-${services.ids.newId()}`, accountId: account.id, placedByUserId: user.id, source: 'portal', lines: [line()], now });
      await seedCatalog(services);
      const [product] = await services.uow.run((scope) => scope.products.findByCodes(['HOST-START']));
      await services.uow.run(async (scope) => {
        await scope.orders.add(order);
        await scope.quotes.add(Quote.forOrder({ id: services.ids.newId(), number: `P-T-${services.ids.newId()}`, sequence: 1, accountId: account.id, orderId: order.id, lines: order.lines, now }));
        await scope.services.add(HostedService.activate({ id: services.ids.newId(), accountId: account.id, orderId: order.id, productId: product!.id, productCode: 'HOST-START', kind: 'hosting', name: 'Web hosting Start', domainName: 'firma.hr', periodMonths: 12, sealedCredentials: 'v1.x.y.z', now }));
        await scope.domains.add(RegisteredDomain.register({ id: services.ids.newId(), accountId: account.id, orderId: order.id, name: 'firma.hr', periodMonths: 12, nameservers: ['ns1.x.hr', 'ns2.x.hr'], now }));
      });
      await services.uow.run(async (scope) => {
        expect((await scope.quotes.findByOrder(order.id))?.grossCents).toBe(2488);
        expect((await scope.quotes.listOpenForAccount(account.id)).map((q) => q.lines[0]?.domainName)).toEqual(['firma.hr']);
        expect(await scope.quotes.listOpenForAccount(other.account.id)).toEqual([]);
        const svc = (await scope.services.listForAccount(account.id, { limit: 5 })).items[0];
        expect([svc?.sealedCredentials, svc?.expiresAt.getUTCFullYear()]).toEqual(['v1.x.y.z', now.getUTCFullYear() + 1]);
        const dom = (await scope.domains.listForAccount(account.id, { limit: 5 })).items[0];
        expect(dom?.nameservers).toEqual(['ns1.x.hr', 'ns2.x.hr']);
        expect((await scope.domains.listForAccount(other.account.id, { limit: 5 })).items).toEqual([]);
      });
      await expect(
        services.uow.run((scope) => scope.domains.add(RegisteredDomain.register({ id: services.ids.newId(), accountId: other.account.id, orderId: order.id, name: 'firma.hr', periodMonths: 12, nameservers: [], now }))),
      ).rejects.toThrow();
    });

    it('hands out gapless numbers per series and year, even to concurrent takers', async () => {
      const { services } = await make();
      const taken = await Promise.all(Array.from({ length: 12 }, () => services.uow.run((scope) => scope.counters.next('T', 2026))));
      expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await services.uow.run((scope) => scope.counters.next('T', 2027))).toBe(1);
      await expect(
        services.uow.run(async (scope) => {
          await scope.counters.next('T', 2026);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow();
      expect(await services.uow.run((scope) => scope.counters.next('T', 2026))).toBe(13);
    });

    it('reserves numbers that may skip without making concurrent takers wait, and keeps one whose use case failed', async () => {
      const { services } = await make();
      // Each taker holds its transaction open until every one has its number: with a lock held to the end, they
      // would wait for each other (in-memory: they run one after another, and each must still get its own number).
      const taken = await Promise.all(Array.from({ length: 12 }, () => services.uow.run((scope) => scope.counters.reserve('N', 2026))));
      expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      await expect(
        services.uow.run(async (scope) => {
          expect(await scope.counters.reserve('N', 2026)).toBe(13);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await services.uow.run((scope) => scope.counters.reserve('N', 2026))).toBe(14);
      expect(await services.uow.run((scope) => scope.counters.reserve('N', 2027))).toBe(1);
      // A series that may skip and a gapless one never share numbers.
      expect(await services.uow.run((scope) => scope.counters.next('N2', 2026))).toBe(1);
    });

    // In memory, use cases run one at a time: a transaction held open would hold the next one back by design.
    it.skipIf(name === 'in-memory')('lets a transaction take a number while another holds the same series open', async () => {
      const { services } = await make();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let first!: () => void;
      const took = new Promise<void>((resolve) => (first = resolve));
      const slow = services.uow.run(async (scope) => {
        const n = await scope.counters.reserve('T', 2030);
        first();
        await held;
        return n;
      });
      await took;
      // The first transaction is still open: the second takes the next number at once, and commits before it.
      const second = await services.uow.run((scope) => scope.counters.reserve('T', 2030));
      release();
      expect([await slow, second]).toEqual([1, 2]);
    });
  });
}
