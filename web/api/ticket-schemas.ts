import { z } from '@hono/zod-openapi';
import type { TicketView } from '../../application/support/tickets.js';
import { DEPARTMENTS, PRIORITIES, type Ticket } from '../../domain/support/ticket.js';
import { REQUEST_KINDS } from '../../domain/support/ticket-request.js';
import { timestamp } from './api-common.js';

/** The shapes of tickets in the API: one schema per typed request, told apart by `kind`. */
const uuid = () => z.uuid();
const kind = <K extends (typeof REQUEST_KINDS)[number]>(k: K) => z.literal(k);
export const TicketRequestSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: kind('profile.change'), name: z.string().max(300), street: z.string().max(300), postalCode: z.string().max(20), city: z.string().max(200), phone: z.string().max(60) }).openapi('ProfileChangeRequest'),
    z.object({ kind: kind('service.change'), serviceId: uuid(), productCode: z.string().max(40).openapi({ example: 'HOST-PRO' }) }).openapi('ServiceChangeRequest'),
    z.object({ kind: kind('service.cancel'), serviceId: uuid() }).openapi('ServiceCancelRequest'),
    z.object({ kind: kind('domain.nameservers'), domainId: uuid(), nameservers: z.array(z.string().max(253)).min(2).max(6).openapi({ example: ['ns1.primjer.hr', 'ns2.primjer.hr'] }) }).openapi('NameserversRequest'),
    z.object({ kind: kind('domain.transfer_code'), domainId: uuid() }).openapi('TransferCodeRequest'),
    z.object({ kind: kind('credentials.resend'), serviceId: uuid() }).openapi('NewAccessDataRequest'),
    z.object({ kind: kind('mailbox.add'), domainName: z.string().max(253).openapi({ example: 'demo-firma.hr' }) }).openapi('MailboxRequest'),
    z.object({ kind: kind('order'), productCode: z.string().max(40).openapi({ example: 'SSL-DV' }), domainName: z.string().max(253) }).openapi('OrderRequest'),
  ])
  .openapi('TicketRequest', {
    description: 'A typed request: staff carry it out only when the policy allows it for the requester',
    discriminator: {
      propertyName: 'kind',
      mapping: Object.fromEntries(
        (
          [
            ['profile.change', 'ProfileChangeRequest'],
            ['service.change', 'ServiceChangeRequest'],
            ['service.cancel', 'ServiceCancelRequest'],
            ['domain.nameservers', 'NameserversRequest'],
            ['domain.transfer_code', 'TransferCodeRequest'],
            ['credentials.resend', 'NewAccessDataRequest'],
            ['mailbox.add', 'MailboxRequest'],
            ['order', 'OrderRequest'],
          ] as const
        ).map(([kind, name]) => [kind, `#/components/schemas/${name}`]),
      ),
    },
  });

export const TicketSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    number: z.string().openapi({ example: 'T-2026-000004' }),
    subject: z.string(),
    department: z.enum(DEPARTMENTS),
    priority: z.enum(PRIORITIES),
    status: z.enum(['open', 'answered', 'closed']),
    createdAt: timestamp(),
    lastActivityAt: timestamp(),
    updatedAt: timestamp(),
    request: z
      .object({ kind: z.enum(REQUEST_KINDS), payload: z.record(z.string(), z.unknown()), status: z.enum(['pending', 'done', 'declined']), outcome: z.string().nullable() })
      .nullable(),
  })
  .openapi('Ticket');
const MessageSchema = z.object({ id: z.uuid(), author: z.enum(['user', 'staff']), name: z.string(), body: z.string(), createdAt: timestamp() }).openapi('TicketMessage');
export const TicketDetailSchema = TicketSchema.extend({
  messages: z.array(MessageSchema),
  attachments: z.array(z.object({ id: z.uuid(), messageId: z.uuid(), fileName: z.string(), type: z.string(), bytes: z.number().int() })),
  verdict: z
    .object({ allowed: z.boolean(), grantedBy: z.string().optional(), reason: z.string().optional() })
    .nullable()
    .openapi({ description: "For staff: the policy's verdict on the request for the requester now" }),
}).openapi('TicketDetail');
export const NewTicketSchema = z
  .object({
    subject: z.string().max(300).openapi({ example: 'Promjena poslužitelja imena' }),
    department: z.enum(DEPARTMENTS),
    priority: z.enum(PRIORITIES).default('normal'),
    body: z.string().max(20_000),
    request: TicketRequestSchema.optional().openapi({ description: 'Leave out for a plain question' }),
  })
  .openapi('NewTicket');
export const OptionsSchema = z
  .object({ kinds: z.array(z.enum(REQUEST_KINDS)), manageableServiceIds: z.array(z.uuid()), credentialServiceIds: z.array(z.uuid()), manageableDomainIds: z.array(z.uuid()) })
  .openapi('TicketRequestOptions');

export function ticketJson(t: Ticket) {
  return {
    id: t.id,
    accountId: t.accountId,
    number: t.number,
    subject: t.subject,
    department: t.department,
    priority: t.priority,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    request: t.requestKind ? { kind: t.requestKind as (typeof REQUEST_KINDS)[number], payload: t.requestPayload ?? {}, status: t.requestStatus ?? 'pending', outcome: t.requestStatus === 'declined' ? t.requestOutcome : null } : null,
  };
}

export function detailJson(v: TicketView) {
  return {
    ...ticketJson(v.ticket),
    messages: v.messages.map((m) => ({ id: m.id, author: m.authorKind, name: m.authorName, body: m.body, createdAt: m.createdAt.toISOString() })),
    attachments: v.attachments.map((a) => ({ id: a.id, messageId: a.messageId, fileName: a.fileName, type: a.type, bytes: a.bytes })),
    verdict: v.verdict ? (v.verdict.allowed ? { allowed: true, grantedBy: v.verdict.grantedBy } : { allowed: false, reason: v.verdict.reason }) : null,
  };
}
