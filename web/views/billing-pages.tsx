import { ListSearch, Paging, SortHeader, withQuery } from './lists.js';
import { parseDay } from '../http/dates.js';
import type { FC } from 'hono/jsx';
import type { RecordedPayment } from '../../application/billing/record-payment.js';
import type { BillingSettings } from '../../application/shared/services.js';
import { paymentStateOf, type Invoice, type InvoiceSummary, type Party } from '../../domain/billing/invoice.js';
import { UNIT_LABELS, isUnitCode } from '../../domain/billing/line-classification.js';
import type { Payment } from '../../domain/billing/payment.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import type { Quote, QuoteSummary } from '../../domain/billing/quote.js';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { AccountLayout, lineWords, OrderLinesTable } from './account-pages.js';
import { Field, Layout, Notice, type PageContext, ErrorSummary } from './layout.js';
import { DeliveryBlock } from './delivery-pages.js';
import type { InvoiceDelivery, StaffInvoiceDelivery } from '../../application/fiscal/invoice-delivery.js';

const stateBadge = (page: PageContext, invoice: InvoiceSummary) => {
  const state = paymentStateOf(invoice);
  return <span class={`badge state-${state}`}>{page.t(`invoice.state.${state}` as MessageKey)}</span>;
};

export const QuotesPage: FC<{ page: PageContext; accountId: string; quotes: readonly QuoteSummary[]; filter: 'all' | 'open' | 'accepted'; next: string | null; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined } }> = ({ page, accountId, quotes, filter, next, list }) => {
  const { t, locale } = page;
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery(`/accounts/${accountId}/quotes`, { status: filter, order: order === 'oldest' ? 'oldest' : null, q });
  return (
    <AccountLayout page={page} accountId={accountId} title={t('quotes.title')}>
      <h1>{t('quotes.title')}</h1>
      <nav class="subnav" aria-label={t('quotes.title')}>
        {(['all', 'open', 'accepted'] as const).map((f) => (
          <a href={`/accounts/${accountId}/quotes?status=${f}`} aria-current={f === filter ? 'page' : undefined}>
            {t(`quotes.filter.${f}`)}
          </a>
        ))}
      </nav>
      <ListSearch page={page} action={`/accounts/${accountId}/quotes`} q={q} label={t('quotes.search')} keep={{ status: filter }} />
      {quotes.length === 0 ? <p class="lead">{q ? t('list.noMatch', { q }) : t('quotes.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('order.number')}</th>
            <SortHeader page={page} base={base} label={t('order.date')} order={order} />
            <th scope="col">{t('quotes.validUntil')}</th>
            <th scope="col">{t('invoice.reference')}</th>
            <th scope="col" class="num">{t('order.total')}</th>
            <th scope="col">{t('order.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('invoice.download')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((q) => (
            <tr data-quote={q.number} data-reference={q.paymentReference.number} data-amount={formatMoney(q.grossCents, locale)}>
              <td>
                <a href={`/accounts/${accountId}/quotes/${q.id}`}>
                  <strong>{q.number}</strong>
                </a>
              </td>
              <td>{formatDate(q.issuedAt, locale)}</td>
              <td>{formatDate(q.validUntil, locale)}</td>
              <td>{formatReference(q.paymentReference)}</td>
              <td class="num">{formatMoney(q.grossCents, locale)}</td>
              <td>
                <span class={`badge status-${q.status}`}>{t(`quote.status.${q.status}` as MessageKey)}</span>
              </td>
              <td>
                <a href={`/accounts/${accountId}/quotes/${q.id}/pdf`} hx-boost="false" download aria-label={t('quotes.pdfOf', { number: q.number })}>
                  PDF
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paging page={page} base={base} next={next} after={list?.after} />
    </AccountLayout>
  );
};

export const InvoicesPage: FC<{ page: PageContext; accountId: string; invoices: readonly InvoiceSummary[]; filter: 'all' | 'unpaid' | 'paid'; next: string | null; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined }; years?: readonly number[] }> = ({ page, accountId, invoices, filter, next, list, years }) => {
  const { t, locale } = page;
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery(`/accounts/${accountId}/invoices`, { status: filter, order: order === 'oldest' ? 'oldest' : null, q });
  return (
    <AccountLayout page={page} accountId={accountId} title={t('invoices.title')}>
      <h1>{t('invoices.title')}</h1>
      <nav class="subnav" aria-label={t('invoices.title')}>
        {(['all', 'unpaid', 'paid'] as const).map((f) => (
          <a href={`/accounts/${accountId}/invoices?status=${f}`} aria-current={f === filter ? 'page' : undefined}>
            {t(`invoices.filter.${f}`)}
          </a>
        ))}
      </nav>
      <ListSearch page={page} action={`/accounts/${accountId}/invoices`} q={q} label={t('invoices.search')} keep={{ status: filter }} />
      {years?.length ? (
        <p class="actions" data-archives>
          {years.map((y) => (
            <a href={`/accounts/${accountId}/invoices/archive/${y}`} hx-boost="false" download class="button secondary-link">
              {t('invoices.downloadYear', { year: y })}
            </a>
          ))}
        </p>
      ) : null}
      {invoices.length === 0 ? <p class="lead">{q ? t('list.noMatch', { q }) : t('invoices.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('invoice.number')}</th>
            <SortHeader page={page} base={base} label={t('invoice.issuedAt')} order={order} />
            <th scope="col" class="num">{t('order.total')}</th>
            <th scope="col">{t('order.status')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr data-invoice={i.number}>
              <td>
                <a href={`/accounts/${accountId}/invoices/${i.id}`}>{`${t(`invoice.${i.kind}`)} ${i.number}`}</a>
              </td>
              <td>{formatDate(i.issuedAt, locale)}</td>
              <td class="num">{formatMoney(i.grossCents, locale)}</td>
              <td>{stateBadge(page, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paging page={page} base={base} next={next} after={list?.after} />
    </AccountLayout>
  );
};

const PartyBlock: FC<{ title: string; party: Party }> = ({ title, party }) => (
  <div>
    <h3>{title}</h3>
    <p>
      <strong>{party.name}</strong>
      <br />
      {party.street}
      <br />
      {`${party.postalCode} ${party.city}`}
      <br />
      OIB {party.oib}
      {party.vatNumber ? (
        <>
          <br />
          {`PDV ID ${party.vatNumber}`}
        </>
      ) : null}
    </p>
  </div>
);

/** Everything art. 79 of the VAT act asks for, and the data of the payment slip. */
export const InvoiceDocument: FC<{ page: PageContext; invoice: Invoice; billing: BillingSettings }> = ({ page, invoice, billing }) => {
  const { t, locale } = page;
  return (
    <article class="card invoice">
      <h1>{`${t(`invoice.${invoice.kind}`)} ${invoice.number}`}</h1>
      <div class="grid">
        <PartyBlock title={t('invoice.seller')} party={invoice.seller} />
        <PartyBlock title={t('invoice.buyer')} party={invoice.buyer} />
      </div>
      <dl>
        <dt>{t('invoice.number')}</dt>
        <dd>{invoice.number}</dd>
        <dt>{t('invoice.issuedAt')}</dt>
        <dd>{formatDateTime(invoice.issuedAt, locale)}</dd>
        <dt>{t('invoice.deliveryDate')}</dt>
        <dd>{formatDate(invoice.deliveryDate, locale)}</dd>
        {invoice.kind === 'invoice' ? (
          <>
            <dt>{t('invoice.dueDate')}</dt>
            <dd>{formatDate(invoice.dueDate, locale)}</dd>
          </>
        ) : null}
        {invoice.corrects ? (
          <>
            <dt>{t('invoice.corrects')}</dt>
            <dd>{t('invoice.correctsInvoice', { number: invoice.corrects.number, date: formatDate(invoice.corrects.issueDate, locale) })}</dd>
          </>
        ) : null}
        <dt>{t('invoice.paymentMethod')}</dt>
        <dd>{t('invoice.bankTransfer')}</dd>
        {invoice.operator ? (
          <>
            <dt>{t('invoice.operator')}</dt>
            <dd>{`${invoice.operator.name} (OIB ${invoice.operator.oib})`}</dd>
          </>
        ) : null}
      </dl>
      <table>
        <thead>
          <tr>
            <th>{t('invoice.description')}</th>
            <th class="num">{t('invoice.quantity')}</th>
            <th>{t('invoice.unit')}</th>
            <th class="num">{t('invoice.unitPrice')}</th>
            <th class="num">{t('invoice.vat')}</th>
            <th class="num">{t('invoice.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr>
              <td>
                {lineWords(page, l.description)}
                {l.kpdCode || l.periodStart ? (
                  <small class="line-details">
                    {[l.kpdCode ? t('invoice.details', { kpd: l.kpdCode }) : null, l.periodStart && l.periodEnd ? t('invoice.period', { from: formatDate(l.periodStart, locale), to: formatDate(l.periodEnd, locale) }) : null].filter(Boolean).join(' · ')}
                  </small>
                ) : null}
              </td>
              <td class="num">{l.quantity}</td>
              <td>{isUnitCode(l.unitCode) ? UNIT_LABELS[l.unitCode][locale] : l.unitCode}</td>
              <td class="num">{formatMoney(l.unitPriceCents, locale)}</td>
              <td class="num">{l.vatCategory === 'S' ? `${l.vatRatePercent} %` : t(`invoice.vatShort.${l.vatCategory}` as MessageKey)}</td>
              <td class="num">{formatMoney(l.unitPriceCents * l.quantity, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colspan={5}>{t('order.net')}</td>
            <td class="num">{formatMoney(invoice.netCents, locale)}</td>
          </tr>
          {invoice.vatGroups.map((g) => (
            <tr>
              <td colspan={5}>
                {g.category === 'S' || !g.category
                  ? `${t('order.vat', { rate: g.ratePercent })} (${formatMoney(g.netCents, locale)})`
                  : `${t(`invoice.vat.${g.category}` as MessageKey)} (${t('invoice.taxBase')} ${formatMoney(g.netCents, locale)})${g.exemption ? `: ${g.exemption.text}` : ''}`}
              </td>
              <td class="num">{formatMoney(g.vatCents, locale)}</td>
            </tr>
          ))}
          <tr>
            <th colspan={5}>{t('order.total')}</th>
            <th class="num">{formatMoney(invoice.grossCents, locale)}</th>
          </tr>
          <tr>
            <td colspan={5}>{t('invoice.paid')}</td>
            <td class="num">{formatMoney(invoice.paidCents, locale)}</td>
          </tr>
          <tr>
            <th colspan={5}>{invoice.balanceCents() < 0 ? t('invoice.overpaid') : t('invoice.balance')}</th>
            <th class="num">{formatMoney(Math.abs(invoice.balanceCents()), locale)}</th>
          </tr>
        </tfoot>
      </table>
      {invoice.kind === 'invoice' ? (
        <section>
          <h2>{t('invoice.payWith')}</h2>
          <dl class="slip">
            <dt>{t('invoice.iban')}</dt>
            <dd>
              <code>{billing.iban}</code>
            </dd>
            <dt>{t('invoice.reference')}</dt>
            <dd>
              <code>{formatReference(invoice.paymentReference)}</code>
            </dd>
            <dt>{t('invoice.purpose')}</dt>
            <dd>{`${t('invoice.invoice')} ${invoice.number}`}</dd>
          </dl>
        </section>
      ) : null}
      <p>{stateBadge(page, invoice)}</p>
    </article>
  );
};

export const InvoicePage: FC<{ page: PageContext; accountId: string; invoice: Invoice; billing: BillingSettings; delivery?: InvoiceDelivery | null }> = ({ page, accountId, invoice, billing, delivery }) => (
  <AccountLayout page={page} accountId={accountId} title={`${page.t(`invoice.${invoice.kind}`)} ${invoice.number}`}>
    <p>
      <a href={`/accounts/${accountId}/invoices/${invoice.id}/pdf`} class="button" hx-boost="false" download>
        {page.t('invoice.download')}
      </a>{' '}
      <a href={`/accounts/${accountId}/invoices/${invoice.id}/ubl`} class="button" hx-boost="false" download data-download="ubl">
        {page.t('invoice.downloadUbl')}
      </a>
    </p>
    {delivery ? <DeliveryBlock page={page} delivery={delivery} /> : null}
    <InvoiceDocument page={page} invoice={invoice} billing={billing} />
  </AccountLayout>
);

export const StaffPaymentsPage: FC<{
  page: PageContext;
  payments: readonly Payment[];
  filter: 'all' | 'unmatched';
  next: string | null;
  outcome?: RecordedPayment | null;
  values?: Partial<Record<string, string>>;
  errors?: Partial<Record<string, string>>;
  list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined };
}> = ({ page, payments, filter, next, outcome, values = {}, errors = {}, list }) => {
  const { t, locale } = page;
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery('/staff/payments', { filter: filter === 'all' ? null : filter, order: order === 'oldest' ? 'oldest' : null, q });
  return (
    <Layout page={page} title={t('staff.payments.title')}>
      <h1>{t('staff.payments.title')}</h1>
      {outcome ? (
        <Notice kind={outcome.duplicate ? 'info' : 'success'}>
          {outcome.duplicate ? t('staff.payments.duplicate', { tx: outcome.payment.bankTransactionId }) : t('staff.payments.recorded', { tx: outcome.payment.bankTransactionId })}{' '}
          {outcome.invoice
            ? t('staff.payments.matched', { number: outcome.invoice.number, state: t(`invoice.state.${outcome.invoice.paymentState()}` as MessageKey), balance: formatMoney(outcome.invoice.balanceCents(), locale) })
            : t('staff.payments.noMatch')}
        </Notice>
      ) : null}
      <ErrorSummary page={page} errors={errors} />
      <form method="post" novalidate action="/staff/payments" class="card">
        <h2>{t('staff.payments.record')}</h2>
        <Field name="bankTransactionId" label={t('staff.payments.transaction')} value={values.bankTransactionId} error={errors.bankTransactionId} maxlength={100} />
        <Field name="amount" label={t('staff.payments.amount')} value={values.amount} error={errors.amountCents} maxlength={20} />
        <Field name="receivedOn" label={t('staff.payments.date')} type="date" value={parseDay(values.receivedOn ?? '') ?? ''} error={errors.receivedOn} maxlength={12} hint={t('staff.payments.dateHint')} />
        <Field name="reference" label={t('staff.payments.reference')} value={values.reference} maxlength={40} required={false} />
        <Field name="payerName" label={t('staff.payments.payer')} value={values.payerName} maxlength={200} required={false} />
        <button type="submit">{t('staff.payments.record')}</button>
      </form>
      <p>
        <a href="/staff/bank-statements">{t('statements.title')}</a>
      </p>
      <nav class="subnav">
        <a href="/staff/payments" aria-current={filter === 'all' ? 'page' : undefined}>
          {t('staff.payments.all')}
        </a>
        <a href="/staff/payments?filter=unmatched" aria-current={filter === 'unmatched' ? 'page' : undefined}>
          {t('staff.payments.unmatched')}
        </a>
      </nav>
      <ListSearch page={page} action="/staff/payments" q={q} label={t('staff.payments.search')} keep={filter === 'all' ? {} : { filter }} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('staff.payments.transaction')}</th>
            <SortHeader page={page} base={base} label={t('staff.payments.date')} order={order} />
            <th scope="col">{t('staff.payments.payer')}</th>
            <th scope="col">{t('invoice.reference')}</th>
            <th scope="col" class="num">{t('staff.payments.amountColumn')}</th>
            <th scope="col">{t('staff.payments.invoice')}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr data-payment={p.bankTransactionId}>
              <td>
                <code>{p.bankTransactionId}</code>
              </td>
              <td>{formatDate(p.receivedOn, locale)}</td>
              <td>{p.payerName}</td>
              <td>{p.reference}</td>
              <td class="num">{formatMoney(p.amountCents, locale)}</td>
              <td>{p.invoiceId ? <a href={`/staff/invoices/${p.invoiceId}`}>{t('staff.payments.openInvoice')}</a> : <span class="badge">{t('staff.payments.unmatchedBadge')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paging page={page} base={base} next={next} after={list?.after} />
    </Layout>
  );
};

export const StaffInvoicePage: FC<{ page: PageContext; invoice: Invoice; billing: BillingSettings; error?: string | undefined; delivery?: StaffInvoiceDelivery | null; notice?: string | undefined }> = ({ page, invoice, billing, error, delivery, notice }) => (
  <Layout page={page} title={invoice.number}>
    <p>
      <a href="/staff/payments">{page.t('staff.payments.title')}</a>
    </p>
    <p>
      <a href={`/staff/invoices/${invoice.id}/pdf`} class="button" hx-boost="false" download>
        {page.t('invoice.download')}
      </a>{' '}
      <a href={`/staff/invoices/${invoice.id}/ubl`} class="button" hx-boost="false" download data-download="ubl">
        {page.t('invoice.downloadUbl')}
      </a>
    </p>
    {error ? <Notice kind="error">{error}</Notice> : null}
    {notice ? <Notice kind="success">{notice}</Notice> : null}
    {delivery ? <DeliveryBlock page={page} delivery={delivery} staff={{ invoiceId: invoice.id }} /> : null}
    <InvoiceDocument page={page} invoice={invoice} billing={billing} />
    {invoice.kind === 'invoice' ? (
      <form method="post" novalidate action={`/staff/invoices/${invoice.id}/credit-note`} class="card">
        <Field name="reason" label={page.t('staff.invoice.creditReason')} maxlength={500} />
        <button type="submit" class="danger">
          {page.t('staff.invoice.credit')}
        </button>
      </form>
    ) : null}
  </Layout>
);

export const QuotePage: FC<{ page: PageContext; accountId: string; quote: Quote; billing: BillingSettings }> = ({ page, accountId, quote, billing }) => {
  const { t, locale } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={quote.number}>
      <p>
        <a href={`/accounts/${accountId}/quotes/${quote.id}/pdf`} class="button" hx-boost="false" download>
          {t('invoice.download')}
        </a>
      </p>
      <article class="card invoice">
        <h1>{`${t('quote.title')} ${quote.number}`}</h1>
        <dl>
          <dt>{t('order.date')}</dt>
          <dd>{formatDateTime(quote.issuedAt, locale)}</dd>
          <dt>{t('quotes.validUntil')}</dt>
          <dd>{formatDate(quote.validUntil, locale)}</dd>
          <dt>{t('order.status')}</dt>
          <dd>
            <span class={`badge status-${quote.status}`}>{t(`quote.status.${quote.status}` as MessageKey)}</span>
          </dd>
        </dl>
        <OrderLinesTable page={page} order={quote} />
        {quote.status === 'open' ? (
          <dl class="slip">
            <dt>{t('invoice.iban')}</dt>
            <dd>
              <code>{billing.iban}</code>
            </dd>
            <dt>{t('invoice.reference')}</dt>
            <dd>
              <code>{formatReference(quote.paymentReference)}</code>
            </dd>
          </dl>
        ) : null}
      </article>
    </AccountLayout>
  );
};
