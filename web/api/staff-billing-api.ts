import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { UNIT_CODES } from '../../domain/billing/line-classification.js';
import { MAX_AMOUNT_CENTS } from '../../domain/billing/money.js';
import { BUYER_CLASSES, VAT_CHOICES, type VatChoice } from '../../domain/billing/vat.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { AppEnv } from '../http/env.js';
import { documentResponse } from '../http/pdf.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, binary, day, idempotencyHeader, json, listQuery, page, pagingOf, pathIds, staff, staffActor, unauthenticated } from './api-common.js';
import { InvoiceSchema, invoiceJson, PaymentSchema, paymentJson } from './billing-schemas.js';
import { failureResponse } from './problem.js';

const invoiceParams = pathIds('invoiceId');

const DirectInvoiceSchema = z
  .object({
    dueDate: day(),
    lines: z
      .array(
        z.object({
          description: z.string().max(200).openapi({ example: 'Izrada web stranice' }),
          unitPriceCents: z.number().int().positive().max(MAX_AMOUNT_CENTS),
          quantity: z.number().int().min(1).max(10_000).default(1),
          vat: z.enum(VAT_CHOICES as [VatChoice, ...VatChoice[]]).default('S25').openapi({ description: 'S25, S13, S5 (Croatian VAT), Z (zero rate) or E (exempt); Z and E need exemptionReason' }),
          exemptionReason: z.string().max(300).nullable().optional(),
          kpdCode: z.string().max(20).openapi({ example: '63.10.12', description: 'KPD 2025 code of the line' }),
          unitCode: z.enum(UNIT_CODES).default('C62'),
          periodStart: day().nullable().optional(),
          periodEnd: day().nullable().optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi('DirectInvoice');

const RecordPaymentSchema = z
  .object({
    bankTransactionId: z.string().max(100).openapi({ example: 'HPB-2026-11-20-0042' }),
    amountCents: z.number().int().positive().max(MAX_AMOUNT_CENTS).openapi({ example: 7500 }),
    receivedOn: day(),
    reference: z.string().max(40).openapi({ example: '2-2026-17' }),
    payerName: z.string().max(200).default(''),
  })
  .openapi('RecordPayment');

const RecordedPaymentSchema = z.object({ paymentId: z.uuid(), duplicate: z.boolean(), invoice: z.union([InvoiceSchema, z.null()]) }).openapi('RecordedPayment');
const BuyerClassSchema = z
  .object({ accountId: z.uuid(), name: z.string(), buyerClass: z.enum(BUYER_CLASSES), country: z.string().openapi({ example: 'HR' }), vatNumber: z.string().nullable() })
  .openapi('BuyerClass');
const buyerJson = (a: ClientAccount) => ({ accountId: a.id, name: a.name, buyerClass: a.buyerClass, country: a.country, vatNumber: a.vatNumber });

const directInvoiceRoute = createRoute({
  ...staff,
  operationId: 'issueDirectInvoice',
  method: 'post',
  path: '/staff/accounts/{accountId}/invoices',
  summary: 'Issue an invoice directly, with a due date (billing)',
  request: { params: accountParams, headers: idempotencyHeader, body: { required: true, content: json(DirectInvoiceSchema) } },
  responses: { 201: { description: 'The invoice (also for a repeat with the same Idempotency-Key)', content: json(InvoiceSchema) } },
});
const paymentsRoute = createRoute({
  ...staff,
  operationId: 'listPayments',
  method: 'get',
  path: '/staff/payments',
  summary: 'Payments recorded, newest first; `unmatched` for money no document was found for (billing)',
  request: { query: listQuery.extend({ filter: z.enum(['all', 'unmatched']).default('all').openapi({ param: { name: 'filter', in: 'query' } }) }) },
  responses: { 200: { description: 'A page of payments (50 unless limit says otherwise)', content: json(page(PaymentSchema)) } },
});
const recordPaymentRoute = createRoute({
  ...staff,
  operationId: 'recordPayment',
  method: 'post',
  path: '/staff/payments',
  summary: 'Record money received (billing)',
  description: 'The same bankTransactionId twice records one payment. The reference (HR00 1-… for quotes, 2-… for invoices) finds the document; paying an open quote issues its invoice.',
  request: { headers: idempotencyHeader, body: { required: true, content: json(RecordPaymentSchema) } },
  responses: { 200: { description: 'Recorded (or found again: duplicate true)', content: json(RecordedPaymentSchema) } },
});
const invoiceRoute = createRoute({ ...staff, operationId: 'getStaffInvoice', method: 'get', path: '/staff/invoices/{invoiceId}', summary: 'Any invoice (billing)', request: { params: invoiceParams }, responses: { 200: { description: 'The invoice', content: json(InvoiceSchema) } } });
const invoiceFileRoute = (kind: 'pdf' | 'ubl') =>
  createRoute({
    ...staff,
    operationId: kind === 'pdf' ? 'getStaffInvoicePdf' : 'getStaffInvoiceUbl',
    method: 'get',
    path: `/staff/invoices/{invoiceId}/${kind}`,
    summary: kind === 'pdf' ? 'The archived PDF of any invoice (billing)' : 'The archived eRačun of any invoice (billing)',
    request: { params: invoiceParams },
    responses: { 200: { description: kind === 'pdf' ? 'PDF' : 'UBL 2.1', content: kind === 'pdf' ? binary('application/pdf', 'The invoice') : binary('application/xml', 'The eRačun') } },
  });
const creditNoteRoute = createRoute({
  ...staff,
  operationId: 'issueCreditNote',
  method: 'post',
  path: '/staff/invoices/{invoiceId}/credit-note',
  summary: 'Cancel an invoice with a credit note (billing); an invoice is credited once',
  request: { params: invoiceParams, headers: idempotencyHeader, body: { required: true, content: json(z.object({ reason: z.string().max(500).openapi({ example: 'Pogrešan iznos' }) }).openapi('CreditNoteRequest')) } },
  responses: { 201: { description: 'The credit note', content: json(InvoiceSchema) }, 409: { description: 'Already credited, or not an invoice' } },
});
const buyerClassRoute = createRoute({ ...staff, operationId: 'getBuyerClass', method: 'get', path: '/staff/accounts/{accountId}/buyer-class', summary: "The buyer's VAT classification (billing)", request: { params: accountParams }, responses: { 200: { description: 'The classification', content: json(BuyerClassSchema) } } });
const setBuyerClassRoute = createRoute({
  ...staff,
  operationId: 'setBuyerClass',
  method: 'put',
  path: '/staff/accounts/{accountId}/buyer-class',
  summary: "Set the buyer's VAT classification: it decides the VAT of its next invoices (billing)",
  request: { params: accountParams, body: { required: true, content: json(z.object({ buyerClass: z.enum(BUYER_CLASSES), country: z.string().max(2).default('HR'), vatNumber: z.string().max(20).default('') }).openapi('BuyerClassChange')) } },
  responses: { 200: { description: 'The classification', content: json(BuyerClassSchema) } },
});

/** Billing staff over JSON: the same use cases as the back office pages. */
export function registerStaffBillingApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  api.openapi(directInvoiceRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const body = c.req.valid('json');
    const result = await useCases.issueDirectInvoice.execute(actor, { accountId: c.req.valid('param').accountId, ...body, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 201);
  });
  api.openapi(paymentsRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await useCases.recordPayment.list(actor, query.filter, pagingOf(query));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(paymentJson), next: result.value.next }, 200);
  });
  api.openapi(recordPaymentRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.recordPayment.execute(actor, { ...c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null }, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ paymentId: result.value.payment.id, duplicate: result.value.duplicate, invoice: result.value.invoice ? invoiceJson(result.value.invoice) : null }, 200);
  });
  api.openapi(invoiceRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.staffInvoice.show(actor, c.req.valid('param').invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 200);
  });
  for (const kind of ['pdf', 'ubl'] as const) {
    api.openapi(invoiceFileRoute(kind), async (c) => {
      const actor = staffActor(c);
      if (!actor) return unauthenticated(c) as never;
      const result = await useCases.staffInvoice.file(actor, c.req.valid('param').invoiceId, kind);
      if (!result.ok) return failureResponse(c, result.error) as never;
      return documentResponse({ fileName: result.value.fileName, bytes: result.value.bytes, type: result.value.mediaType }) as never;
    });
  }
  api.openapi(creditNoteRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.issueCreditNote.execute(actor, c.req.valid('param').invoiceId, c.req.valid('json').reason, c.get('meta'), c.req.valid('header')['idempotency-key'] ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 201);
  });
  api.openapi(buyerClassRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.classifyBuyer.show(actor, c.req.valid('param').accountId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(buyerJson(result.value), 200);
  });
  api.openapi(setBuyerClassRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await useCases.classifyBuyer.execute(actor, c.req.valid('param').accountId, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(buyerJson(result.value), 200);
  });
}
