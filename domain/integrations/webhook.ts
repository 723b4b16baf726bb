import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

/** What an integration can be told about; each is raised by the use case that makes the change. */
export const WEBHOOK_EVENTS = [
  'order.placed',
  'order.accepted',
  'invoice.issued',
  'invoice.paid',
  'service.suspended',
  'service.cancelled',
  'service.renewed',
  'ticket.opened',
  'ticket.answered',
  'contact.added',
  'contact.removed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'retrying' | 'failed';

/** The host names and addresses of this very machine, allowed as webhook targets only when the portal runs here. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A webhook address: https, no credentials in it, a host name (a literal private or loopback address is refused
 * here, a name that resolves to one is refused when delivering). Plain http only to this machine, and only when
 * the portal itself runs on it (tests and the demo).
 */
export function checkWebhookUrl(raw: string, portalIsLocal: boolean): Result<string, InvalidInput> {
  const bad = fail(new InvalidInput('webhook.url', 'url'));
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return bad;
  }
  if (raw.length > 500 || url.username || url.password || url.hash) return bad;
  const host = url.hostname.toLowerCase();
  const loopback = LOOPBACK_HOSTS.has(host);
  if (loopback) return portalIsLocal && (url.protocol === 'http:' || url.protocol === 'https:') ? ok(url.toString()) : bad;
  if (url.protocol !== 'https:' || (url.port && url.port !== '443')) return bad;
  if (isPrivateAddress(host.replace(/^\[|\]$/gu, ''))) return bad;
  if (!/^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/u.test(host)) return bad;
  return ok(url.toString());
}

/**
 * Whether a literal address is one no webhook may reach from a server on the internet: loopback, private, link-local
 * (cloud metadata), carrier-grade NAT, multicast, unspecified or reserved, in IPv4 or IPv6 (IPv4-mapped too).
 */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19));
  }
  if (!address.includes(':')) return false;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(lower);
  if (mapped) return isPrivateAddress(mapped[1]!);
  return lower === '::' || lower === '::1' || /^f[cd]/u.test(lower) || /^fe[89ab]/u.test(lower) || lower.startsWith('ff') || lower.startsWith('64:ff9b') || lower.startsWith('2001:db8');
}

/** An address an account owner (or staff, for every account) registered to be told about events. */
export class WebhookEndpoint {
  id!: string;
  /** The account whose events it receives; null for a staff endpoint, which receives the events of every account. */
  accountId!: string | null;
  name!: string;
  url!: string;
  /** The signing secret, sealed: it must be read to sign, so it is encrypted, not hashed. */
  sealedSecret!: string;
  events!: WebhookEventType[];
  createdAt!: Date;
  disabledAt!: Date | null;

  static create(input: { id: string; accountId: string | null; name: string; url: string; sealedSecret: string; events: WebhookEventType[]; now: Date }): WebhookEndpoint {
    const endpoint = new WebhookEndpoint();
    const { now, ...rest } = input;
    Object.assign(endpoint, rest, { name: input.name.trim(), events: [...new Set(input.events)], createdAt: now, disabledAt: null });
    return endpoint;
  }

  receives(type: WebhookEventType): boolean {
    return this.disabledAt === null && this.events.includes(type);
  }
}

/** Something that happened, recorded in the transaction of the change; its id is what a receiver deduplicates by. */
export class WebhookEvent {
  id!: string;
  type!: WebhookEventType;
  accountId!: string;
  occurredAt!: Date;
  data!: Record<string, string | number | boolean | null>;

  static record(input: { id: string; type: WebhookEventType; accountId: string; data: Record<string, string | number | boolean | null>; now: Date }): WebhookEvent {
    const event = new WebhookEvent();
    Object.assign(event, { id: input.id, type: input.type, accountId: input.accountId, occurredAt: input.now, data: { ...input.data } });
    return event;
  }

  /** The body every receiver gets: the same bytes for every attempt of a delivery. */
  body(): string {
    return JSON.stringify({ id: this.id, type: this.type, occurredAt: this.occurredAt.toISOString(), accountId: this.accountId, data: this.data });
  }
}

/** One event to one endpoint: tried until a 2xx answer, then never sent again. */
export class WebhookDelivery {
  id!: string;
  eventId!: string;
  endpointId!: string;
  status!: DeliveryStatus;
  attempts!: number;
  lastStatusCode!: number | null;
  lastResponse!: string | null;
  lastError!: string | null;
  createdAt!: Date;
  lastAttemptAt!: Date | null;
  deliveredAt!: Date | null;
  claimedAt!: Date | null;

  static queue(input: { id: string; eventId: string; endpointId: string; now: Date }): WebhookDelivery {
    const delivery = new WebhookDelivery();
    Object.assign(delivery, { ...input, now: undefined, status: 'pending', attempts: 0, lastStatusCode: null, lastResponse: null, lastError: null, createdAt: input.now, lastAttemptAt: null, deliveredAt: null, claimedAt: null });
    delete (delivery as { now?: unknown }).now;
    return delivery;
  }
}
