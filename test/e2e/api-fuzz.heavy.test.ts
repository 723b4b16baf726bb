import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { PDF } from '../support/documents.js';
import { givenContact, givenOwner, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, staffClientFor } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import { invalid, resolve, seeded, valid, type Doc, type Operation, type Schema } from '../support/openapi-fuzz.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

/**
 * Every operation of the served document, fuzzed from its own schemas with a fixed seed: valid requests and broken
 * ones (a field left out or of the wrong type, too long, outside its enum, JSON that is not JSON, another media type,
 * an id that is no id, a cursor no list gave out, no caller at all). Not one answer may be a 5xx, and every answer
 * must be one the document lists for the operation, of a documented media type, whose JSON validates (Ajv 2020-12).
 */
const SEED = 20261201;
const REQUESTS_PER_OPERATION = 4;

let portal: PostgresPortal;
let app: App;
let doc: Doc;
const pool: Record<string, string[]> = {};
type Client = ReturnType<typeof httpClient>;
let callers: { owner: Client; staff: Client; anonymous: Client; clientToken: string; staffToken: string };

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
  const useCases = buildUseCases(portal.services, { database: portal.database });
  const { user, account } = await givenOwner(portal.services);
  const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
  const staffClient = await staffClientFor(portal, app, ['admin']);
  const admin = (await portal.sql<{ id: string }>("select id from staff_members where 'admin' = any(roles) order by created_at desc limit 1"))[0]!.id;
  const adminActor = { kind: 'staff' as const, staffId: admin, roles: ['admin' as const] };
  const order = await useCases.placeOrder.asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: 'fuzz.hr' }, { productCode: 'DOM-HR', domainName: 'fuzz.hr' }] }, META);
  if (!order.ok) throw new Error(order.error.code);
  await useCases.decideOrder.accept(adminActor, order.value.id, META);
  const quote = await portal.services.uow.run((scope) => scope.quotes.findByOrder(order.value.id));
  const paid = await useCases.recordPayment.execute(adminActor, { bankTransactionId: 'FUZZ-1', amountCents: quote!.grossCents, receivedOn: '2026-11-20', reference: quote!.paymentReference.number, payerName: '' }, META);
  if (!paid.ok || !paid.value.invoice) throw new Error('payment failed');
  const services = await portal.services.uow.run((scope) => scope.services.listForAccount(account.id, { limit: 5 }));
  const domains = await portal.services.uow.run((scope) => scope.domains.listForAccount(account.id, { limit: 5 }));
  const ticket = await useCases.tickets.open(owner, account.id, { subject: 'Fuzz pitanje', department: 'technical', priority: 'normal', body: 'Kako?' }, META);
  if (!ticket.ok) throw new Error(ticket.error.code);
  const { contact } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
  const mails = await portal.services.uow.run((scope) => scope.mails.listForAccount(account.id, { limit: 3 }));
  const endpoint = await useCases.webhooks.create({ ...owner }, { accountId: account.id }, { name: 'Fuzz', url: 'http://127.0.0.1:9/hook', events: ['order.placed'] }, META);
  if (!endpoint.ok) throw new Error(endpoint.error.code);
  const clientToken = await useCases.apiTokens.create(owner, account.id, { name: 'fuzz', permissions: ['profile', 'contacts', 'services', 'services.manage', 'credentials', 'domains', 'domains.manage', 'orders', 'quotes', 'invoices', 'tickets', 'emails'] }, META);
  const staffToken = await useCases.staffTokens.create(adminActor, { name: 'fuzz', roles: ['support', 'billing', 'verifier', 'editor'] }, META);
  if (!clientToken.ok || !staffToken.ok) throw new Error('tokens failed');
  const ownerClient = httpClient(app);
  expect((await ownerClient.post('/sign-in', { form: { email: user.email, password: PASSWORD } })).status).toBe(303);
  callers = { owner: ownerClient, staff: staffClient, anonymous: httpClient(app), clientToken: clientToken.value.token, staffToken: staffToken.value.token };
  Object.assign(pool, {
    accountId: [account.id],
    serviceId: services.items.map((s) => s.id),
    domainId: domains.items.map((d) => d.id),
    invoiceId: [paid.value.invoice.id],
    quoteId: [quote!.id],
    orderId: [order.value.id],
    ticketId: [ticket.value.id],
    contactId: [contact.id],
    mailId: mails.items.map((m) => m.id),
    endpointId: [endpoint.value.endpoint.id],
    productCode: ['HOST-START', 'DOM-HR', 'MAIL-BOX'],
    file: ['docs.js', 'swagger-ui.css'],
  });
  doc = (await (await app.request('/api/v1/openapi.json')).json()) as Doc;
});

afterAll(async () => {
  await portal.close();
});

interface Outcome {
  readonly operation: string;
  readonly status: number;
  readonly problem: string | null;
}

function ajvFor(document: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(document as unknown as Schema, 'doc');
  const cache = new Map<Schema, ReturnType<typeof ajv.compile>>();
  const rebased = (schema: unknown): unknown =>
    Array.isArray(schema) ? schema.map(rebased) : schema && typeof schema === 'object' ? Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `doc${v}` : rebased(v)])) : schema;
  return (schema: Schema, value: unknown): string | null => {
    let validate = cache.get(schema);
    if (!validate) cache.set(schema, (validate = ajv.compile(rebased(schema) as Schema)));
    return validate(value) ? null : ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 400);
  };
}

describe('the JSON API under fuzzed requests', () => {
  it('answers every request, valid or not, without a 5xx and as the served document says', async () => {
    const random = seeded(SEED);
    const check = ajvFor(doc);
    const outcomes: Outcome[] = [];
    let sent = 0;
    for (const [template, item] of Object.entries(doc.paths).sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const [method, op] of Object.entries(item) as Array<[string, Operation]>) {
        for (let n = 0; n < REQUESTS_PER_OPERATION; n += 1) {
          const broken = n % 2 === 1;
          const outcome = await fuzzOne(template, method, op, broken, random, check);
          outcomes.push(outcome);
          sent += 1;
          // The rate limit counts per minute; the test's clock stands still unless moved.
          if (sent % 250 === 0) portal.clock.advance(61_000);
        }
      }
    }
    const problems = outcomes.filter((o) => o.problem).map((o) => `${o.operation} → ${o.status}: ${o.problem}`);
    expect(problems).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // A fuzzer whose requests never get through tests nothing: most valid requests must succeed.
    const plain = outcomes.filter((o) => !o.operation.endsWith(')'));
    const succeeded = new Set(plain.filter((o) => o.status < 300).map((o) => o.operation));
    expect(outcomes.length).toBeGreaterThanOrEqual(400);
    expect(succeeded.size / new Set(plain.map((o) => o.operation)).size).toBeGreaterThan(0.5);
    // And the broken ones are refused: never a success for a body that is not JSON or of another type.
    expect(outcomes.filter((o) => /\((json|type)\)$/u.test(o.operation) && o.status < 300 && !o.operation.startsWith('GET'))).toEqual([]);
  });
});

async function fuzzOne(template: string, method: string, op: Operation, broken: boolean, r: ReturnType<typeof seeded>, check: ReturnType<typeof ajvFor>): Promise<Outcome> {
  const security = (op.security ?? []).flatMap((s) => Object.keys(s));
  const headers: Record<string, string> = {};
  let client = callers.anonymous;
  if (security.includes('staffSession') || security.includes('staffBearer')) {
    if (security.includes('staffBearer') && r.chance(0.5)) headers['authorization'] = `Bearer ${callers.staffToken}`;
    else client = callers.staff;
  } else if (security.includes('session') || security.includes('bearer')) {
    if (security.includes('bearer') && r.chance(0.5)) headers['authorization'] = `Bearer ${callers.clientToken}`;
    else client = callers.owner;
  }
  const ways = op.requestBody ? (['body', 'json', 'type', 'path', 'query', 'caller'] as const) : (['path', 'query', 'caller'] as const);
  const breakHow = broken ? r.pick<(typeof ways)[number]>(ways) : null;
  if (breakHow === 'caller') {
    client = callers.anonymous;
    delete headers['authorization'];
  }
  let path = template;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const value = valid(doc, p.schema, r, pool, p.name);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(breakHow === 'path' && r.chance(0.7) ? 'not-an-id' : String(value)));
    // A cursor comes from a page the list gave; made up, it is refused (that is the 'query' breakage).
    else if (p.in === 'query' && p.name !== 'after' && (p.required || r.chance(0.5))) query.set(p.name, String(value));
    else if (p.in === 'header' && r.chance(0.5)) headers[p.name] = String(value);
  }
  if (breakHow === 'query') query.set(r.pick(['after', 'limit']), r.pick(['junk', '0', '1000', 'eyJ4IjoxfQ', Buffer.from('2026-01-01T00:00:00.000Z|x').toString('base64url')]));
  const url = `/api/v1${path}${query.size ? `?${query}` : ''}`;
  const options: Parameters<Client['send']>[2] = { headers };
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) {
    const schema = content['application/json'].schema;
    if (breakHow === 'json') options.body = r.pick(['{"a":', '[1,2', 'nie json', `${'['.repeat(40)}${']'.repeat(40)}`]);
    else if (breakHow === 'type') options.body = 'a=b';
    else options.json = breakHow === 'body' ? invalid(doc, schema, r, pool).value : valid(doc, schema, r, pool);
    if (options.body !== undefined) headers['content-type'] = breakHow === 'type' ? 'text/plain' : 'application/json';
  } else if (content['multipart/form-data']) {
    const schema = resolve(doc, content['multipart/form-data'].schema);
    if (breakHow === 'type' || breakHow === 'json') {
      options.json = { not: 'a form' };
    } else {
      const form = new FormData();
      for (const [name, prop] of Object.entries((schema['properties'] ?? {}) as Record<string, Schema>)) {
        if (resolve(doc, prop)['format'] === 'binary') {
          if (breakHow !== 'body') form.set(name, new File([PDF], 'fuzz.pdf', { type: 'application/pdf' }));
        } else form.set(name, String(valid(doc, prop, r, pool, name)));
      }
      options.multipart = form;
    }
  }
  const response = await client.send(method.toUpperCase(), url, options);
  const operation = `${method.toUpperCase()} ${template}${breakHow ? ` (${breakHow})` : ''}`;
  return { operation, status: response.status, problem: await conformance(op, method, response, check) };
}

async function conformance(op: Operation, method: string, response: Response, check: ReturnType<typeof ajvFor>): Promise<string | null> {
  if (response.status >= 500) return `server error ${await response.text()}`;
  const documented = op.responses[String(response.status)];
  if (!documented) return `status ${response.status} not documented (${(await response.text()).slice(0, 200)})`;
  // Refusals made before a caller is known (a body too large, a forged cookie request, a bad token) are not counted.
  if (![401, 403, 413].includes(response.status) && !response.headers.get('ratelimit-remaining')) return 'no RateLimit headers';
  if (method === 'get' && response.status === 200 && !response.headers.get('etag')) return 'no ETag';
  const answer = resolve(doc, documented);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const media = answer['content'] as Record<string, { schema: Schema }> | undefined;
  if (!media || response.status === 204 || response.status === 304) return bytes.length === 0 ? null : `a body where none is documented`;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const described = media[type];
  if (!described) return `media type ${type} not documented (${Object.keys(media).join(', ')})`;
  if (!type.includes('json')) return null;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return 'JSON that does not parse';
  }
  const error = check(described.schema, body);
  return error ? `body does not match: ${error}` : null;
}
