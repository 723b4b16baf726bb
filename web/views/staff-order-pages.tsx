import type { FC } from 'hono/jsx';
import type { OrderForStaff } from '../../application/ordering/decide-order.js';
import type { Order } from '../../domain/ordering/order.js';
import { formatDateTime, formatMoney } from '../i18n/format.js';
import { OrderLinesTable, productName } from './account-pages.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { Paging } from './lists.js';
import { shown } from './staff-pages.js';
import { Field, Layout, Notice, type PageContext } from './layout.js';

/** How long an order has waited, in hours or days. */
const age = (page: PageContext, since: Date, now: Date) => {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  return hours < 48 ? page.t('staff.orders.hours', { n: hours }) : page.t('staff.orders.days', { n: Math.floor(hours / 24) });
};

export const StaffOrdersPage: FC<{ page: PageContext; orders: readonly Order[]; accounts: ReadonlyMap<string, ClientAccount>; count: number; next: string | null; after?: string | null; notice?: string | undefined }> = ({ page, orders, accounts, count, next, after, notice }) => {
  const { t, locale } = page;
  const now = new Date();
  return (
    <Layout page={page} title={t('staff.orders.title')}>
      <h1>{t('staff.orders.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>{t('staff.orders.count', { n: shown(count) })}</p>
      {orders.length === 0 ? <p class="lead">{t('staff.orders.none')}</p> : null}
      {orders.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('order.number')}</th>
              <th scope="col">{t('staff.orders.client')}</th>
              <th scope="col">OIB</th>
              <th scope="col">{t('staff.orders.items')}</th>
              <th scope="col" class="num">{t('order.total')}</th>
              <th scope="col">{t('staff.orders.age')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => {
              const account = o.accountId ? accounts.get(o.accountId) : undefined;
              return (
                <tr data-order={o.number}>
                  <td>
                    <a href={`/staff/orders/${o.id}`}>{o.number}</a>
                  </td>
                  <td>
                    {account ? <a href={`/staff/clients/${account.id}`}>{account.name}</a> : (o.unlinkedCustomer?.name ?? '')}
                    {account ? null : (
                      <>
                        {' '}
                        <span class="badge">{t('staff.orders.knownOib')}</span>
                      </>
                    )}
                  </td>
                  <td>{account?.oib ?? o.unlinkedCustomer?.oib ?? ''}</td>
                  <td>{o.lines.map((l) => `${productName(page, l)} — ${l.domainName}`).join('; ')}</td>
                  <td class="num">{formatMoney(o.totals().grossCents, locale)}</td>
                  <td title={formatDateTime(o.createdAt, locale)}>{age(page, o.createdAt, now)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <Paging page={page} base="/staff/orders" next={next} after={after} />
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
            <form method="post" novalidate action={`/staff/orders/${order.id}/accept`} class="card">
              <button type="submit">{t('staff.orders.accept')}</button>
            </form>
          ) : (
            <form method="post" novalidate action={`/staff/orders/${order.id}/link`} class="card">
              <p class="lead">{t('staff.orders.unlinked')}</p>
              <button type="submit">{t('staff.orders.link')}</button>
            </form>
          )}
          <form method="post" novalidate action={`/staff/orders/${order.id}/reject`} class="card">
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
