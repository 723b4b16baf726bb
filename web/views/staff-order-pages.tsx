import type { FC } from 'hono/jsx';
import type { OrderForStaff } from '../../application/ordering/decide-order.js';
import type { Order } from '../../domain/ordering/order.js';
import { formatDateTime, formatMoney } from '../i18n/format.js';
import { OrderLinesTable } from './account-pages.js';
import { Field, Layout, Notice, type PageContext } from './layout.js';

export const StaffOrdersPage: FC<{ page: PageContext; orders: readonly Order[]; count: number; next: string | null; notice?: string | undefined }> = ({ page, orders, count, next, notice }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('staff.orders.title')}>
      <h1>{t('staff.orders.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>{t('staff.orders.count', { n: count })}</p>
      {orders.length === 0 ? <p class="lead">{t('staff.orders.none')}</p> : null}
      <table>
        <tbody>
          {orders.map((o) => (
            <tr>
              <td>
                <a href={`/staff/orders/${o.id}`}>{o.number}</a>
              </td>
              <td>{formatDateTime(o.createdAt, locale)}</td>
              <td>{o.lines.map((l) => l.domainName).join(', ')}</td>
              <td class="num">{formatMoney(o.totals().grossCents, locale)}</td>
              <td>{o.accountId ? '' : <span class="badge">!</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <p>
          <a href={`/staff/orders?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};

export const StaffOrderPage: FC<{ page: PageContext; detail: OrderForStaff; error?: string | undefined }> = ({ page, detail, error }) => {
  const { t, locale } = page;
  const { order } = detail;
  return (
    <Layout page={page} title={order.number}>
      <p>
        <a href="/staff/orders">{t('staff.orders.title')}</a>
      </p>
      <h1>{order.number}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <dl class="card">
        <dt>{t('order.date')}</dt>
        <dd>{formatDateTime(order.createdAt, locale)}</dd>
        <dt>{t('staff.orders.account')}</dt>
        <dd>{detail.accountName ?? t('staff.orders.unlinked')}</dd>
        {order.unlinkedCustomer ? (
          <>
            <dt>{t('order.customer')}</dt>
            <dd>{`${order.unlinkedCustomer.name}, OIB ${order.unlinkedCustomer.oib}, ${order.unlinkedCustomer.email}, ${order.unlinkedCustomer.phone}`}</dd>
          </>
        ) : null}
        {detail.quote ? (
          <>
            <dt>{t('dashboard.unpaid')}</dt>
            <dd>{`${detail.quote.number} — ${formatMoney(detail.quote.grossCents, locale)}`}</dd>
          </>
        ) : null}
      </dl>
      <OrderLinesTable page={page} order={order} />
      {order.status === 'pending' ? (
        <div class="grid">
          {order.accountId ? (
            <form method="post" action={`/staff/orders/${order.id}/accept`} class="card">
              <button type="submit">{t('staff.orders.accept')}</button>
            </form>
          ) : (
            <form method="post" action={`/staff/orders/${order.id}/link`} class="card">
              <p class="lead">{t('staff.orders.unlinked')}</p>
              <button type="submit">{t('staff.orders.link')}</button>
            </form>
          )}
          <form method="post" action={`/staff/orders/${order.id}/reject`} class="card">
            <Field name="reason" label={t('staff.orders.reason')} maxlength={500} />
            <button type="submit" class="danger">
              {t('staff.orders.reject')}
            </button>
          </form>
        </div>
      ) : null}
    </Layout>
  );
};
