import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../domain/integrations/api-token.js';
import type { Services } from '../../application/shared/services.js';
import { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../domain/integrations/webhook.js';
import { givenOwner, givenStaff } from '../support/builders.js';

/** Staff API tokens, Idempotency-Keys and webhooks: the same behaviour from every adapter. */
export function describeIntegrationRepositoriesContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`integration repositories: ${name}`, () => {
    it('keeps staff tokens by their hash, revokes each once, and lists the newest first', async () => {
      const { services } = await make();
      const admin = await givenStaff(services, ['admin']);
      const now = services.clock.now();
      const older = StaffApiToken.create({ id: services.ids.newId(), name: 'Stari', createdByStaffId: admin.id, tokenHash: `h-${services.ids.newId()}`, roles: ['billing'], now: new Date(now.getTime() - 1000) });
      const newer = StaffApiToken.create({ id: services.ids.newId(), name: 'Novi', createdByStaffId: admin.id, tokenHash: `h-${services.ids.newId()}`, roles: ['support', 'editor'], now });
      await services.uow.run(async (scope) => {
        await scope.staffTokens.add(older);
        await scope.staffTokens.add(newer);
      });
      expect((await services.uow.run((scope) => scope.staffTokens.findByHash(newer.tokenHash)))?.roles).toEqual(['support', 'editor']);
      expect((await services.uow.run((scope) => scope.staffTokens.list())).map((t) => t.id).slice(0, 2)).toEqual([newer.id, older.id]);
      expect(await services.uow.run((scope) => scope.staffTokens.revoke(older.id, now))).toBe(true);
      expect(await services.uow.run((scope) => scope.staffTokens.revoke(older.id, now))).toBe(false);
      expect((await services.uow.run((scope) => scope.staffTokens.findByHash(older.tokenHash)))?.isActive(now)).toBe(false);
      // A key works for a year from its creation, and no longer.
      const kept = (await services.uow.run((scope) => scope.staffTokens.findByHash(newer.tokenHash)))!;
      expect(kept.expiresAt.getTime()).toBe(newer.createdAt.getTime() + TOKEN_LIFETIME_MS);
      expect([kept.isActive(new Date(kept.expiresAt.getTime() - 1)), kept.isActive(kept.expiresAt)]).toEqual([true, false]);
    });

    it('claims an Idempotency-Key once: later claims see its fingerprint and what it made', async () => {
      const { services } = await make();
      const now = services.clock.now();
      const key = `k-${services.ids.newId()}`;
      const made = services.ids.newId();
      expect(await services.uow.run((scope) => scope.idempotency.claim('orders:a', key, 'f1', now))).toBeNull();
      expect(await services.uow.run((scope) => scope.idempotency.claim('orders:a', key, 'f2', now))).toEqual({ fingerprint: 'f1', resourceId: null });
      await services.uow.run((scope) => scope.idempotency.complete('orders:a', key, made));
      expect(await services.uow.run((scope) => scope.idempotency.claim('orders:a', key, 'f1', now))).toEqual({ fingerprint: 'f1', resourceId: made });
      // Scopes are apart: the same key elsewhere is new.
      expect(await services.uow.run((scope) => scope.idempotency.claim('orders:b', key, 'f1', now))).toBeNull();
    });

    it('makes a concurrent claim of one key wait for the first and read what it made', async () => {
      const { services } = await make();
      const now = services.clock.now();
      const key = `k-${services.ids.newId()}`;
      const made = services.ids.newId();
      let claimed!: () => void;
      const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const first = services.uow.run(async (scope) => {
        await scope.idempotency.claim('race', key, 'f', now);
        claimed();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await scope.idempotency.complete('race', key, made);
      });
      await firstClaimed;
      const second = services.uow.run((scope) => scope.idempotency.claim('race', key, 'f', now));
      await first;
      expect(await second).toEqual({ fingerprint: 'f', resourceId: made });
    });

    it('finds the endpoints of an event (the account’s and the staff ones), and claims each delivery once', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const { account: other } = await givenOwner(services);
      const now = services.clock.now();
      const endpoint = (accountId: string | null, events: WebhookEndpoint['events']) => WebhookEndpoint.create({ id: services.ids.newId(), accountId, name: 'E', url: 'https://primjer.hr/h', sealedSecret: 's', events, now });
      const own = endpoint(account.id, ['order.placed']);
      const foreign = endpoint(other.id, ['order.placed']);
      const deaf = endpoint(account.id, ['invoice.paid']);
      const staff = endpoint(null, ['order.placed', 'invoice.paid']);
      const event = WebhookEvent.record({ id: services.ids.newId(), type: 'order.placed', accountId: account.id, data: { orderId: 'x' }, now });
      await services.uow.run(async (scope) => {
        for (const e of [own, foreign, deaf, staff]) await scope.webhooks.addEndpoint(e);
        await scope.webhooks.addEvent(event);
      });
      const found = await services.uow.run((scope) => scope.webhooks.endpointsFor(account.id, 'order.placed'));
      expect(found.map((e) => e.id).sort()).toEqual([own.id, staff.id].sort());
      expect((await services.uow.run((scope) => scope.webhooks.listEndpoints(null))).map((e) => e.id)).toContain(staff.id);
      expect((await services.uow.run((scope) => scope.webhooks.findEvent(event.id)))?.body()).toBe(event.body());

      const delivery = WebhookDelivery.queue({ id: services.ids.newId(), eventId: event.id, endpointId: own.id, now });
      await services.uow.run((scope) => scope.webhooks.addDelivery(delivery));
      await expect(services.uow.run((scope) => scope.webhooks.addDelivery(WebhookDelivery.queue({ id: services.ids.newId(), eventId: event.id, endpointId: own.id, now })))).rejects.toThrow();
      const stale = new Date(now.getTime() - 60_000);
      expect((await services.uow.run((scope) => scope.webhooks.claimDelivery(delivery.id, now, stale)))?.status).toBe('sending');
      expect(await services.uow.run((scope) => scope.webhooks.claimDelivery(delivery.id, now, stale))).toBeNull();
      // A claim older than the stale mark is a sender that died: it is taken again.
      expect((await services.uow.run((scope) => scope.webhooks.claimDelivery(delivery.id, new Date(now.getTime() + 120_000), new Date(now.getTime() + 60_000))))?.status).toBe('sending');
      const sent = (await services.uow.run((scope) => scope.webhooks.findDelivery(delivery.id)))!;
      Object.assign(sent, { status: 'delivered', attempts: 1, lastStatusCode: 204, deliveredAt: now, claimedAt: null });
      await services.uow.run((scope) => scope.webhooks.saveDelivery(sent));
      expect(await services.uow.run((scope) => scope.webhooks.claimDelivery(delivery.id, new Date(now.getTime() + 600_000), new Date(now.getTime() + 500_000)))).toBeNull();
      const page = await services.uow.run((scope) => scope.webhooks.listDeliveries(own.id, { limit: 10 }));
      expect(page.items.map((d) => [d.id, d.status, d.lastStatusCode])).toEqual([[delivery.id, 'delivered', 204]]);
    });
  });
}
