import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { failureResponse, problemResponse, validationProblem } from './problem.js';
import { accountParams, afterQuery, CLIENT_AUTH, denied, page, problemContent, requireCaller, requireStaff, unauthenticated } from './api-common.js';
import { apiDocsPage } from './docs-page.js';
import { registerContactApi } from './contact-api.js';
import { registerEmailChangeApi } from './email-change-api.js';
import { registerTicketApi } from './ticket-api.js';
import { registerMailApi } from './mail-api.js';
import { jsonBodies } from '../http/json-body.js';
import { registerHelpApi } from './help-api.js';
import { registerFiscalApi } from './fiscal-api.js';
import { documentResponse, pdfResponse } from '../http/pdf.js';
import { UNIT_CODES } from '../../domain/billing/line-classification.js';
import { VAT_CHOICES, type VatChoice } from '../../domain/billing/vat.js';
import type { MiddlewareHandler } from 'hono';
import type { Order } from '../../domain/ordering/order.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { MAX_AMOUNT_CENTS } from '../../domain/billing/money.js';


const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable() }) }).openapi('Health');

const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.enum(['hr', 'en']),
    accounts: z.array(z.object({ id: z.uuid(), name: z.string(), oib: z.string(), role: z.enum(['owner', 'contact']) })),
  })
  .openapi('Me');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Service and database status',
  tags: ['system'],
  responses: {
    200: { description: 'Everything works', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'The database cannot be reached', content: { 'application/json': { schema: HealthSchema } } },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in user and the accounts they may act for',
  tags: ['identity'],
  security: [{ session: [] }],
  responses: {
    200: { description: 'The current user', content: { 'application/json': { schema: MeSchema } } },
    401: { description: 'Not signed in', content: problemContent },
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  summary: 'Mail a single-use link to set a new password',
  description: 'Always answers 202 for a well-formed address, whether or not it belongs to anybody.',
  tags: ['identity'],
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ email: z.string().max(254) }).openapi('PasswordResetRequest') } } } },
  responses: {
    202: { description: 'Accepted' },
    422: { description: 'The address is not valid', content: problemContent },
    429: { description: 'Too many requests', content: problemContent },
  },
});

const ProductSchema = z
  .object({
    code: z.string(),
    kind: z.enum(['hosting', 'mailbox', 'ssl', 'domain']),
    name: z.object({ hr: z.string(), en: z.string() }),
    description: z.object({ hr: z.string(), en: z.string() }),
    periodMonths: z.number().int(),
    priceCents: z.number().int().openapi({ description: 'Net price in euro cents, without PDV' }),
    vatRatePercent: z.number().int(),
    tld: z.string().nullable(),
  })
  .openapi('Product');

const OrderLineSchema = z.object({
  productCode: z.string(),
  kind: z.string(),
  name: z.string(),
  domainName: z.string(),
  periodMonths: z.number().int(),
  unitPriceCents: z.number().int(),
  quantity: z.number().int(),
  vatRatePercent: z.number().int(),
});

const OrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    createdAt: z.string(),
    lines: z.array(OrderLineSchema),
    totals: z.object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() }),
  })
  .openapi('Order');

const ServiceSchema = z
  .object({ id: z.uuid(), kind: z.string(), name: z.string(), domainName: z.string(), status: z.string(), periodMonths: z.number().int(), activatedAt: z.string(), expiresAt: z.string(), hasAccessData: z.boolean() })
  .openapi('Service');

const DomainSchema = z.object({ id: z.uuid(), name: z.string(), status: z.string(), registeredAt: z.string(), expiresAt: z.string(), nameservers: z.array(z.string()) }).openapi('Domain');


const catalogRoute = createRoute({
  method: 'get',
  path: '/catalog',
  summary: 'The price list',
  tags: ['ordering'],
  responses: { 200: { description: 'Active products', content: { 'application/json': { schema: z.object({ items: z.array(ProductSchema) }) } } } },
});

const ordersRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/orders',
  summary: 'Orders of an account, newest first',
  tags: ['ordering'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams, query: afterQuery },
  responses: { 200: { description: 'A page of orders', content: { 'application/json': { schema: page(OrderSchema) } } }, ...denied },
});

const placeOrderRoute = createRoute({
  method: 'post',
  path: '/accounts/{accountId}/orders',
  summary: 'Place an order for an account',
  description: 'Send an Idempotency-Key header: repeating a request with the same key returns the order it created instead of a second one.',
  tags: ['ordering'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: {
    params: accountParams,
    headers: z.object({ 'idempotency-key': z.string().max(200).optional().openapi({ param: { name: 'idempotency-key', in: 'header' } }) }),
    body: { required: true, content: { 'application/json': { schema: z.object({ items: z.array(z.object({ productCode: z.string().max(40), domainName: z.string().max(253) })).min(1).max(20) }).openapi('PlaceOrder') } } },
  },
  responses: { 201: { description: 'The order', content: { 'application/json': { schema: OrderSchema } } }, 422: { description: 'Invalid order', content: problemContent }, ...denied },
});

const servicesRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/services',
  summary: 'Services of an account',
  tags: ['services'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams, query: afterQuery },
  responses: { 200: { description: 'A page of services', content: { 'application/json': { schema: page(ServiceSchema) } } }, ...denied },
});

const domainsRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/domains',
  summary: 'Domains of an account',
  tags: ['services'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams, query: afterQuery },
  responses: { 200: { description: 'A page of domains', content: { 'application/json': { schema: page(DomainSchema) } } }, ...denied },
});

const MoneyTotals = { netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() };
const ReferenceSchema = z.object({ model: z.literal('HR00'), number: z.string() });
const QuoteSchema = z.object({ id: z.uuid(), number: z.string(), status: z.string(), issuedAt: z.string(), validUntil: z.string(), paymentReference: ReferenceSchema, ...MoneyTotals }).openapi('Quote');
const PartySchema = z.object({ name: z.string(), oib: z.string(), street: z.string(), postalCode: z.string(), city: z.string(), country: z.string(), vatNumber: z.string().nullable().optional() });
const ExemptionSchema = z.object({ code: z.string().nullable(), text: z.string() }).nullable();
const VatCategorySchema = z.enum(['S', 'Z', 'E', 'AE']);
const InvoiceSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['invoice', 'credit_note']),
    number: z.string().openapi({ example: '17/WEB1/1' }),
    issuedAt: z.string(),
    deliveryDate: z.string().openapi({ format: 'date' }),
    dueDate: z.string().openapi({ format: 'date' }),
    process: z.enum(['P1', 'P2', 'P9']).openapi({ description: 'Business process (HR-TB-1): P1 order, P2 periodic billing, P9 credit note' }),
    operator: z.object({ name: z.string(), oib: z.string() }).nullable(),
    corrects: z.object({ number: z.string(), issueDate: z.string() }).nullable(),
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
        periodStart: z.string().nullable(),
        periodEnd: z.string().nullable(),
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

const quotesRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/quotes',
  summary: 'Quotes of an account',
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams, query: afterQuery },
  responses: { 200: { description: 'A page of quotes', content: { 'application/json': { schema: page(QuoteSchema) } } }, ...denied },
});

const invoicesRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/invoices',
  summary: 'Invoices and credit notes of an account',
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams, query: afterQuery.extend({ status: z.enum(['all', 'unpaid', 'paid']).default('all').openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: { description: 'A page of invoices', content: { 'application/json': { schema: page(InvoiceSchema) } } }, ...denied },
});

const invoiceRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}',
  summary: 'One invoice',
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams.extend({ invoiceId: z.uuid().openapi({ param: { name: 'invoiceId', in: 'path' } }) }) },
  responses: { 200: { description: 'The invoice', content: { 'application/json': { schema: InvoiceSchema } } }, 404: { description: 'No such invoice on this account', content: problemContent }, ...denied },
});

const invoicePdfRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}/pdf',
  summary: 'The invoice as PDF, with the HUB-3 payment barcode while money is owed',
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams.extend({ invoiceId: z.uuid().openapi({ param: { name: 'invoiceId', in: 'path' } }) }) },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: { description: 'No such invoice on this account', content: problemContent }, ...denied },
});

const invoiceUblRoute = createRoute({
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}/ubl',
  summary: 'The eRačun of the invoice (UBL 2.1, EN 16931 + HR CIUS 2025), as archived at issue',
  tags: ['billing'],
  security: CLIENT_AUTH,
  middleware: [requireCaller] as const,
  request: { params: accountParams.extend({ invoiceId: z.uuid().openapi({ param: { name: 'invoiceId', in: 'path' } }) }) },
  responses: { 200: { description: 'UBL 2.1 Invoice or CreditNote', content: { 'application/xml': { schema: z.string().openapi({ format: 'binary' }) } } }, 404: { description: 'No such invoice on this account', content: problemContent }, ...denied },
});

const directInvoiceRoute = createRoute({
  method: 'post',
  path: '/staff/accounts/{accountId}/invoices',
  summary: 'Issue an invoice directly, with a due date (staff: billing or admin)',
  tags: ['staff'],
  security: [{ staffSession: [] }],
  middleware: [requireStaff] as const,
  request: {
    params: accountParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
              lines: z
                .array(
                  z.object({
                    description: z.string().max(200),
                    unitPriceCents: z.number().int().positive().max(MAX_AMOUNT_CENTS),
                    quantity: z.number().int().min(1).max(10_000).default(1),
                    vat: z.enum(VAT_CHOICES as [VatChoice, ...VatChoice[]]).default('S25').openapi({ description: 'S25, S13, S5 (Croatian VAT), Z (zero rate) or E (exempt); Z and E need exemptionReason' }),
                    exemptionReason: z.string().max(300).nullable().optional(),
                    kpdCode: z.string().max(20).openapi({ example: '63.10.12', description: 'KPD 2025 code of the line' }),
                    unitCode: z.enum(UNIT_CODES).default('C62'),
                    periodStart: z.string().max(10).nullable().optional(),
                    periodEnd: z.string().max(10).nullable().optional(),
                  }),
                )
                .min(1)
                .max(50),
            })
            .openapi('DirectInvoice'),
        },
      },
    },
  },
  responses: { 201: { description: 'The invoice', content: { 'application/json': { schema: InvoiceSchema } } }, 422: { description: 'Invalid invoice', content: problemContent }, ...denied },
});

const PaymentResultSchema = z
  .object({ paymentId: z.uuid(), duplicate: z.boolean(), invoice: InvoiceSchema.nullable() })
  .openapi('RecordedPayment');

const recordPaymentRoute = createRoute({
  method: 'post',
  path: '/staff/payments',
  summary: 'Record money received (staff: billing or admin)',
  description: 'The same bankTransactionId twice records one payment. The reference (HR00 1-… for quotes, 2-… for invoices) finds the document; paying an open quote issues its invoice.',
  tags: ['staff'],
  security: [{ staffSession: [] }],
  middleware: [requireStaff] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ bankTransactionId: z.string().max(100), amountCents: z.number().int().positive().max(MAX_AMOUNT_CENTS), receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u), reference: z.string().max(40), payerName: z.string().max(200).default('') }).openapi('RecordPayment'),
        },
      },
    },
  },
  responses: { 200: { description: 'Recorded (or found again)', content: { 'application/json': { schema: PaymentResultSchema } } }, 422: { description: 'Invalid payment', content: problemContent }, ...denied },
});

const quoteJson = (q: Quote) => ({ id: q.id, number: q.number, status: q.status, issuedAt: q.issuedAt.toISOString(), validUntil: q.validUntil.toISOString(), paymentReference: q.paymentReference, netCents: q.netCents, vatCents: q.vatCents, grossCents: q.grossCents });
const invoiceJson = (i: Invoice) => ({
  id: i.id,
  kind: i.kind,
  number: i.number,
  issuedAt: i.issuedAt.toISOString(),
  deliveryDate: i.deliveryDate,
  dueDate: i.dueDate,
  process: i.process,
  operator: i.operator,
  corrects: i.corrects,
  seller: i.seller,
  buyer: i.buyer,
  lines: i.lines,
  vatGroups: i.vatGroups.map((g) => ({ ...g, exemption: g.exemption ?? null })),
  netCents: i.netCents,
  vatCents: i.vatCents,
  grossCents: i.grossCents,
  paidCents: i.paidCents,
  paymentState: i.paymentState(),
  paymentReference: i.paymentReference,
  correctsInvoiceId: i.correctsInvoiceId,
});

const orderJson = (o: Order) => ({
  id: o.id,
  number: o.number,
  status: o.status,
  createdAt: o.createdAt.toISOString(),
  lines: o.lines.map(({ productId: _p, holderOib: _h, ...line }) => line),
  totals: (({ netCents, vatCents, grossCents }) => ({ netCents, vatCents, grossCents }))(o.totals()),
});

/** A bearer token, when sent, decides who calls (a bad one is refused at once); otherwise the session does. */
function bearerOrSession(useCases: UseCases): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/iu.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      const actor = await useCases.apiTokens.authenticate(bearer);
      if (!actor) return problemResponse(c, { type: 'about:blank#unauthenticated', title: c.var.t('error.unauthenticated'), status: 401, code: 'invalid_token' });
      c.set('actor', actor);
      c.set('apiActor', actor);
    }
    await next();
    c.res.headers.set('cache-control', 'no-store');
  };
}

/** The JSON API for integrations, described by OpenAPI 3.1. Handlers call the same use cases as the pages. */
export function apiRoutes(useCases: UseCases) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error.issues)),
  });

  api.use('*', jsonBodies);
  api.use('*', bearerOrSession(useCases));

  api.openapi(healthRoute, async (c) => {
    const health = await useCases.checkHealth.execute();
    const body = { status: health.ok ? ('ok' as const) : ('degraded' as const), database: health.database };
    return health.ok ? c.json(body, 200) : c.json(body, 503);
  });

  api.openapi(meRoute, async (c) => {
    const auth = c.var.auth;
    if (!auth) return unauthenticated(c) as never;
    const accounts = await useCases.listMyAccounts.execute(auth.actor);
    return c.json(
      {
        id: auth.user.id,
        email: auth.user.email,
        name: auth.user.name,
        locale: auth.user.locale,
        accounts: accounts.map((a) => ({ id: a.id, name: a.name, oib: a.oib, role: auth.actor.kind === 'user' && auth.actor.memberships.some((m) => m.accountId === a.id && m.role === 'owner') ? ('owner' as const) : ('contact' as const) })),
      },
      200,
    );
  });

  api.openapi(resetRoute, async (c) => {
    const result = await useCases.requestPasswordReset.execute(c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 202);
  });

  api.openapi(catalogRoute, async (c) => {
    const products = await useCases.listCatalog.execute();
    return c.json(
      {
        items: products.map((p) => ({ code: p.code, kind: p.kind, name: { hr: p.nameHr, en: p.nameEn }, description: { hr: p.descriptionHr, en: p.descriptionEn }, periodMonths: p.periodMonths, priceCents: p.priceCents, vatRatePercent: p.vatRatePercent, tld: p.tld })),
      },
      200,
    );
  });

  api.openapi(ordersRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await useCases.portfolio.orders(c.var.apiActor, c.req.valid('param').accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(orderJson), next: result.value.next }, 200);
  });

  api.openapi(placeOrderRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await useCases.placeOrder.asMember(
      c.var.apiActor,
      { accountId: c.req.valid('param').accountId, items: c.req.valid('json').items, idempotencyKey: c.req.valid('header')['idempotency-key'] ?? null, source: 'api' },
      c.var.meta,
    );
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(orderJson(result.value), 201);
  });

  api.openapi(servicesRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId } = c.req.valid('param');
    const result = await useCases.portfolio.services(c.var.apiActor, accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(
      {
        items: result.value.items.map((s) => ({ id: s.id, kind: s.kind, name: s.name, domainName: s.domainName, status: s.status, periodMonths: s.periodMonths, activatedAt: s.activatedAt.toISOString(), expiresAt: s.expiresAt.toISOString(), hasAccessData: s.sealedCredentials !== null })),
        next: result.value.next,
      },
      200,
    );
  });

  api.openapi(domainsRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await useCases.portfolio.domains(c.var.apiActor, c.req.valid('param').accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(
      { items: result.value.items.map((d) => ({ id: d.id, name: d.name, status: d.status, registeredAt: d.registeredAt.toISOString(), expiresAt: d.expiresAt.toISOString(), nameservers: d.nameservers })), next: result.value.next },
      200,
    );
  });

  api.openapi(quotesRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const result = await useCases.billing.quotes(c.var.apiActor, c.req.valid('param').accountId, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(quoteJson), next: result.value.next }, 200);
  });

  api.openapi(invoicesRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await useCases.billing.invoices(c.var.apiActor, c.req.valid('param').accountId, query.status, query.after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(invoiceJson), next: result.value.next }, 200);
  });

  api.openapi(invoiceRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoice(c.var.apiActor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 200);
  });

  api.openapi(invoicePdfRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoicePdf(c.var.apiActor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return pdfResponse(result.value) as never;
  });

  api.openapi(invoiceUblRoute, async (c) => {
    if (!c.var.apiActor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await useCases.billing.invoiceUbl(c.var.apiActor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return documentResponse({ fileName: result.value.fileName, bytes: result.value.bytes, type: result.value.mediaType }) as never;
  });

  api.openapi(directInvoiceRoute, async (c) => {
    const staff = c.var.staffAuth;
    if (!staff) return unauthenticated(c) as never;
    const result = await useCases.issueDirectInvoice.execute(staff.actor, { accountId: c.req.valid('param').accountId, ...c.req.valid('json') }, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 201);
  });

  api.openapi(recordPaymentRoute, async (c) => {
    const staff = c.var.staffAuth;
    if (!staff) return unauthenticated(c) as never;
    const result = await useCases.recordPayment.execute(staff.actor, c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ paymentId: result.value.payment.id, duplicate: result.value.duplicate, invoice: result.value.invoice ? invoiceJson(result.value.invoice) : null }, 200);
  });

  registerContactApi(api, useCases);
  registerEmailChangeApi(api, useCases);
  registerTicketApi(api, useCases);
  registerMailApi(api, useCases);
  registerHelpApi(api, useCases);
  registerFiscalApi(api, useCases);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'An API token created by the account owner (pt_…), limited to the rights chosen for it.' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', { type: 'apiKey', in: 'cookie', name: 'staff' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'session' });
  const document = {
    openapi: '3.1.0',
    info: { title: 'Client portal API', version: '1.0.0', description: 'JSON API of the client portal. Errors are application/problem+json (RFC 9457).' },
    servers: [{ url: '/api/v1' }],
  };
  api.doc31('/openapi.json', document);
  api.get('/docs', (c) => c.html(apiDocsPage(api.getOpenAPI31Document(document) as Parameters<typeof apiDocsPage>[0])));
  api.notFound((c) => problemResponse(c, { type: 'about:blank#not_found', title: c.var.t('error.notFound'), status: 404, code: 'not_found' }));
  return api;
}
