import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { InMemoryWebhookSender } from '../../adapters/in-memory/in-memory-webhook-sender.js';
import { isPublicAddress, NodeWebhookSender } from '../../adapters/http/node-webhook-sender.js';
import { checkWebhookUrl } from '../../domain/integrations/webhook.js';
import { describeWebhookSenderContract, type ReceivedWebhook } from './webhook-sender.contract.js';

describeWebhookSenderContract('in-memory', async () => {
  const sender = new InMemoryWebhookSender();
  let n = 0;
  return {
    sender,
    privateSender: new InMemoryWebhookSender({ allowLoopback: false }),
    receiver: async (status) => {
      const url = `https://receiver-${(n += 1)}.primjer.hr/hook`;
      sender.answer(url, status);
      return url;
    },
    last: () => {
      const r = sender.received.at(-1);
      return r ? { id: r.id, timestamp: String(r.timestamp), signature: r.signature, body: r.body } : undefined;
    },
    close: async () => undefined,
  };
});

/** The real sender against a receiver on this machine (allowed only because these tests run the portal locally). */
describeWebhookSenderContract('node http', async () => {
  let status = 200;
  let last: ReceivedWebhook | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      last = { id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']), body: Buffer.concat(chunks).toString('utf8') };
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.address() as { port: number }).port;
  return {
    sender: new NodeWebhookSender({ allowLoopback: true }),
    privateSender: new NodeWebhookSender({ allowLoopback: false }),
    receiver: async (s) => {
      status = s;
      return `http://127.0.0.1:${port}/hook`;
    },
    last: () => last,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
});

describe('the real webhook sender', () => {
  it('cuts off a receiver that trickles its answer: the whole exchange is bounded, not only the silence between bytes', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const port = (server.address() as { port: number }).port;
    try {
      const started = Date.now();
      const answer = await new NodeWebhookSender({ allowLoopback: true, totalMs: 800 }).send({ id: 'e1', url: `http://127.0.0.1:${port}/hook`, secret: 's', timestamp: 1, body: '{}' });
      expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('no complete answer') });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});

describe('webhook targets', () => {
  it('are public unicast addresses only, however a private one is written', () => {
    for (const address of ['8.8.8.8', '2a00:1450:4001:82a::200e']) expect(isPublicAddress(address), address).toBe(true);
    const disguised = ['127.0.0.1', '::1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '::127.0.0.1', '::ffff:10.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', 'fec0::1', 'fd00::1', 'fe80::1', '2002:c0a8:0101::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '192.0.2.1', '2001:db8::1', '224.0.0.1', '0.0.0.0', '::'];
    for (const address of disguised) expect(isPublicAddress(address), address).toBe(false);
  });

  it('are refused on another port than 443 at registration', () => {
    expect(checkWebhookUrl('https://hooks.primjer.hr/x', false).ok).toBe(true);
    expect(checkWebhookUrl('https://hooks.primjer.hr:443/x', false).ok).toBe(true);
    expect(checkWebhookUrl('https://hooks.primjer.hr:8443/x', false).ok).toBe(false);
    expect(checkWebhookUrl('https://hooks.primjer.hr:22/x', false).ok).toBe(false);
  });
});
