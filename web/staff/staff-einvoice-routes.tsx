import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { BUYER_CLASSES } from '../../domain/billing/vat.js';
import type { AppEnv } from '../http/env.js';
import { accountParam, notFound } from '../http/params.js';
import { documentResponse } from '../http/pdf.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { BuyerClassPage } from '../views/einvoice-pages.js';

const invoiceParam = validated('param', z.object({ invoiceId: z.uuid() }), notFound);

/** Staff downloads of the archived PDF and eRačun, and the buyer's VAT classification; mounted under /staff. */
export function staffEInvoiceRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));

  for (const kind of ['pdf', 'ubl'] as const) {
    app.get(`/invoices/:invoiceId/${kind}`, requireStaff, invoiceParam, async (c) => {
      const result = await useCases.staffInvoice.file(c.get('staffAuth')!.actor, c.req.valid('param').invoiceId, kind);
      if (!result.ok) return failurePage(c, result.error);
      return documentResponse({ fileName: result.value.fileName, bytes: result.value.bytes, type: result.value.mediaType });
    });
  }

  app.get('/accounts/:accountId/buyer-class', requireStaff, accountParam, async (c) => {
    const result = await useCases.classifyBuyer.show(c.get('staffAuth')!.actor, c.req.valid('param').accountId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <BuyerClassPage page={pageOf(c)} account={result.value} />);
  });

  app.post(
    '/accounts/:accountId/buyer-class',
    requireStaff,
    accountParam,
    validated('form', z.object({ buyerClass: z.enum(BUYER_CLASSES).or(z.literal('')).default(''), vatNumber: z.string().max(40).default(''), country: z.string().max(2).default('HR'), einvoice: z.literal('on').optional() })),
    async (c) => {
      const actor = c.get('staffAuth')!.actor;
      const { accountId } = c.req.valid('param');
      const form = c.req.valid('form');
      const result = await useCases.classifyBuyer.execute(actor, accountId, { ...form, einvoiceRequested: form.einvoice === 'on' }, c.get('meta'));
      if (result.ok) return html(c, <BuyerClassPage page={pageOf(c)} account={result.value} saved />);
      if (result.error.kind !== 'invalid') return failurePage(c, result.error);
      const shown = await useCases.classifyBuyer.show(actor, accountId);
      if (!shown.ok) return failurePage(c, shown.error);
      return html(c, <BuyerClassPage page={pageOf(c)} account={shown.value} error={failureMessage(c.get('t'), result.error.code, result.error.details)} values={form} />, 422);
    },
  );
  return app;
}
