import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const UUID = '[0-9a-f-]{36}';
const KIB = 1024;

/**
 * Routes that take a document (a multipart form with one file of up to 5 MB and a few fields): the email-change
 * forms and their API, a new ticket and a message on one (the client's and the staff's), a bank statement (page and API),
 * and a file answering a ticket through the API.
 */
export const UPLOAD_PATHS = new RegExp(
  `^/(?:(?:api/v1/)?(?:email-change|accounts/${UUID}/email-change|staff/bank-statements)|accounts/${UUID}/tickets(?:/${UUID}/messages)?|staff/tickets/${UUID}/messages|api/v1/(?:accounts/${UUID}/|staff/)tickets/${UUID}/attachments)$`,
  'u',
);

/**
 * The most a request body may be, by route, checked before anything reads it (a large or deeply nested JSON is
 * refused unread): a document upload, a help article in Markdown, any other call of the JSON API, any other form.
 */
const LIMITS: ReadonlyArray<readonly [RegExp, number]> = [
  [UPLOAD_PATHS, 6 * 1024 * KIB],
  [/^\/(?:api\/v1\/)?staff\/help\//u, 256 * KIB],
  [/^\/api\//u, 16 * KIB],
  [/^/u, 64 * KIB],
];

export function bodyLimits(tooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const limiters = LIMITS.map(([path, maxSize]) => [path, bodyLimit({ maxSize, onError: tooLarge })] as const);
  // A GET or HEAD never has a body here (the Fetch rule, which the Node adapter follows): nothing to limit or match.
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limiters.find(([path]) => path.test(c.req.path))![1](c, next));
}
