import type { FC } from 'hono/jsx';
import type { ClientPicture } from '../../application/backoffice/client-directory.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import { balanceOf, paymentStateOf } from '../../domain/billing/invoice.js';
import type { MessageKey } from '../i18n/messages.js';
import { AuditTable } from './audit-table.js';
import { TicketsTable } from './ticket-pages.js';
import { ErrorSummary, Layout, Notice, type PageContext } from './layout.js';

export const ClientSearchPage: FC<{ page: PageContext; query: string; results: readonly ClientAccount[] | null; error?: string | undefined }> = ({ page, query, results, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('staff.clients.title')}>
      <h1>{t('staff.clients.title')}</h1>
      <form method="get" action="/staff/clients" class="card" role="search">
        <div class="field">
          <label for="f-q">{t('staff.clients.search')}</label>
          <input id="f-q" name="q" type="search" value={query} maxlength={200} autocomplete="off" placeholder={t('staff.clients.searchPlaceholder')} />
        </div>
        <button type="submit">{t('staff.clients.find')}</button>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {results && results.length === 0 ? <p class="lead">{t('staff.clients.none')}</p> : null}
      {results && results.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.clients.name')}</th>
              <th scope="col">OIB</th>
              <th scope="col">{t('contacts.email')}</th>
              <th scope="col">{t('order.city')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((a) => (
              <tr data-client={a.id}>
                <td>
                  <a href={`/staff/clients/${a.id}`}>{a.name}</a>
                </td>
                <td>{a.oib}</td>
                <td>{a.email}</td>
                <td>{a.city}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
};

export const ClientViewPage: FC<{ page: PageContext; picture: ClientPicture; notice?: string | undefined; errors?: Partial<Record<string, string>>; noteValue?: string }> = ({ page, picture, notice, errors, noteValue }) => {
  const { t, locale } = page;
  const { account } = picture;
  const st = (s: string) => <span class={`badge status-${s}`}>{t(`status.${s}` as MessageKey)}</span>;
  const now = new Date();
  return (
    <Layout page={page} title={account.name}>
      <h1>{account.name}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary page={page} errors={errors} />
      <p class="lead">
        OIB {account.oib} · {account.email} · {`${account.street}, ${account.postalCode} ${account.city}`} · {account.phone} ·{' '}
        <a href={`/staff/accounts/${account.id}/profile`}>{t('staff.locks.title')}</a> ·{' '}
        <a href={`/staff/accounts/${account.id}/buyer-class`}>{`${t('buyerClass.label')}: ${t(`buyerClass.${account.buyerClass}` as MessageKey)}`}</a>
      </p>
      <p>
        {t('staff.clients.owner')}: {picture.owner?.name ?? '—'} ({picture.owner?.email ?? '—'})
      </p>
      {picture.owner?.hasTwoFactor() ? (
        <form method="post" novalidate action={`/staff/users/${picture.owner.id}/two-factor/reset`} class="card">
          <p>{t('staff.clients.twoFactorOn')}</p>
          <div class="field">
            <label for="f-reason">{t('staff.clients.twoFactorReason')}</label>
            <input id="f-reason" name="reason" maxlength={500} required />
          </div>
          <input type="hidden" name="accountId" value={account.id} />
          <button type="submit" class="danger">
            {t('staff.clients.twoFactorReset')}
          </button>
        </form>
      ) : null}
      <div class="grid">
        <section class="card">
          <h2>{t('nav.services')}</h2>
          {picture.services.length === 0 ? <p class="lead">{t('services.none')}</p> : null}
          <ul>
            {picture.services.map((s) => (
              <li>
                {`${s.name} — ${s.domainName}`} {st(s.status)} {formatDate(s.expiresAt, locale)}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{t('nav.domains')}</h2>
          {picture.domains.length === 0 ? <p class="lead">{t('domains.none')}</p> : null}
          <ul>
            {picture.domains.map((d) => (
              <li>
                {d.name} {st(d.status)} {formatDate(d.expiresAt, locale)}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{t('staff.clients.openQuotes')}</h2>
          {picture.openQuotes.length === 0 ? <p class="lead">{t('dashboard.noUnpaid')}</p> : null}
          <ul>
            {picture.openQuotes.map((q) => (
              <li>
                {q.number} · {formatMoney(q.grossCents, locale)} · {formatReference(q.paymentReference)}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section id="invoices">
        <h2>{t('invoices.title')}</h2>
        {picture.invoices.length === 0 ? (
          <p class="lead">{t('invoices.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('invoice.number')}</th>
                <th scope="col">{t('invoice.issuedAt')}</th>
                <th scope="col" class="num">{t('order.total')}</th>
                <th scope="col" class="num">{t('invoice.balance')}</th>
                <th scope="col">{t('order.status')}</th>
              </tr>
            </thead>
            <tbody>
              {picture.invoices.map((i) => (
                <tr data-invoice={i.number}>
                  <td>
                    <a href={`/staff/invoices/${i.id}`}>{`${t(`invoice.${i.kind}`)} ${i.number}`}</a>
                  </td>
                  <td>{formatDate(i.issuedAt, locale)}</td>
                  <td class="num">{formatMoney(i.grossCents, locale)}</td>
                  <td class="num">{formatMoney(balanceOf(i), locale)}</td>
                  <td>{t(`invoice.state.${paymentStateOf(i)}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section id="payments">
        <h2>{t('staff.payments.title')}</h2>
        {picture.payments.length === 0 ? (
          <p class="lead">{t('staff.clients.noPayments')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.payments.date')}</th>
                <th scope="col">{t('staff.payments.transaction')}</th>
                <th scope="col">{t('staff.payments.reference')}</th>
                <th scope="col" class="num">{t('staff.payments.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {picture.payments.map((p) => (
                <tr data-payment={p.bankTransactionId}>
                  <td>{formatDate(p.receivedOn, locale)}</td>
                  <td>{p.bankTransactionId}</td>
                  <td>{p.reference}</td>
                  <td class="num">{formatMoney(p.amountCents, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section id="contacts">
        <h2>{t('nav.contacts')}</h2>
        {picture.contacts.length === 0 ? (
          <p class="lead">{t('contacts.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('contacts.name')}</th>
                <th scope="col">{t('contacts.email')}</th>
                <th scope="col">{t('contacts.status')}</th>
                <th scope="col">{t('contacts.rights')}</th>
                <th scope="col">{t('contacts.scope')}</th>
              </tr>
            </thead>
            <tbody>
              {picture.contacts.map((c) => {
                const scope = c.scope();
                return (
                  <tr data-contact={c.email}>
                    <td>{c.name}</td>
                    <td>{c.email}</td>
                    <td>{t(`contacts.status.${c.status(now)}` as MessageKey)}</td>
                    <td>{c.permissions.map((p) => t(`permission.${p}` as MessageKey)).join(', ') || '—'}</td>
                    <td>{scope ? t('contacts.scope.count', { services: scope.serviceIds.length, domains: scope.domainIds.length }) : t('contacts.scope.account')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section id="notes" class="card">
        <h2>{t('staff.notes.title')}</h2>
        <p class="hint">{t('staff.notes.lead')}</p>
        <ul class="plain notes">
          {picture.notes.map((n) => (
            <li data-note={n.id}>
              <p class="notice-text">{n.body}</p>
              <p class="hint">{`${n.staffName} · ${formatDateTime(n.createdAt, locale)}`}</p>
            </li>
          ))}
        </ul>
        <form method="post" novalidate action={`/staff/clients/${account.id}/notes`}>
          <div class={`field${errors?.['body'] ? ' invalid' : ''}`}>
            <label for="f-body">{t('staff.notes.new')}</label>
            <textarea id="f-body" name="body" rows={3} maxlength={4000} required aria-invalid={errors?.['body'] ? 'true' : undefined}>
              {noteValue ?? ''}
            </textarea>
            {errors?.['body'] ? <p class="field-error">{errors['body']}</p> : null}
          </div>
          <button type="submit">{t('staff.notes.add')}</button>
        </form>
      </section>
      {picture.emailChanges.map((r) => (
        <p class="card">
          <a href={`/staff/email-changes/${r.id}`}>{`${r.oldEmail} → ${r.newEmail}`}</a>
        </p>
      ))}
      <h2>{t('staff.tickets.title')}</h2>
      <TicketsTable page={page} tickets={picture.tickets} href={(tk) => `/staff/tickets/${tk.id}`} />
      <h2>{t('staff.clients.audit')}</h2>
      <AuditTable page={page} entries={picture.audit} people={picture.people} next={null} moreHref="/staff/audit" showActorId />
    </Layout>
  );
};
