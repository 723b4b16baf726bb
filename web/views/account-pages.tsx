import type { Child, FC } from 'hono/jsx';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { DASHBOARD_ROWS, type Overview } from '../../application/ordering/account-portfolio.js';
import type { Order } from '../../domain/ordering/order.js';
import type { HostedService, RegisteredDomain, ServiceCredentials } from '../../domain/services/hosted-service.js';
import { formatDate, formatMoney } from '../i18n/format.js';
import type { QuoteSummary } from '../../domain/billing/quote.js';
import { balanceOf } from '../../domain/billing/invoice.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';
import type { Announcement } from '../../domain/help/announcement.js';
import { DashboardNotices } from './help-pages.js';
import { HelpLink } from './help-link.js';

/** A page of one client account: the navigation offers the account's sections the policy allows. */
export const AccountLayout: FC<{ page: PageContext; accountId: string; title: string; children?: Child }> = ({ page, accountId, title, children }) => (
  <Layout page={page} title={title} accountId={accountId}>
    {children}
  </Layout>
);

const status = (page: PageContext, s: string) => <span class={`badge status-${s}`}>{page.t(`status.${s}` as MessageKey)}</span>;

export const ServicesTable: FC<{ page: PageContext; accountId: string; services: readonly HostedService[] }> = ({ page, accountId, services }) => {
  const { t, locale } = page;
  if (services.length === 0) return <p class="lead">{t('services.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('services.name')}</th>
          <th>{t('services.domain')}</th>
          <th>{t('services.status')}</th>
          <th>{t('services.expires')}</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr>
            <td>
              <a href={`/accounts/${accountId}/services/${s.id}`}>{s.name}</a>
            </td>
            <td>{s.domainName}</td>
            <td>{status(page, s.status)}</td>
            <td>{formatDate(s.expiresAt, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const DomainsTable: FC<{ page: PageContext; accountId: string; domains: readonly RegisteredDomain[] }> = ({ page, accountId, domains }) => {
  const { t, locale } = page;
  if (domains.length === 0) return <p class="lead">{t('domains.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('services.domain')}</th>
          <th>{t('services.status')}</th>
          <th>{t('services.expires')}</th>
        </tr>
      </thead>
      <tbody>
        {domains.map((d) => (
          <tr>
            <td>
              <a href={`/accounts/${accountId}/domains/${d.id}`}>{d.name}</a>
            </td>
            <td>{status(page, d.status)}</td>
            <td>{formatDate(d.expiresAt, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** A new client's first step: the open quote and how to pay it. */
const NextStep: FC<{ page: PageContext; accountId: string; quote: QuoteSummary; iban: string }> = ({ page, accountId, quote, iban }) => {
  const { t, locale } = page;
  return (
    <section class="card next-step" data-next-step={quote.number}>
      <h2>{t('dashboard.nextStep')}</h2>
      <p>{t('dashboard.nextStepLead', { number: quote.number, amount: formatMoney(quote.grossCents, locale) })}</p>
      <dl class="slip">
        <dt>{t('invoice.iban')}</dt>
        <dd>
          <code>{iban}</code>
        </dd>
        <dt>{t('invoice.reference')}</dt>
        <dd>
          <code>{formatReference(quote.paymentReference)}</code>
        </dd>
        <dt>{t('order.total')}</dt>
        <dd>{formatMoney(quote.grossCents, locale)}</dd>
      </dl>
      <p class="actions">
        <a class="button" href={`/accounts/${accountId}/quotes/${quote.id}`}>
          {t('dashboard.openQuote')}
        </a>
        <a href={`/accounts/${accountId}/quotes/${quote.id}/pdf`} hx-boost="false" download>
          {t('quotes.pdfOf', { number: quote.number })}
        </a>
      </p>
    </section>
  );
};

/**
 * The dashboard fits the person: the boxes of what they may see and that has something in it. An accountant sees
 * unpaid invoices and open quotes; a new client, whose services wait for payment, sees how to pay first.
 */
export const DashboardPage: FC<{ page: PageContext; accounts: readonly ClientAccount[]; overview: Overview | null; notices?: readonly Announcement[]; iban?: string; welcome?: boolean }> = ({ page, accounts, overview, notices, iban, welcome }) => {
  const { t, locale } = page;
  const hasItems = Boolean(overview && ((overview.services?.length ?? 0) > 0 || (overview.domains?.length ?? 0) > 0));
  const firstQuote = overview?.openQuotes?.[0];
  return (
    <Layout page={page} title={t('dashboard.title')} accountId={overview?.account.id}>
      {welcome ? <Notice kind="success">{t('signIn.firstPassword')}</Notice> : null}
      <DashboardNotices page={page} announcements={notices ?? []} />
      {accounts.length > 1 ? (
        <nav class="subnav" aria-label={t('account.switch')}>
          {accounts.map((a) => (
            <a href={`/dashboard?account=${a.id}`} aria-current={overview?.account.id === a.id ? 'page' : undefined}>
              {a.name}
            </a>
          ))}
        </nav>
      ) : null}
      {!overview ? (
        <>
          <h1>{t('dashboard.title')}</h1>
          <Notice kind="info">{t('dashboard.none')}</Notice>
        </>
      ) : (
        <>
          <h1>{overview.account.name}</h1>
          <p class="lead">
            {t('dashboard.oib')} {overview.account.oib} · {overview.account.email} · {`${overview.account.street}, ${overview.account.postalCode} ${overview.account.city}`}
          </p>
          {firstQuote && !hasItems && iban ? <NextStep page={page} accountId={overview.account.id} quote={firstQuote} iban={iban} /> : null}
          <div class="grid">
            {hasItems ? (
              <section class="card" data-box="renewals">
                <h2>{t('dashboard.renewals')}</h2>
                {overview.renewals.length === 0 ? (
                  <p class="lead">{t('dashboard.noRenewals')}</p>
                ) : (
                  <ul>
                    {overview.renewals.map((r) => (
                      <li>
                        {r.name} — {formatDate(r.expiresAt, locale)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ) : null}
            {overview.openQuotes ? (
              <section class="card" data-box="quotes">
                <h2>{t('dashboard.openQuotes')}</h2>
                {overview.openQuotes.length === 0 ? (
                  <p class="lead">{t('dashboard.noOpenQuotes')}</p>
                ) : (
                  <ul>
                    {overview.openQuotes.map((q) => (
                      <li>
                        <a href={`/accounts/${overview.account.id}/quotes/${q.id}`}>{`${t('quote.title')} ${q.number}`}</a> — {formatMoney(q.grossCents, locale)} ({t('dashboard.validUntil', { date: formatDate(q.validUntil, locale) })})
                      </li>
                    ))}
                  </ul>
                )}
                <AllOf rows={overview.openQuotes} href={`/accounts/${overview.account.id}/quotes?status=open`} label={t('dashboard.allOpenQuotes')} />
              </section>
            ) : null}
            {overview.unpaidInvoices ? (
              <section class="card" data-box="invoices">
                <h2>{t('dashboard.unpaidInvoices')}</h2>
                {overview.unpaidInvoices.length === 0 ? (
                  <p class="lead">{t('dashboard.noUnpaidInvoices')}</p>
                ) : (
                  <ul>
                    {overview.unpaidInvoices.map((i) => (
                      <li>
                        <a href={`/accounts/${overview.account.id}/invoices/${i.id}`}>{`${t('invoice.invoice')} ${i.number}`}</a> — {formatMoney(balanceOf(i), locale)} ({t('invoice.dueDate')} {formatDate(i.dueDate, locale)})
                      </li>
                    ))}
                  </ul>
                )}
                <AllOf rows={overview.unpaidInvoices} href={`/accounts/${overview.account.id}/invoices?status=unpaid`} label={t('dashboard.allUnpaidInvoices')} />
              </section>
            ) : null}
          </div>
          {overview.services?.length ? (
            <section>
              <h2>{t('services.title')}</h2>
              <ServicesTable page={page} accountId={overview.account.id} services={overview.services} />
              <AllOf rows={overview.services} href={`/accounts/${overview.account.id}/services`} label={t('dashboard.allServices')} />
            </section>
          ) : null}
          {overview.domains?.length ? (
            <section>
              <h2>{t('domains.title')}</h2>
              <DomainsTable page={page} accountId={overview.account.id} domains={overview.domains} />
              <AllOf rows={overview.domains} href={`/accounts/${overview.account.id}/domains`} label={t('dashboard.allDomains')} />
            </section>
          ) : null}
        </>
      )}
    </Layout>
  );
};

/** Under a dashboard list that is full (there may be more): a link to the whole list. */
const AllOf: FC<{ rows: readonly unknown[]; href: string; label: string }> = ({ rows, href, label }) =>
  rows.length >= DASHBOARD_ROWS ? (
    <p>
      <a href={href}>{label}</a>
    </p>
  ) : null;

export const More: FC<{ href: string; label: string; next: string | null }> = ({ href, label, next }) =>
  next ? (
    <p>
      <a href={`${href}?after=${encodeURIComponent(next)}`}>{label}</a>
    </p>
  ) : null;

export const ServicesPage: FC<{ page: PageContext; accountId: string; services: readonly HostedService[]; next: string | null }> = ({ page, accountId, services, next }) => (
  <AccountLayout page={page} accountId={accountId} title={page.t('services.title')}>
    <h1>{page.t('services.title')}</h1>
    <ServicesTable page={page} accountId={accountId} services={services} />
    <More href={`/accounts/${accountId}/services`} label={page.t('emails.more')} next={next} />
  </AccountLayout>
);

export const ServicePage: FC<{ page: PageContext; accountId: string; service: HostedService; mayReveal: boolean; credentials?: ServiceCredentials | null }> = ({ page, accountId, service, mayReveal, credentials }) => {
  const { t, locale } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={service.name}>
      <h1>
        {service.name} — {service.domainName}
      </h1>
      <dl class="card">
        <dt>{t('services.status')}</dt>
        <dd>{status(page, service.status)}</dd>
        <dt>{t('services.period')}</dt>
        <dd>{t('services.months', { n: service.periodMonths })}</dd>
        <dt>{t('services.expires')}</dt>
        <dd>{formatDate(service.expiresAt, locale)}</dd>
      </dl>
      {service.sealedCredentials === null ? null : (
        <section class="card" id="access">
          <h2>{t('services.access')}</h2>
          <HelpLink page={page} topic="accessData" />
          {credentials ? (
            <dl class="credentials">
              <dt>{t('services.username')}</dt>
              <dd>
                <code>{credentials.username}</code>
              </dd>
              <dt>{t('services.password')}</dt>
              <dd>
                <code>{credentials.password}</code>
              </dd>
              <dt>{t('services.host')}</dt>
              <dd>
                <code>{credentials.host}</code>
              </dd>
            </dl>
          ) : mayReveal ? (
            <form method="post" novalidate action={`/accounts/${accountId}/services/${service.id}/credentials`}>
              <p class="lead">{t('services.revealNote')}</p>
              <button type="submit">{t('services.reveal')}</button>
            </form>
          ) : (
            <p class="lead">{t('services.noAccess')}</p>
          )}
        </section>
      )}
    </AccountLayout>
  );
};

export const DomainsPage: FC<{ page: PageContext; accountId: string; domains: readonly RegisteredDomain[]; next: string | null }> = ({ page, accountId, domains, next }) => (
  <AccountLayout page={page} accountId={accountId} title={page.t('domains.title')}>
    <h1>{page.t('domains.title')}</h1>
    <DomainsTable page={page} accountId={accountId} domains={domains} />
    <More href={`/accounts/${accountId}/domains`} label={page.t('emails.more')} next={next} />
  </AccountLayout>
);

export const DomainPage: FC<{ page: PageContext; accountId: string; domain: RegisteredDomain; mayManage?: boolean; notice?: string | undefined; error?: string | undefined; nameservers?: string }> = ({
  page,
  accountId,
  domain,
  mayManage,
  notice,
  error,
  nameservers,
}) => {
  const { t, locale } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={domain.name}>
      <h1>{domain.name}</h1>
      <dl class="card">
        <dt>{t('services.status')}</dt>
        <dd>{status(page, domain.status)}</dd>
        <dt>{t('services.period')}</dt>
        <dd>{t('services.months', { n: domain.periodMonths })}</dd>
        <dt>{t('services.expires')}</dt>
        <dd>{formatDate(domain.expiresAt, locale)}</dd>
        <dt>{t('domains.nameservers')}</dt>
        <dd>
          <ul class="plain">
            {domain.nameservers.map((ns) => (
              <li>
                <code>{ns}</code>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {mayManage ? (
        <form method="post" novalidate action={`/accounts/${accountId}/domains/${domain.id}/nameservers`} class="card">
          <div class={`field${error ? ' invalid' : ''}`}>
            <label for="f-nameservers">{t('tickets.nameservers')}</label>
            <input id="f-nameservers" name="nameservers" value={nameservers ?? domain.nameservers.join(' ')} maxlength={400} required aria-invalid={error ? 'true' : undefined} />
            {error ? <p class="field-error">{error}</p> : null}
          </div>
          <button type="submit">{t('domains.saveNameservers')}</button>
        </form>
      ) : null}
    </AccountLayout>
  );
};

/** A product line's name in the page's language (lines keep the Croatian name they were ordered under). */
export function productName(page: PageContext, line: { name: string }): string {
  return page.productNames?.get(line.name) ?? line.name;
}

/** An invoice line as issued, with its product name and period in the page's language (the document stays Croatian). */
export function lineWords(page: PageContext, description: string): string {
  if (page.locale !== 'en') return description;
  const [name, ...rest] = description.split(' — ');
  const translated = [page.productNames?.get(name!) ?? name, ...rest].join(' — ');
  return translated.replace(/\((\d+) mj\.\)/gu, (_, n: string) => `(${n} ${Number(n) === 1 ? 'month' : 'months'})`);
}

/** Lines and totals of an order or a quote (both priced from the catalog the same way). */
export const OrderLinesTable: FC<{ page: PageContext; order: Pick<Order, 'lines' | 'totals'> }> = ({ page, order }) => {
  const { t, locale } = page;
  const totals = order.totals();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('order.product')}</th>
          <th>{t('services.domain')}</th>
          <th class="num">{t('order.net')}</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((l) => (
          <tr>
            <td>
              {productName(page, l)}
              <small class="line-details">{t('services.months', { n: l.periodMonths })}</small>
            </td>
            <td>{l.domainName}</td>
            <td class="num">{formatMoney(l.unitPriceCents * l.quantity, locale)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colspan={2}>{t('order.net')}</td>
          <td class="num">{formatMoney(totals.netCents, locale)}</td>
        </tr>
        {totals.byRate.map((g) => (
          <tr>
            <td colspan={2}>{t('order.vat', { rate: g.ratePercent })}</td>
            <td class="num">{formatMoney(g.vatCents, locale)}</td>
          </tr>
        ))}
        <tr>
          <th colspan={2}>{t('order.total')}</th>
          <th class="num">{formatMoney(totals.grossCents, locale)}</th>
        </tr>
      </tfoot>
    </table>
  );
};

export const OrdersPage: FC<{ page: PageContext; accountId: string; orders: readonly Order[]; next: string | null; notice?: string | undefined }> = ({ page, accountId, orders, next, notice }) => {
  const { t, locale } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={t('nav.orders')}>
      <h1>{t('nav.orders')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {orders.length === 0 ? <p class="lead">{t('order.none')}</p> : null}
      {orders.map((o) => (
        <section class="card" data-order={o.number}>
          <h2>
            {o.number} <span class={`badge status-${o.status}`}>{t(`order.status.${o.status}` as MessageKey)}</span>
          </h2>
          <p class="lead">{formatDate(o.createdAt, locale)}</p>
          <OrderLinesTable page={page} order={o} />
        </section>
      ))}
      <More href={`/accounts/${accountId}/orders`} label={t('emails.more')} next={next} />
    </AccountLayout>
  );
};
