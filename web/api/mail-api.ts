import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { MAIL_STATUSES, type OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { json, listQuery, page, pagingOf, pathIds, staff, staffActor, timestamp, unauthenticated } from './api-common.js';
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
    createdAt: timestamp(),
    canBeSentAgain: z.boolean(),
  })
  .openapi('UndeliveredMail');

const mailJson = (m: OutgoingMail) => ({ id: m.id, accountId: m.accountId, to: m.to, subject: m.subject, status: m.status, attempts: m.attempts, lastError: m.lastError, createdAt: m.createdAt.toISOString(), canBeSentAgain: m.canBeSentAgain() });

const listRoute = createRoute({
  ...staff,
  operationId: 'listUndeliveredMail',
  method: 'get',
  path: '/staff/mail/undelivered',
  summary: 'Mail that did not go out: retrying, or undeliverable after three days (staff: support or admin)',
  request: { query: listQuery },
  responses: { 200: { description: 'Newest first', content: json(page(UndeliveredSchema)) } },
});

const resendRoute = createRoute({
  ...staff,
  operationId: 'resendMail',
  method: 'post',
  path: '/staff/mail/{mailId}/resend',
  summary: 'Send a mail that did not go out once more',
  request: { params: pathIds('mailId') },
  responses: {
    202: { description: 'Queued again', content: json(UndeliveredSchema) },
    409: { description: 'Not waiting to be sent again, or its one-time link has expired' },
  },
});

export function registerMailApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { undeliveredMail } = useCases;
  api.openapi(listRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await undeliveredMail.list(actor, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(mailJson), next: result.value.next }, 200);
  });
  api.openapi(resendRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await undeliveredMail.resend(actor, c.req.valid('param').mailId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(mailJson(result.value), 202);
  });
}
