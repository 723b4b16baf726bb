import { createHmac } from 'node:crypto';
import type { WebhookAnswer, WebhookRequest, WebhookSender } from '../../application/ports/integrations.js';
import { isPrivateAddress } from '../../domain/integrations/webhook.js';

/**
 * Receivers in memory: a URL answers what the test set for it (200 unless told), and every request is kept with
 * whether its signature checks out. An address that is a private literal is refused, as the real sender does.
 */
export class InMemoryWebhookSender implements WebhookSender {
  readonly received: Array<WebhookRequest & { signature: string }> = [];
  private readonly answers = new Map<string, number[]>();

  constructor(private readonly options: { allowLoopback: boolean } = { allowLoopback: true }) {}

  /** The statuses the URL answers, in turn; the last one repeats. */
  answer(url: string, ...statuses: number[]): void {
    this.answers.set(url, statuses);
  }

  async send(request: WebhookRequest): Promise<WebhookAnswer> {
    const host = new URL(request.url).hostname.replace(/^\[|\]$/gu, '');
    const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
    if ((isPrivateAddress(host) || loopback) && !(loopback && this.options.allowLoopback)) return { ok: false, error: `target not allowed: ${host}` };
    const signature = `t=${request.timestamp},v1=${createHmac('sha256', request.secret).update(`${request.timestamp}.${request.body}`).digest('hex')}`;
    this.received.push({ ...request, signature });
    const statuses = this.answers.get(request.url) ?? [200];
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    return { ok: true, status, body: status < 300 ? 'ok' : 'not now' };
  }
}
