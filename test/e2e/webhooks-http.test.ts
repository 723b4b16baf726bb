import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenOwner, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, staffClientFor } from '../support/http-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

/** Webhooks end to end: a receiver on this machine, deliveries through pg-boss, signatures checked as a receiver would. */
let portal: PostgresPortal;
let app: App;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string; answered: number }> = [];
const answers: number[] = [];

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'primljeno' : 'nije sada');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', () => done()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((done) => receiver.close(() => done()));
  await portal.close();
});

async function signedInOwner() {
  const { user, account } = await givenOwner(portal.services);
  const client = httpClient(app);
  expect((await client.post('/sign-in', { form: { email: user.email, password: PASSWORD } })).status).toBe(303);
  return { client, account };
}

type Delivery = { id: string; eventId: string; status: string; attempts: number; lastStatusCode: number | null; lastResponse: string | null; body: string | null };

describe('webhooks', () => {
  it('delivers an event signed with HMAC-SHA256, shows the answers, replays a failed one and never sends a delivered one again', async () => {
    const { client, account } = await signedInOwner();
    const created = await client.post(`/api/v1/accounts/${account.id}/webhooks`, { json: { name: 'ERP', url: receiverUrl, events: ['order.placed', 'invoice.issued'] } });
    expect(created.status).toBe(201);
    const { id: endpointId, secret } = (await created.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/u);
    expect(JSON.stringify(await portal.sql('select sealed_secret from webhook_endpoints where id = $1', [endpointId]))).not.toContain(secret);

    answers.push(500);
    const order = await client.post(`/api/v1/accounts/${account.id}/orders`, { json: { items: [{ productCode: 'DOM-HR', domainName: 'dojava.hr' }] } });
    expect(order.status).toBe(201);
    const deliveries = async () => ((await (await client.get(`/api/v1/accounts/${account.id}/webhooks/${endpointId}/deliveries`)).json()) as { items: Delivery[] }).items;
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('retrying');
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 500, lastResponse: 'nije sada' });

    const first = received.at(-1)!;
    const event = JSON.parse(first.body) as { id: string; type: string; accountId: string; data: { orderId: string } };
    expect(event).toMatchObject({ type: 'order.placed', accountId: account.id, data: { orderId: ((await order.json()) as { id: string }).id } });
    expect(first.headers['webhook-id']).toBe(event.id);
    const timestamp = String(first.headers['webhook-timestamp']);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${first.body}`).digest('hex');
    expect(first.headers['webhook-signature']).toBe(`t=${timestamp},v1=${expected}`);

    const replay = await client.post(`/api/v1/accounts/${account.id}/webhooks/${endpointId}/deliveries/${failed!.id}/replay`);
    expect(replay.status).toBe(202);
    await expect.poll(async () => (await deliveries())[0]?.status).toBe('delivered');
    expect((await client.post(`/api/v1/accounts/${account.id}/webhooks/${endpointId}/deliveries/${failed!.id}/replay`)).status).toBe(409);
    // The failed job's own retry finds the delivery done: the receiver got the event accepted once.
    const jobs = async () => portal.sql<{ state: string }>("select state from pgboss.job where name = 'webhooks.deliver' and data->>'deliveryId' = $1", [failed!.id]);
    const done = (await jobs()).filter((j) => j.state === 'completed').length;
    await portal.services.uow.run((scope) => scope.jobs.enqueue('webhooks.deliver', { deliveryId: failed!.id }));
    await expect.poll(async () => (await jobs()).filter((j) => j.state === 'completed').length).toBe(done + 1);
    const forEvent = received.filter((r) => r.headers['webhook-id'] === event.id);
    expect(forEvent.map((r) => r.answered)).toEqual([500, 200]);
    expect(forEvent[0]!.body).toBe(forEvent[1]!.body);
  });

  it('refuses targets that are not https or lead into a private network, and lets only the owner manage them', async () => {
    const { client, account } = await signedInOwner();
    const path = `/api/v1/accounts/${account.id}/webhooks`;
    for (const url of ['http://primjer.hr/hook', 'https://10.0.0.8/hook', 'https://169.254.169.254/latest', 'https://[fd00::1]/x', 'https://user:pass@primjer.hr/x', 'ftp://primjer.hr/x']) {
      const refused = await client.post(path, { json: { name: 'Loše', url, events: ['invoice.paid'] } });
      expect([url, refused.status]).toEqual([url, 422]);
    }
    expect((await client.post(path, { json: { name: 'Dobro', url: 'https://integracija.primjer.hr/hook', events: ['invoice.paid'] } })).status).toBe(201);
    const other = await signedInOwner();
    expect((await other.client.get(path)).status).toBe(403);
  });

  it('gives staff endpoints the events of every account', async () => {
    const admin = await staffClientFor(portal, app, ['admin']);
    const created = await admin.post('/api/v1/staff/webhooks', { json: { name: 'Nadzor', url: receiverUrl, events: ['ticket.opened'] } });
    expect(created.status).toBe(201);
    const before = received.length;
    for (const n of [1, 2]) {
      const { client, account } = await signedInOwner();
      expect((await client.post(`/api/v1/accounts/${account.id}/tickets`, { json: { subject: `Pitanje ${n}`, department: 'technical', body: 'Pomoć?' } })).status).toBe(201);
    }
    await expect.poll(() => received.slice(before).filter((r) => JSON.parse(r.body).type === 'ticket.opened').length).toBe(2);
  });
});
