import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { MAIL_STATUSES, type OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { afterQuery, denied, page, problemContent, requireStaff, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const UndeliveredSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid().nullable(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(MAIL_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    canBeSentAgain: z.boolean(),
  })
  .openapi('UndeliveredMail');

const mailJson = (m: OutgoingMail) => ({ id: m.id, accountId: m.accountId, to: m.to, subject: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError, createdAt: m.createdAt.toISOString(), canBeSentAgain: m.canBeSentAgain() });

const listRoute = createRoute({
  method: 'get',
  path: '/staff/mail/undelivered',
  summary: 'Mail that did not go out: retrying, or undeliverable after three days (staff: support or admin)',
  tags: ['staff'],
  security: [{ staffSession: [] }],
  middleware: [requireStaff] as const,
  request: { query: afterQuery },
  responses: { 200: { description: 'Newest first', content: { 'application/json': { schema: page(UndeliveredSchema) } } }, ...denied },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/staff/mail/{mailId}/resend',
  summary: 'Send a mail that did not go out once more',
  tags: ['staff'],
  security: [{ staffSession: [] }],
  middleware: [requireStaff] as const,
  request: { params: z.object({ mailId: z.uuid().openapi({ param: { name: 'mailId', in: 'path' } }) }) },
  responses: {
    202: { description: 'Queued again', content: { 'application/json': { schema: UndeliveredSchema } } },
    404: { description: 'No such mail', content: problemContent },
    409: { description: 'Not waiting to be sent again, or its one-time link has expired', content: problemContent },
    ...denied,
  },
});

export function registerMailApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { undeliveredMail } = useCases;
  api.openapi(listRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await undeliveredMail.list(auth.actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(mailJson), next: result.value.next }, 200);
  });
  api.openapi(resendRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await undeliveredMail.resend(auth.actor, c.req.valid('param').mailId, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(mailJson(result.value), 202);
  });
}
