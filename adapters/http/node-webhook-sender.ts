import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { WebhookAnswer, WebhookRequest, WebhookSender } from '../../application/ports/integrations.js';
import { isPrivateAddress } from '../../domain/integrations/webhook.js';

/** Silence allowed between bytes, and the whole exchange's bound: a receiver that trickles its answer is cut off. */
const TIMEOUT_MS = 10_000;
const TOTAL_MS = 15_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** The signature scheme, in one place: HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret, hex. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What an address is, by ipaddr.js: IPv4 in any IPv6 disguise (mapped, compatible) is judged as the IPv4 it is. */
const rangeOf = (address: string): string => (ipaddr.isValid(address) ? ipaddr.process(address).range() : 'invalid');

/**
 * Only a plain public address may be a webhook's target; anything else (loopback, private, link-local and cloud
 * metadata, carrier-grade NAT, 6to4 and Teredo tunnels that can carry a private address, reserved, multicast) is not.
 */
export const isPublicAddress = (address: string): boolean => rangeOf(address) === 'unicast';
const isLoopback = (address: string) => rangeOf(address) === 'loopback';
/** What a client sees when a target cannot be used, whatever the reason (no hint about internal names). */
const UNREACHABLE = 'the address could not be reached';

/**
 * POSTs webhooks with node's http(s). The address is resolved by our own lookup, which refuses private, loopback,
 * link-local and reserved targets (SSRF) and connects to the very address it checked, so a name that changes its
 * answer between check and connection (DNS rebinding) gains nothing. Redirects are not followed. Loopback is allowed
 * only when the portal itself runs on this machine.
 */
export class NodeWebhookSender implements WebhookSender {
  constructor(private readonly options: { allowLoopback: boolean; totalMs?: number }) {}

  private allowed(address: string): boolean {
    return (isPublicAddress(address) && !isPrivateAddress(address)) || (this.options.allowLoopback && isLoopback(address));
  }

  private readonly guardedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const good = addresses.filter((a) => this.allowed(a.address));
      if (good.length === 0 || good.length !== addresses.length) return callback(Object.assign(new Error(`target not allowed: ${hostname} resolves to a private address`), { code: 'ETARGET' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, good);
      return callback(null, good[0]!.address, good[0]!.family);
    });
  };

  send(request: WebhookRequest): Promise<WebhookAnswer> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.resolve({ ok: false, error: 'invalid url' });
    }
    const host = url.hostname.replace(/^\[|\]$/gu, '');
    if (isIP(host) && !this.allowed(host)) return Promise.resolve({ ok: false, error: UNREACHABLE });
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.options.allowLoopback)) return Promise.resolve({ ok: false, error: 'only https targets' });
    // The standard port only: a webhook is no port scanner of somebody's servers.
    if (url.port && url.port !== '443' && !this.options.allowLoopback) return Promise.resolve({ ok: false, error: UNREACHABLE });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.body, 'utf8');
    return new Promise<WebhookAnswer>((settle) => {
      let finished = false;
      const resolve = (answer: WebhookAnswer) => {
        if (finished) return;
        finished = true;
        clearTimeout(deadline);
        settle(answer);
      };
      const total = this.options.totalMs ?? TOTAL_MS;
      const deadline = setTimeout(() => {
        req.destroy(new Error(`no complete answer within ${total / 1000} s`));
        resolve({ ok: false, error: `no complete answer within ${total / 1000} s` });
      }, total);
      const req = send(
        url,
        {
          method: 'POST',
          lookup: this.guardedLookup,
          timeout: TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': String(body.length),
            'user-agent': 'client-portal-webhooks/1',
            'webhook-id': request.id,
            'webhook-timestamp': String(request.timestamp),
            'webhook-signature': webhookSignature(request.secret, request.timestamp, request.body),
          },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
            else res.destroy();
          });
          const done = () => resolve({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, error: ['ETARGET', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'].includes(error.code ?? '') ? UNREACHABLE : error.message.slice(0, 300) }),
      );
      req.end(body);
    });
  }
}
