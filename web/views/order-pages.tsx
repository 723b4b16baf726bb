import type { FC } from 'hono/jsx';
import { ENTITY_TYPES } from '../../domain/accounts/client-account.js';
import type { Product } from '../../domain/catalog/product.js';
import { formatMoney } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Errors } from './auth-pages.js';
import { Field, Layout, Notice, type PageContext, ErrorSummary } from './layout.js';

export const CART_ROWS = 5;
export type FormValues = Partial<Record<string, string>>;

export const CatalogTable: FC<{ page: PageContext; products: readonly Product[] }> = ({ page, products }) => (
  <table class="catalog">
    <thead>
      <tr>
        <th>{page.t('order.product')}</th>
        <th>{page.t('order.price')}</th>
      </tr>
    </thead>
    <tbody>
      {products.map((p) => (
        <tr>
          <td>
            <strong>{p.name(page.locale)}</strong>
            <br />
            <span class="lead">{p.description(page.locale)}</span>
          </td>
          <td class="num">{formatMoney(p.priceCents, page.locale)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Cart rows: a product and the domain it is for. Plain form fields, so it works without JavaScript too. */
export const CartFields: FC<{ page: PageContext; products: readonly Product[]; values: FormValues; errors: Errors }> = ({ page, products, values, errors }) => {
  const { t } = page;
  return (
    <fieldset>
      <legend>{t('order.cart')}</legend>
      {errors.items ? <Notice kind="error">{errors.items}</Notice> : null}
      {Array.from({ length: CART_ROWS }, (_, i) => (
        <div class="cart-row">
          <div class={`field${errors[`items.${i}.productCode`] ? ' invalid' : ''}`}>
            <label for={`f-product${i}`}>{t('order.item', { n: i + 1 })}</label>
            <select id={`f-product${i}`} name={`product${i}`}>
              <option value="">{t('order.choose')}</option>
              {products.map((p) => (
                <option value={p.code} selected={values[`product${i}`] === p.code}>
                  {`${p.name(page.locale)} — ${formatMoney(p.priceCents, page.locale)}`}
                </option>
              ))}
            </select>
            {errors[`items.${i}.productCode`] ? <p class="field-error">{errors[`items.${i}.productCode`]}</p> : null}
          </div>
          <Field name={`domain${i}`} label={t('order.domainName')} value={values[`domain${i}`]} error={errors[`items.${i}.domainName`]} required={false} maxlength={253} />
        </div>
      ))}
      <p class="lead">{t('order.domainHint')}</p>
    </fieldset>
  );
};

export const PublicOrderPage: FC<{ page: PageContext; products: readonly Product[]; values?: FormValues; errors?: Errors; error?: string | undefined }> = ({ page, products, values = {}, errors = {}, error }) => {
  const { t } = page;
  const customerError = (field: string) => errors[`customer.${field}`];
  return (
    <Layout page={page} title={t('order.title')}>
      <h1>{t('order.title')}</h1>
      <p class="lead">{t('order.lead')}</p>
      <h2>{t('order.catalog')}</h2>
      <CatalogTable page={page} products={products} />
      <ErrorSummary page={page} errors={errors} error={error} />
      <form method="post" novalidate action="/order" class="card">
        <CartFields page={page} products={products} values={values} errors={errors} />
        <fieldset>
          <legend>{t('order.customer')}</legend>
          <div class={`field${customerError('entityType') ? ' invalid' : ''}`}>
            <label for="f-entityType">{t('order.entityType')}</label>
            <select id="f-entityType" name="entityType">
              {ENTITY_TYPES.map((e) => (
                <option value={e} selected={values.entityType === e}>
                  {t(`entity.${e}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div class="field checkbox">
            <label>
              <input type="checkbox" id="f-vatRegistered" name="vatRegistered" value="yes" checked={values.entityType ? values.vatRegistered === 'yes' : true} /> {t('order.vatRegistered')}
            </label>
            <p class="hint">{t('order.vatRegisteredHint')}</p>
          </div>
          <Field name="name" label={t('order.name')} value={values.name} error={customerError('name')} maxlength={200} autocomplete="organization" />
          <Field name="oib" label={t('order.oib')} value={values.oib} error={customerError('oib')} inputmode="numeric" maxlength={11} />
          <Field name="email" label={t('order.email')} type="email" value={values.email} error={customerError('email')} maxlength={254} autocomplete="email" />
          <Field name="phone" label={t('order.phone')} type="tel" value={values.phone} error={customerError('phone')} maxlength={30} autocomplete="tel" />
          <Field name="street" label={t('order.street')} value={values.street} error={customerError('street')} maxlength={200} autocomplete="street-address" />
          <Field name="postalCode" label={t('order.postalCode')} value={values.postalCode} error={customerError('postalCode')} inputmode="numeric" maxlength={5} autocomplete="postal-code" />
          <Field name="city" label={t('order.city')} value={values.city} error={customerError('city')} maxlength={100} autocomplete="address-level2" />
          <div class={`field checkbox${customerError('acceptTerms') ? ' invalid' : ''}`}>
            <label>
              <input type="checkbox" id="f-acceptTerms" name="acceptTerms" value="yes" checked={values.acceptTerms === 'yes'} aria-invalid={customerError('acceptTerms') ? 'true' : undefined} /> {t('order.terms')}
            </label>
            {customerError('acceptTerms') ? <p class="field-error">{customerError('acceptTerms')}</p> : null}
          </div>
        </fieldset>
        <button type="submit">{t('order.submit')}</button>
      </form>
    </Layout>
  );
};

/**
 * The same page whether the OIB is new or already has a client account (nothing here may tell them apart): the
 * order's number and total, how to pay, and a word to whoever already has an account.
 */
export const OrderThanksPage: FC<{ page: PageContext; number: string; grossCents: number; iban: string }> = ({ page, number, grossCents, iban }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('order.thanks')}>
      <section class="card narrow" data-order={number}>
        <h1>{t('order.thanks')}</h1>
        <Notice kind="success">{t('order.thanksNumber', { number })}</Notice>
        <dl>
          <dt>{t('order.number')}</dt>
          <dd>
            <strong>{number}</strong>
          </dd>
          <dt>{t('order.total')}</dt>
          <dd>
            <strong data-total>{formatMoney(grossCents, locale)}</strong>
          </dd>
        </dl>
        <h2>{t('order.howToPay')}</h2>
        <p>{t('order.howToPayLead')}</p>
        <dl class="slip">
          <dt>{t('invoice.iban')}</dt>
          <dd>
            <code>{iban}</code>
          </dd>
          <dt>{t('invoice.reference')}</dt>
          <dd>{t('order.referenceInQuote')}</dd>
        </dl>
        <p>{t('order.thanksLead')}</p>
        <h2>{t('order.haveAccount')}</h2>
        <p>{t('order.haveAccountLead')}</p>
        <p>
          <a class="button" href="/sign-in">
            {t('nav.signIn')}
          </a>
        </p>
      </section>
    </Layout>
  );
};

export const MemberOrderPage: FC<{ page: PageContext; accountId: string; products: readonly Product[]; values?: FormValues; errors?: Errors }> = ({ page, accountId, products, values = {}, errors = {} }) => (
  <Layout page={page} title={page.t('order.newTitle')}>
    <h1>{page.t('order.newTitle')}</h1>
    <CatalogTable page={page} products={products} />
    <ErrorSummary page={page} errors={errors} />
    <form method="post" novalidate action={`/accounts/${accountId}/orders`} class="card">
      <CartFields page={page} products={products} values={values} errors={errors} />
      <button type="submit">{page.t('order.submit')}</button>
    </form>
  </Layout>
);
