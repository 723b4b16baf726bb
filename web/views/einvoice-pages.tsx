import type { FC } from 'hono/jsx';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { BUYER_CLASSES } from '../../domain/billing/vat.js';
import type { MessageKey } from '../i18n/messages.js';
import { Field, Layout, Notice, type PageContext } from './layout.js';

/** Staff set the buyer's VAT status: it decides the VAT of the account's next invoices. */
export const BuyerClassPage: FC<{ page: PageContext; account: ClientAccount; saved?: boolean; error?: string; values?: { buyerClass: string; vatNumber: string; country: string; einvoice?: string | undefined } }> = ({ page, account, saved, error, values }) => {
  const { t } = page;
  const chosen = values?.buyerClass ?? account.buyerClass;
  return (
    <Layout page={page} title={t('buyerClass.title')}>
      <p>
        <a href={`/staff/clients/${account.id}`}>{account.name}</a>
      </p>
      <h1>{t('buyerClass.title')}</h1>
      {saved ? <Notice kind="success">{t('buyerClass.saved')}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" novalidate action={`/staff/accounts/${account.id}/buyer-class`} class="card">
        <div class="field">
          <label for="f-buyerClass">{t('buyerClass.label')}</label>
          <select id="f-buyerClass" name="buyerClass">
            {BUYER_CLASSES.map((c) => (
              <option value={c} selected={c === chosen}>
                {t(`buyerClass.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field name="country" label={t('buyerClass.country')} value={values?.country ?? account.country} maxlength={2} />
        <Field name="vatNumber" label={t('buyerClass.vatNumber')} value={values?.vatNumber ?? account.vatNumber ?? ''} required={false} maxlength={40} />
        <div class="field">
          <label>
            <input type="checkbox" name="einvoice" value="on" checked={values ? values.einvoice === 'on' : account.einvoiceRequested} /> {t('buyerClass.einvoice')}
          </label>
        </div>
        <button type="submit">{t('contacts.save')}</button>
      </form>
    </Layout>
  );
};
