import { z } from '@hono/zod-openapi';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { Quote } from '../../domain/billing/quote.js';
import { BUYER_CLASSES } from '../../domain/billing/vat.js';
import type { Order } from '../../domain/ordering/order.js';
import { ORDER_STATUSES } from '../../domain/ordering/order.js';
import { day, timestamp } from './api-common.js';

/** The shapes of orders, quotes, invoices and payments in the API, and how each is written out. */
const Cents = (description?: string) => z.number().int().openapi(description ? { description } : {});
const MoneyTotals = { netCents: Cents('Without PDV, euro cents'), vatCents: Cents('PDV, euro cents'), grossCents: Cents('To pay, euro cents') };
const ReferenceSchema = z.object({ model: z.literal('HR00'), number: z.string().openapi({ example: '2-2026-17' }) }).openapi('PaymentReference');

export const OrderLineSchema = z
  .object({
    productCode: z.string(),
    kind: z.enum(['hosting', 'mailbox', 'ssl', 'domain']),
    name: z.string(),
    domainName: z.string(),
    periodMonths: z.number().int(),
    unitPriceCents: z.number().int(),
    quantity: z.number().int(),
    vatRatePercent: z.number().int(),
  })
  .openapi('OrderLine');

export const OrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string().openapi({ example: 'N-2026-000017' }),
    status: z.enum(ORDER_STATUSES),
    source: z.enum(['public', 'portal', 'api']),
    createdAt: timestamp(),
    decidedAt: timestamp().nullable(),
    updatedAt: timestamp(),
    rejectionReason: z.string().nullable(),
    lines: z.array(OrderLineSchema),
    totals: z.object(MoneyTotals),
  })
  .openapi('Order');

export const QuoteSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.enum(['open', 'accepted', 'expired', 'cancelled']),
    orderId: z.uuid().nullable(),
    renewal: z.boolean().openapi({ description: 'A renewal quote (sent before a service or domain expires)' }),
    issuedAt: timestamp(),
    validUntil: timestamp(),
    paymentReference: ReferenceSchema,
    lines: z.array(OrderLineSchema),
    ...MoneyTotals,
  })
  .openapi('Quote');

const PartySchema = z
  .object({
    name: z.string(),
    oib: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatNumber: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    buyerClass: z.enum(BUYER_CLASSES).optional(),
  })
  .openapi('Party');
const ExemptionSchema = z.object({ code: z.string().nullable(), text: z.string() }).nullable();
const VatCategorySchema = z.enum(['S', 'Z', 'E', 'AE']);

export const InvoiceSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string().openapi({ example: '17/WEB1/1' }),
    issuedAt: timestamp(),
    updatedAt: timestamp().openapi({ description: 'When the amount paid last moved (an issued invoice changes in nothing else)' }),
    deliveryDate: day(),
    dueDate: day(),
    process: z.enum(['P1', 'P2', 'P9']).openapi({ description: 'Business process (HR-TB-1): P1 order, P2 periodic billing, P9 credit note' }),
    operator: z.object({ name: z.string(), oib: z.string() }).nullable(),
    corrects: z.object({ number: z.string(), issueDate: day() }).nullable(),
    seller: PartySchema,
    buyer: PartySchema,
    lines: z.array(
      z.object({
        description: z.string(),
        unitPriceCents: z.number().int(),
        quantity: z.number().int(),
        vatRatePercent: z.number().int(),
        vatCategory: VatCategorySchema,
        exemption: ExemptionSchema,
        kpdCode: z.string().nullable(),
        unitCode: z.string(),
        periodStart: day().nullable(),
        periodEnd: day().nullable(),
      }),
    ),
    vatGroups: z.array(z.object({ category: VatCategorySchema, ratePercent: z.number().int(), exemption: ExemptionSchema, netCents: z.number().int(), vatCents: z.number().int() })),
    ...MoneyTotals,
    paidCents: z.number().int(),
    paymentState: z.enum(['unpaid', 'partially_paid', 'paid', 'overpaid']),
    paymentReference: ReferenceSchema,
    correctsInvoiceId: z.uuid().nullable(),
  })
  .openapi('Invoice');

export const PaymentSchema = z
  .object({ id: z.uuid(), bankTransactionId: z.string(), amountCents: z.number().int(), receivedOn: day(), reference: z.string(), payerName: z.string(), invoiceId: z.uuid().nullable(), recordedAt: timestamp() })
  .openapi('Payment');

export const quoteJson = (q: Quote) => ({
  id: q.id,
  number: q.number,
  status: q.status,
  orderId: q.orderId,
  renewal: q.renewalId !== null,
  issuedAt: q.issuedAt.toISOString(),
  validUntil: q.validUntil.toISOString(),
  paymentReference: q.paymentReference,
  lines: q.lines.map(lineJson),
  netCents: q.netCents,
  vatCents: q.vatCents,
  grossCents: q.grossCents,
});

export const invoiceJson = (i: Invoice) => ({
  id: i.id,
  kind: i.kind,
  number: i.number,
  issuedAt: i.issuedAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
  deliveryDate: i.deliveryDate,
  dueDate: i.dueDate,
  process: i.process,
  operator: i.operator,
  corrects: i.corrects,
  seller: i.seller,
  buyer: i.buyer,
  lines: i.lines.map((l) => ({ ...l, exemption: l.exemption ?? null, kpdCode: l.kpdCode ?? null, periodStart: l.periodStart ?? null, periodEnd: l.periodEnd ?? null })),
  vatGroups: i.vatGroups.map((g) => ({ ...g, exemption: g.exemption ?? null })),
  netCents: i.netCents,
  vatCents: i.vatCents,
  grossCents: i.grossCents,
  paidCents: i.paidCents,
  paymentState: i.paymentState(),
  paymentReference: i.paymentReference,
  correctsInvoiceId: i.correctsInvoiceId,
});

const lineJson = ({ productId: _p, holderOib: _h, ...line }: Order['lines'][number]) => line;

export const orderJson = (o: Order) => ({
  id: o.id,
  number: o.number,
  status: o.status,
  source: o.source,
  createdAt: o.createdAt.toISOString(),
  decidedAt: o.decidedAt?.toISOString() ?? null,
  updatedAt: o.updatedAt.toISOString(),
  rejectionReason: o.rejectionReason,
  lines: o.lines.map(lineJson),
  totals: (({ netCents, vatCents, grossCents }) => ({ netCents, vatCents, grossCents }))(o.totals()),
});

export const paymentJson = (p: Payment) => ({ id: p.id, bankTransactionId: p.bankTransactionId, amountCents: p.amountCents, receivedOn: p.receivedOn.toISOString().slice(0, 10), reference: p.reference, payerName: p.payerName, invoiceId: p.invoiceId, recordedAt: p.recordedAt.toISOString() });
