import { createServer } from 'node:http';
import { InMemoryWebhookSender } from '../../adapters/in-memory/in-memory-webhook-sender.js';
import { NodeWebhookSender } from '../../adapters/http/node-webhook-sender.js';
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
