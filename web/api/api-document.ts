/**
 * The finishing of the served OpenAPI document, so that it says everything the API can answer: the shared problem
 * answers every operation can give (by its method, its inputs and whether it needs a caller), the RateLimit headers
 * on every answer, the ETag on reads, `security: []` on public operations, and the tags with their descriptions.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  responses: Record<string, Json>;
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }, headers: rateHeaders() });

/** Each shared answer, by status: the component that describes it. */
const SHARED: Record<string, [string, Json]> = {
  '400': ['BadRequest', problem('The body is not JSON, or is nested deeper than 16 levels (code malformed_json)')],
  '401': ['Unauthenticated', problem('No valid caller: not signed in, or the bearer token is unknown or revoked (code unauthenticated or invalid_token)')],
  '403': ['Forbidden', problem('The caller may not do this (the policy said no), or a cookie-carrying request came from another site (code csrf)')],
  '404': ['NotFound', problem('There is no such thing, or not in this account')],
  '409': ['Conflict', problem('The thing is not in a state that allows this')],
  '413': ['TooLarge', problem('The body is larger than this operation takes (16 KiB of JSON; 6 MiB for a document upload)')],
  '415': ['UnsupportedMediaType', problem('The body is not of the type this operation takes (application/json, or multipart/form-data for uploads)')],
  '422': ['Invalid', problem('The input is not valid: see `errors` for each field (a cursor that no list gave out is refused too)')],
  '503': ['Unavailable', { ...problem('The database is away for a moment (a restart, a network fault): try again after Retry-After (code unavailable)'), headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } }],
  '429': ['TooManyRequests', { ...problem('Too many requests: wait the seconds in Retry-After'), headers: { ...rateHeaders(), 'Retry-After': { $ref: '#/components/headers/Retry-After' } } }],
};

function rateHeaders(): Json {
  return {
    'RateLimit-Limit': { $ref: '#/components/headers/RateLimit-Limit' },
    'RateLimit-Remaining': { $ref: '#/components/headers/RateLimit-Remaining' },
    'RateLimit-Reset': { $ref: '#/components/headers/RateLimit-Reset' },
  };
}

const HEADERS: Json = {
  'RateLimit-Limit': { description: 'Requests the caller may make in a minute', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current minute', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the minute starts again', schema: { type: 'integer' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
  ETag: { description: 'Identifies this answer: send it as If-None-Match to be told 304 when nothing changed', schema: { type: 'string' } },
};

export const TAGS: Array<{ name: string; description: string }> = [
  { name: 'system', description: 'Health of the service' },
  { name: 'identity', description: 'Who is calling, sessions and the forgotten password' },
  { name: 'ordering', description: 'The price list and orders' },
  { name: 'services', description: 'Services and domains: details, access data, nameservers' },
  { name: 'billing', description: 'Quotes and invoices (PDF with the HUB-3 barcode, eRačun UBL 2.1)' },
  { name: 'account', description: 'Email history, audit log and API tokens of an account' },
  { name: 'contacts', description: 'People who act for an account, their rights and mail' },
  { name: 'profile', description: 'Client details (the OIB never changes)' },
  { name: 'email change', description: 'Changing the account email, verified by staff' },
  { name: 'tickets', description: 'Support tickets and the typed requests they carry' },
  { name: 'webhooks', description: 'Endpoints told about events, signed with HMAC-SHA256, and their deliveries' },
  { name: 'help', description: 'Help centre articles, search and votes' },
  { name: 'staff', description: 'The back office (staff session or staff API token with the needed role)' },
];

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * A field with a default may be left out of a request (the server fills it in), so it is not required: zod describes
 * the parsed value, in which it always is.
 */
function optionalDefaults(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(optionalDefaults);
  if (!node || typeof node !== 'object') return;
  const schema = node as Json;
  const properties = schema['properties'] as Record<string, Json> | undefined;
  if (properties && Array.isArray(schema['required'])) {
    schema['required'] = (schema['required'] as string[]).filter((name) => !(properties[name] && 'default' in properties[name]));
    if ((schema['required'] as string[]).length === 0) delete schema['required'];
  }
  Object.values(schema).forEach(optionalDefaults);
}

export function completeDocument<T extends Json>(doc: T): T {
  optionalDefaults(doc);
  const components = ((doc as Json)['components'] ??= {}) as Json;
  const responses = (components['responses'] ??= {}) as Json;
  for (const [name, response] of Object.values(SHARED)) responses[name] = response;
  components['headers'] = HEADERS;
  (doc as Json)['tags'] = TAGS;
  const paths = ((doc as Json)['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      op.security ??= [];
      const statuses = new Set(['401', '429']);
      // Health answers 503 in its own shape; everything else answers a problem when the database is away.
      if (!op.responses['503']) statuses.add('503');
      const params = op.parameters ?? [];
      if (params.length || op.requestBody) statuses.add('422');
      if (params.some((p) => p.in === 'path')) statuses.add('404');
      if (UNSAFE.has(method)) ['400', '403', '409', '413', '415'].forEach((s) => statuses.add(s));
      if (op.security.length) statuses.add('403');
      for (const status of Object.keys(op.responses)) if (SHARED[status] && status !== '503') statuses.add(status);
      for (const status of statuses) op.responses[status] = { $ref: `#/components/responses/${SHARED[status]![0]}` };
      if (method === 'get') op.responses['304'] = { description: 'Not modified: the If-None-Match sent names this answer', headers: { ETag: { $ref: '#/components/headers/ETag' }, ...rateHeaders() } };
      for (const [status, response] of Object.entries(op.responses)) {
        if ('$ref' in response || status === '304') continue;
        response['headers'] = { ...rateHeaders(), ...(method === 'get' && status === '200' ? { ETag: { $ref: '#/components/headers/ETag' } } : {}), ...((response['headers'] as Json | undefined) ?? {}) };
      }
    }
  }
  return doc;
}
