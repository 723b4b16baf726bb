import { describe, expect, it } from 'vitest';
import { raiseEvent } from '../../application/integrations/webhook-events.js';
import { Webhooks } from '../../application/integrations/webhooks.js';
import { checkWebhookUrl, isPrivateAddress } from '../../domain/integrations/webhook.js';
import { givenOwner } from '../support/builders.js';
import { inMemoryPortal, META } from '../support/in-memory-portal.js';

describe('webhook addresses', () => {
  it('takes public https addresses, and plain http or loopback only when the portal itself runs locally', () => {
    expect(checkWebhookUrl('https://erp.primjer.hr/hook?x=1', false).ok).toBe(true);
    for (const url of ['http://erp.primjer.hr/hook', 'https://127.0.0.1/x', 'https://localhost/x', 'https://10.0.0.1/x', 'https://192.168.1.1/x', 'https://[::1]/x', 'https://a:b@primjer.hr/', 'javascript:alert(1)', 'https://intranet/x']) {
      expect([url, checkWebhookUrl(url, false).ok]).toEqual([url, false]);
    }
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.1/hook', true).ok).toBe(false);
  });

  it('knows the private, loopback, link-local and reserved ranges of IPv4 and IPv6', () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '172.32.0.1', '193.198.1.1', '2a00:1450::1']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });
});

describe('webhook deliveries', () => {
  it('raise deliveries only for the endpoints that listen, in the transaction of the change', async () => {
    const portal = inMemoryPortal();
    const { user, account } = await givenOwner(portal.services);
    const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const webhooks = new Webhooks(portal.services);
    const listening = await webhooks.create(owner, { accountId: account.id }, { name: 'ERP', url: 'https://erp.primjer.hr/hook', events: ['invoice.paid'] }, META);
    await webhooks.create(owner, { accountId: account.id }, { name: 'Drugo', url: 'https://drugo.primjer.hr/hook', events: ['ticket.opened'] }, META);
    if (!listening.ok) throw new Error(listening.error.code);
    // A change that fails takes its event with it.
    await expect(
      portal.services.uow.run(async (scope) => {
        await raiseEvent(scope, portal.services, { type: 'invoice.paid', accountId: account.id, data: { invoiceId: 'x' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow();
    expect(portal.store.webhookDeliveries.size).toBe(0);
    await portal.services.uow.run((scope) => raiseEvent(scope, portal.services, { type: 'invoice.paid', accountId: account.id, data: { invoiceId: 'x' } }));
    expect([...portal.store.webhookDeliveries.values()].map((d) => d.endpointId)).toEqual([listening.value.endpoint.id]);
    expect(portal.store.jobs.filter((j) => j.name === 'webhooks.deliver')).toHaveLength(1);
  });

  it('are retried until a 2xx answer, never sent again after it, and given up as failed when the retries are spent', async () => {
    const portal = inMemoryPortal();
    const { user, account } = await givenOwner(portal.services);
    const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
    const created = await new Webhooks(portal.services).create(owner, { accountId: account.id }, { name: 'ERP', url: 'https://erp.primjer.hr/hook', events: ['contact.added'] }, META);
    if (!created.ok) throw new Error(created.error.code);
    portal.webhookSender.answer('https://erp.primjer.hr/hook', 503, 500, 204);
    await portal.services.uow.run((scope) => raiseEvent(scope, portal.services, { type: 'contact.added', accountId: account.id, data: { contactId: 'c' } }));
    const [delivery] = [...portal.store.webhookDeliveries.values()];
    expect(await portal.worker.drain()).toBe(1);
    expect(portal.store.webhookDeliveries.get(delivery!.id)).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 503 });
    await portal.worker.drain();
    await portal.worker.drain();
    expect(portal.store.webhookDeliveries.get(delivery!.id)).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
    const webhooks = new Webhooks(portal.services, portal.webhookSender);
    await webhooks.deliver(delivery!.id);
    expect(portal.webhookSender.received).toHaveLength(3);
    expect(new Set(portal.webhookSender.received.map((r) => r.id)).size).toBe(1);
    await webhooks.giveUp(delivery!.id);
    expect(portal.store.webhookDeliveries.get(delivery!.id)?.status).toBe('delivered');
    const replay = await webhooks.replay(owner, { accountId: account.id }, created.value.endpoint.id, delivery!.id, META);
    expect(replay.ok ? 'replayed' : replay.error.code).toBe('webhook.not_replayable');
  });
});
