import { Hono } from 'hono';
import { z } from 'zod';
import type { CartItem } from '../../application/ordering/cart.js';
import type { AppEnv } from '../http/env.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import type { UseCases } from '../use-cases.js';
import { CART_ROWS, OrderThanksPage, PublicOrderPage, type FormValues } from '../views/order-pages.js';

const text = (max: number) => z.string().max(max).default('');

export const cartForm = z.object(Object.fromEntries(Array.from({ length: CART_ROWS }, (_, i) => [[`product${i}`, text(40)], [`domain${i}`, text(253)]]).flat()) as Record<string, ReturnType<typeof text>>);

export function cartItems(form: Record<string, string>): CartItem[] {
  return Array.from({ length: CART_ROWS }, (_, i) => ({ productCode: form[`product${i}`] ?? '', domainName: form[`domain${i}`] ?? '' }));
}


const publicForm = cartForm.extend({
  entityType: text(20),
  name: text(200),
  oib: text(20),
  email: text(254),
  phone: text(30),
  street: text(200),
  postalCode: text(10),
  city: text(100),
  acceptTerms: text(5),
  vatRegistered: text(5),
});

/** The public order form: how a newcomer becomes a client. */
export function orderRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();

  app.get('/order', async (c) => html(c, <PublicOrderPage page={pageOf(c)} products={await useCases.listCatalog.execute()} />));

  // Post/redirect/get: the thank-you page stays reloadable; its number and total come sealed, so no link can forge them.
  app.get('/order/thanks', validated('query', z.object({ r: z.string().max(600).default('') })), (c) => {
    const receipt = useCases.placeOrder.receipt(c.req.valid('query').r);
    if (!receipt) return c.redirect('/order', 303);
    return html(c, <OrderThanksPage page={pageOf(c)} number={receipt.number} grossCents={receipt.grossCents} iban={useCases.billing.billing.iban} />);
  });

  app.post(
    '/order',
    validated('form', publicForm, async (c) => html(c, <PublicOrderPage page={pageOf(c)} products={await useCases.listCatalog.execute()} error={c.get('t')('validation.too_long')} />, 422)),
    async (c) => {
      const form = c.req.valid('form') as Record<string, string>;
      const result = await useCases.placeOrder.asNewcomer(
        {
          items: cartItems(form),
          customer: {
            entityType: form.entityType ?? '',
            name: form.name ?? '',
            oib: form.oib ?? '',
            email: form.email ?? '',
            phone: form.phone ?? '',
            street: form.street ?? '',
            postalCode: form.postalCode ?? '',
            city: form.city ?? '',
            acceptTerms: form.acceptTerms === 'yes',
            vatRegistered: form.vatRegistered === 'yes',
          },
        },
        c.get('meta'),
      );
      if (result.ok) return c.redirect(`/order/thanks?r=${encodeURIComponent(result.value.receipt)}`, 303);
      if (result.error.kind === 'rate_limited') return failurePage(c, result.error);
      const { errors, error } = formErrors(c, result.error);
      return html(c, <PublicOrderPage page={pageOf(c)} products={await useCases.listCatalog.execute()} values={form as FormValues} errors={errors} error={error} />, 422);
    },
  );

  return app;
}
