import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { InvoiceDelivery, StaffInvoiceDelivery } from '../../application/fiscal/invoice-delivery.js';
import { DISPATCH_STATUSES } from '../../domain/fiscal/einvoice-dispatch.js';
import { FISCAL_STATUSES } from '../../domain/fiscal/fiscal-record.js';
import { REPORT_STATUSES } from '../../domain/fiscal/payment-report.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { afterQuery, CLIENT_AUTH, day, denied, page, problemContent, requireCaller, requireStaff, STAFF_AUTH, staffActor, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const refused = { ...denied, 404: { description: 'Not found', content: problemContent }, 409: { description: 'Nothing to do', content: problemContent }, 422: { description: 'Invalid input', content: problemContent } };
const invoiceParams = z.object({ invoiceId: z.uuid().openapi({ param: { name: 'invoiceId', in: 'path' } }) });
const accountInvoiceParams = z.object({ accountId: z.uuid().openapi({ param: { name: 'accountId', in: 'path' } }), invoiceId: z.uuid().openapi({ param: { name: 'invoiceId', in: 'path' } }) });

const DeliverySchema = z
  .object({
    fiscal: z
      .object({ zki: z.string(), jir: z.string().nullable(), status: z.enum(FISCAL_STATUSES), verificationUrl: z.string(), fiscalizedAt: timestamp().nullable() })
      .nullable()
      .openapi({ description: "A consumer's invoice: its ZKI, its JIR once the Tax Administration gave it, and the verification link of its QR code" }),
    einvoice: z
      .object({ status: z.enum(DISPATCH_STATUSES), intermediary: z.string(), rejectionReason: z.string().nullable(), sentAt: timestamp().nullable(), deliveredAt: timestamp().nullable(), rejectedAt: timestamp().nullable() })
      .nullable()
      .openapi({ description: "An eRačun's journey through the information intermediary" }),
  })
  .openapi('InvoiceDelivery');

const StaffDeliverySchema = DeliverySchema.extend({
  attempts: z.object({ fiscal: z.number().int().nullable(), einvoice: z.number().int().nullable() }),
  lastErrors: z.object({ fiscal: z.string().nullable(), einvoice: z.string().nullable() }),
  reports: z.array(z.object({ paymentId: z.uuid(), paidOn: day(), amountCents: z.number().int(), status: z.enum(REPORT_STATUSES), requestId: z.string().nullable(), lastError: z.string().nullable() })),
}).openapi('StaffInvoiceDelivery');

const deliveryJson = (d: InvoiceDelivery) => ({
  fiscal: d.fiscal ? { zki: d.fiscal.securityCode, jir: d.fiscal.jir, status: d.fiscal.status, verificationUrl: d.fiscal.verificationUrl, fiscalizedAt: d.fiscal.fiscalizedAt?.toISOString() ?? null } : null,
  einvoice: d.einvoice ? { status: d.einvoice.status, intermediary: d.einvoice.intermediary, rejectionReason: d.einvoice.rejectionReason, sentAt: d.einvoice.sentAt?.toISOString() ?? null, deliveredAt: d.einvoice.deliveredAt?.toISOString() ?? null, rejectedAt: d.einvoice.rejectedAt?.toISOString() ?? null } : null,
});
const staffDeliveryJson = (d: StaffInvoiceDelivery) => ({
  ...deliveryJson(d),
  attempts: { fiscal: d.fiscal?.attempts ?? null, einvoice: null },
  lastErrors: { fiscal: d.fiscal?.lastError ?? null, einvoice: d.einvoice?.lastError ?? null },
  reports: d.reports.map((r) => ({ paymentId: r.paymentId, paidOn: r.paidOn, amountCents: r.amountCents, status: r.status, requestId: r.requestId, lastError: r.lastError })),
});

const StatementResultSchema = z
  .object({
    statementId: z.string(),
    credits: z.number().int(),
    booked: z.number().int(),
    duplicates: z.number().int(),
    unmatched: z.number().int(),
    skipped: z.number().int().openapi({ description: 'Debits and entries not booked yet: not payments to us' }),
    payments: z.array(z.object({ id: z.uuid(), bankTransactionId: z.string(), amountCents: z.number().int(), invoiceId: z.uuid().nullable(), invoiceNumber: z.string().nullable(), duplicate: z.boolean() })),
  })
  .openapi('BankStatementImport');
const StatementSchema = z.object({ id: z.uuid(), statementId: z.string(), fileName: z.string(), sha256: z.string(), credits: z.number().int(), booked: z.number().int(), duplicates: z.number().int(), unmatched: z.number().int(), importedAt: timestamp() }).openapi('BankStatement');
const QueueEntrySchema = z.object({ invoiceId: z.uuid(), invoiceNumber: z.string().nullable(), status: z.string(), reason: z.string().nullable(), attempts: z.number().int(), since: timestamp() }).openapi('DeliveryQueueEntry');

const clientDelivery = createRoute({
  operationId: 'getInvoiceDelivery',
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}/delivery',
  summary: "An invoice's fiscalization (ZKI, JIR, verification link) and its eRačun's status (delivered, rejected with the reason)",
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountInvoiceParams },
  responses: { 200: { description: 'Where it stands', content: json(DeliverySchema) }, ...refused },
});
const staffDelivery = createRoute({
  operationId: 'getStaffInvoiceDelivery',
  method: 'get',
  path: '/staff/invoices/{invoiceId}/delivery',
  summary: "An invoice's fiscalization, eRačun and payment reports with their attempts and errors (billing staff)",
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { params: invoiceParams },
  responses: { 200: { description: 'Where it stands', content: json(StaffDeliverySchema) }, ...refused },
});
const retryDelivery = createRoute({
  operationId: 'retryInvoiceDelivery',
  method: 'post',
  path: '/staff/invoices/{invoiceId}/retry-delivery',
  summary: 'Send again now a fiscalization still without a JIR, or an eRačun the intermediary refused',
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { params: invoiceParams },
  responses: { 202: { description: 'Queued', content: json(z.object({ queued: z.enum(['fiscal', 'einvoice']) })) }, ...refused },
});
const waitingQueue = createRoute({
  operationId: 'listWaitingFiscalization',
  method: 'get',
  path: '/staff/einvoicing/waiting',
  summary: "Consumers' invoices still awaiting their JIR, oldest first (billing staff)",
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { query: afterQuery },
  responses: { 200: { description: 'Oldest first', content: json(page(QueueEntrySchema)) }, ...denied },
});
const rejectedQueue = createRoute({
  operationId: 'listRejectedEInvoices',
  method: 'get',
  path: '/staff/einvoicing/rejected',
  summary: 'eRačuni a buyer rejected or the intermediary refused, not yet answered with a credit note (billing staff)',
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { query: afterQuery },
  responses: { 200: { description: 'Oldest first', content: json(page(QueueEntrySchema)) }, ...denied },
});
const importStatement = createRoute({
  operationId: 'importBankStatement',
  method: 'post',
  path: '/staff/bank-statements',
  summary: "Import a bank statement (camt.053): each credit booked as a payment, matched by its reference, all in one transaction",
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: 'The camt.053 XML file, at most 5 MB' }) }).openapi('BankStatementUpload') } } } },
  responses: { 201: { description: 'Imported', content: json(StatementResultSchema) }, ...refused },
});
const listStatements = createRoute({
  operationId: 'listBankStatements',
  method: 'get',
  path: '/staff/bank-statements',
  summary: 'Bank statements imported, newest first',
  tags: ['staff'],
  security: STAFF_AUTH,
  middleware: [requireStaff] as const,
  request: { query: afterQuery },
  responses: { 200: { description: 'Newest first', content: json(page(StatementSchema)) }, ...denied },
});

/** Fiscalization, eRačun deliveries and bank statements over JSON: the same use cases as the pages. */
export function registerFiscalApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { deliveries, importBankStatement } = useCases;
  api.openapi(clientDelivery, async (c) => {
    const actor = c.get('apiActor');
    if (!actor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await deliveries.forClient(actor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(deliveryJson(result.value), 200);
  });
  api.openapi(staffDelivery, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await deliveries.forStaff(actor, c.req.valid('param').invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(staffDeliveryJson(result.value), 200);
  });
  api.openapi(retryDelivery, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await deliveries.retry(actor, c.req.valid('param').invoiceId, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ queued: result.value }, 202);
  });
  api.openapi(waitingQueue, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await deliveries.waitingFiscalization(actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(({ item, invoice }) => ({ invoiceId: item.invoiceId, invoiceNumber: invoice?.number ?? null, status: item.status, reason: item.lastError, attempts: item.attempts, since: item.createdAt.toISOString() })), next: result.value.next }, 200);
  });
  api.openapi(rejectedQueue, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await deliveries.needingAction(actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(({ item, invoice }) => ({ invoiceId: item.invoiceId, invoiceNumber: invoice?.number ?? null, status: item.status, reason: item.rejectionReason ?? item.lastError, attempts: item.attempts, since: item.updatedAt.toISOString() })), next: result.value.next }, 200);
  });
  api.openapi(importStatement, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const file = c.req.valid('form').file;
    const result = await importBankStatement.execute(actor, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    const o = result.value;
    return c.json(
      {
        statementId: o.statementId,
        credits: o.credits,
        booked: o.booked,
        duplicates: o.duplicates,
        unmatched: o.unmatched,
        skipped: o.skipped,
        payments: o.payments.map((p) => ({ id: p.payment.id, bankTransactionId: p.payment.bankTransactionId, amountCents: p.payment.amountCents, invoiceId: p.invoice?.id ?? null, invoiceNumber: p.invoice?.number ?? null, duplicate: p.duplicate })),
      },
      201,
    );
  });
  api.openapi(listStatements, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await importBankStatement.history(actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map((s) => ({ id: s.id, statementId: s.statementId, fileName: s.fileName, sha256: s.sha256, credits: s.credits, booked: s.booked, duplicates: s.duplicates, unmatched: s.unmatched, importedAt: s.importedAt.toISOString() })), next: result.value.next }, 200);
  });
}
