import type { Action } from '../authorization/policy.js';
import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

/** The typed requests a ticket can carry. Each names the policy action that must allow the requester. */
export const REQUEST_KINDS = ['profile.change', 'service.change', 'service.cancel', 'domain.nameservers', 'domain.transfer_code', 'credentials.resend', 'mailbox.add', 'order'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export type RequestPayload =
  | { kind: 'profile.change'; name: string; street: string; postalCode: string; city: string; phone: string }
  | { kind: 'service.change'; serviceId: string; productCode: string }
  | { kind: 'service.cancel'; serviceId: string }
  | { kind: 'domain.nameservers'; domainId: string; nameservers: string[] }
  | { kind: 'domain.transfer_code'; domainId: string }
  | { kind: 'credentials.resend'; serviceId: string }
  | { kind: 'mailbox.add'; domainName: string }
  | { kind: 'order'; productCode: string; domainName: string };

const str = (v: unknown, max = 200): string | null => (typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : null);
const HOSTNAME = /^(?=.{4,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const id = (v: unknown): string | null => (typeof v === 'string' && UUID.test(v) ? v : null);

/** Two to six nameserver host names, given as a list or as text separated by spaces, commas or lines. */
export function checkNameservers(input: readonly string[] | string): Result<string[], InvalidInput> {
  const list = (typeof input === 'string' ? input.split(/[\s,]+/u) : input).map((n) => n.trim().toLowerCase().replace(/\.$/u, '')).filter(Boolean);
  const unique = [...new Set(list)];
  return unique.length >= 2 && unique.length <= 6 && unique.every((n) => HOSTNAME.test(n)) ? ok(unique) : fail(new InvalidInput('domain.nameservers', 'nameservers'));
}

/** Reads a request from untrusted input: the kind decides which fields must be there. */
export function parseRequest(kind: string, raw: Record<string, unknown>): Result<RequestPayload, InvalidInput> {
  const bad = (field: string) => fail(new InvalidInput('request.invalid', field));
  switch (kind) {
    case 'profile.change': {
      const fields = ['name', 'street', 'postalCode', 'city', 'phone'] as const;
      const values = fields.map((f) => (typeof raw[f] === 'string' ? (raw[f] as string).slice(0, 300) : ''));
      return ok({ kind, name: values[0]!, street: values[1]!, postalCode: values[2]!, city: values[3]!, phone: values[4]! });
    }
    case 'service.change': {
      const serviceId = id(raw['serviceId']);
      const productCode = str(raw['productCode'], 40);
      return serviceId && productCode ? ok({ kind, serviceId, productCode }) : bad('serviceId');
    }
    case 'service.cancel':
    case 'credentials.resend': {
      const serviceId = id(raw['serviceId']);
      return serviceId ? ok({ kind, serviceId }) : bad('serviceId');
    }
    case 'domain.nameservers': {
      const domainId = id(raw['domainId']);
      const list = checkNameservers(Array.isArray(raw['nameservers']) ? raw['nameservers'].map(String) : String(raw['nameservers'] ?? ''));
      return domainId && list.ok ? ok({ kind, domainId, nameservers: list.value }) : bad(domainId ? 'nameservers' : 'domainId');
    }
    case 'domain.transfer_code': {
      const domainId = id(raw['domainId']);
      return domainId ? ok({ kind, domainId }) : bad('domainId');
    }
    case 'mailbox.add': {
      const domainName = str(raw['domainName'], 253);
      return domainName ? ok({ kind, domainName: domainName.toLowerCase() }) : bad('domainName');
    }
    case 'order': {
      const productCode = str(raw['productCode'], 40);
      const domainName = str(raw['domainName'], 253);
      return productCode && domainName ? ok({ kind, productCode, domainName: domainName.toLowerCase() }) : bad('productCode');
    }
    default:
      return fail(new InvalidInput('request.kind', 'kind'));
  }
}

/** The policy question a request puts for the requester: the same one the portal asks for the direct action. */
export function actionFor(accountId: string, request: RequestPayload): Action {
  switch (request.kind) {
    case 'profile.change':
      return { type: 'profile.edit', accountId };
    case 'service.change':
    case 'service.cancel':
      return { type: 'services.manage', accountId, serviceId: request.serviceId };
    case 'domain.nameservers':
    case 'domain.transfer_code':
      return { type: 'domains.manage', accountId, domainId: request.domainId };
    case 'credentials.resend':
      return { type: 'services.credentials', accountId, serviceId: request.serviceId };
    case 'mailbox.add':
    case 'order':
      return { type: 'orders.place', accountId };
  }
}
