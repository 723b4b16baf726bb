import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { documentResponse, pdfResponse } from '../http/pdf.js';
import { zipResponse } from '../http/zip.js';
import type { UseCases } from '../use-cases.js';
import { accountParams, binary, client, clientActor, json, listQuery, page, pagingOf, pathIds, syncQuery, unauthenticated } from './api-common.js';
import { InvoiceSchema, invoiceJson, QuoteSchema, quoteJson } from './billing-schemas.js';
import { failureResponse } from './problem.js';

const common = { ...client, tags: ['billing'] };
const quoteParams = pathIds('accountId', 'quoteId');
const invoiceParams = pathIds('accountId', 'invoiceId');

const quotesRoute = createRoute({
  ...common,
  operationId: 'listQuotes',
  method: 'get',
  path: '/accounts/{accountId}/quotes',
  summary: 'Quotes of an account, newest first (quotes right)',
  request: { params: accountParams, query: listQuery.extend({ status: z.enum(['all', 'open', 'accepted']).default('all').openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: { description: 'A page of quotes (25 unless limit says otherwise)', content: json(page(QuoteSchema)) } },
});
const quoteRoute = createRoute({ ...common, operationId: 'getQuote', method: 'get', path: '/accounts/{accountId}/quotes/{quoteId}', summary: 'One quote', request: { params: quoteParams }, responses: { 200: { description: 'The quote', content: json(QuoteSchema) } } });
const quotePdfRoute = createRoute({
  ...common,
  operationId: 'getQuotePdf',
  method: 'get',
  path: '/accounts/{accountId}/quotes/{quoteId}/pdf',
  summary: 'The quote as PDF, with the HUB-3 payment barcode',
  request: { params: quoteParams },
  responses: { 200: { description: 'PDF', content: binary('application/pdf', 'The quote (ponuda)') } },
});
const invoicesRoute = createRoute({
  ...common,
  operationId: 'listInvoices',
  method: 'get',
  path: '/accounts/{accountId}/invoices',
  summary: 'Invoices and credit notes of an account, newest first (invoices right)',
  request: { params: accountParams, query: syncQuery.extend({ status: z.enum(['all', 'unpaid', 'paid']).default('all').openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: { description: 'A page of invoices (25 unless limit says otherwise)', content: json(page(InvoiceSchema)) } },
});
const invoiceRoute = createRoute({ ...common, operationId: 'getInvoice', method: 'get', path: '/accounts/{accountId}/invoices/{invoiceId}', summary: 'One invoice', request: { params: invoiceParams }, responses: { 200: { description: 'The invoice', content: json(InvoiceSchema) } } });
const invoicePdfRoute = createRoute({
  ...common,
  operationId: 'getInvoicePdf',
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}/pdf',
  summary: 'The invoice as PDF, as archived at issue (with its HUB-3 payment barcode)',
  request: { params: invoiceParams },
  responses: { 200: { description: 'PDF', content: binary('application/pdf', 'The invoice (račun)') } },
});
const invoiceUblRoute = createRoute({
  ...common,
  operationId: 'getInvoiceUbl',
  method: 'get',
  path: '/accounts/{accountId}/invoices/{invoiceId}/ubl',
  summary: 'The eRačun of the invoice (UBL 2.1, EN 16931 + HR CIUS 2025), as archived at issue',
  request: { params: invoiceParams },
  responses: { 200: { description: 'UBL 2.1 Invoice or CreditNote', content: binary('application/xml', 'The eRačun') } },
});
const invoiceArchiveRoute = createRoute({
  ...common,
  operationId: 'getInvoiceArchive',
  method: 'get',
  path: '/accounts/{accountId}/invoice-archives/{year}',
  summary: 'Every invoice and credit note of a year in one ZIP: each PDF and eRačun as archived at issue (invoices right)',
  request: {
    params: z.object({
      accountId: accountParams.shape.accountId,
      year: z.coerce.number().int().min(2000).max(2100).openapi({ param: { name: 'year', in: 'path' }, example: 2026, description: 'The year of issue (Zagreb time)' }),
    }),
  },
  responses: { 200: { description: 'ZIP of racun-….pdf and racun-….xml (odobrenje-… for credit notes)', content: binary('application/zip', 'The invoices of the year') } },
});

/** Quotes and invoices of an account: the same use cases, so the same policy, as the portal pages. */
export function registerBillingApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { billing } = useCases;
  api.openapi(quotesRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await billing.quotes(actor, c.req.valid('param').accountId, pagingOf(query), query.status);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(quoteJson), next: result.value.next }, 200);
  });
  api.openapi(quoteRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, quoteId } = c.req.valid('param');
    const result = await billing.quote(actor, accountId, quoteId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(quoteJson(result.value), 200);
  });
  api.openapi(quotePdfRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, quoteId } = c.req.valid('param');
    const result = await billing.quotePdf(actor, accountId, quoteId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return pdfResponse(result.value) as never;
  });
  api.openapi(invoicesRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const query = c.req.valid('query');
    const result = await billing.invoices(actor, c.req.valid('param').accountId, query.status, pagingOf(query));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(invoiceJson), next: result.value.next }, 200);
  });
  api.openapi(invoiceRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await billing.invoice(actor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(invoiceJson(result.value), 200);
  });
  api.openapi(invoicePdfRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await billing.invoicePdf(actor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return pdfResponse(result.value) as never;
  });
  api.openapi(invoiceArchiveRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, year } = c.req.valid('param');
    const result = await billing.invoicesOfYear(actor, accountId, year);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return zipResponse(result.value.fileName, result.value.files) as never;
  });
  api.openapi(invoiceUblRoute, async (c) => {
    const actor = clientActor(c);
    if (!actor) return unauthenticated(c) as never;
    const { accountId, invoiceId } = c.req.valid('param');
    const result = await billing.invoiceUbl(actor, accountId, invoiceId);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return documentResponse({ fileName: result.value.fileName, bytes: result.value.bytes, type: result.value.mediaType }) as never;
  });
}
