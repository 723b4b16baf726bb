import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookSender } from '../../application/ports/integrations.js';

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
}

/** A webhook sender posts the exact body signed under the secret, reports the answer, and reaches no private network. */
export function describeWebhookSenderContract(
  name: string,
  make: () => Promise<{ sender: WebhookSender; receiver: (status: number) => Promise<string>; last: () => ReceivedWebhook | undefined; privateSender: WebhookSender; close: () => Promise<void> }>,
) {
  describe(`WebhookSender: ${name}`, () => {
    it('posts the body signed with HMAC-SHA256 over "<timestamp>.<body>", and reports the status and the answer', async () => {
      const { sender, receiver, last, close } = await make();
      try {
        const url = await receiver(202);
        const body = JSON.stringify({ id: 'e-1', type: 'invoice.paid', data: { number: '1/WEB1/1', note: 'čćžšđ' } });
        const answer = await sender.send({ url, id: 'e-1', timestamp: 1_800_000_000, body, secret: 'whsec_test' });
        expect(answer).toMatchObject({ ok: true, status: 202 });
        const got = last()!;
        expect([got.id, got.timestamp, got.body]).toEqual(['e-1', '1800000000', body]);
        expect(got.signature).toBe(`t=1800000000,v1=${createHmac('sha256', 'whsec_test').update(`1800000000.${body}`).digest('hex')}`);
        expect(await sender.send({ url: await receiver(503), id: 'e-2', timestamp: 1, body: '{}', secret: 's' })).toMatchObject({ ok: true, status: 503 });
      } finally {
        await close();
      }
    });

    it('refuses private and link-local targets without sending anything there', async () => {
      const { privateSender, close } = await make();
      try {
        for (const url of ['https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://[fd12::1]/x', 'http://127.0.0.1:9/x']) {
          const answer = await privateSender.send({ url, id: 'e', timestamp: 1, body: '{}', secret: 's' });
          expect([url, answer.ok]).toEqual([url, false]);
        }
      } finally {
        await close();
      }
    });
  });
}
