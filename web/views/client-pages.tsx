import type { FC } from 'hono/jsx';
import type { ClientPicture } from '../../application/backoffice/client-directory.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { formatDate, formatMoney } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { AuditTable } from './audit-table.js';
import { TicketsTable } from './ticket-pages.js';
import { Layout, Notice, type PageContext } from './layout.js';

export const ClientSearchPage: FC<{ page: PageContext; query: string; results: readonly ClientAccount[] | null; error?: string | undefined }> = ({ page, query, results, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('staff.clients.title')}>
      <h1>{t('staff.clients.title')}</h1>
      <form method="get" action="/staff/clients" class="card" role="search">
        <div class="field">
          <label for="f-q">{t('staff.clients.search')}</label>
          <input id="f-q" name="q" type="search" value={query} maxlength={200} autocomplete="off" />
        </div>
        <button type="submit">{t('staff.clients.find')}</button>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {results && results.length === 0 ? <p class="lead">{t('staff.clients.none')}</p> : null}
      {results && results.length > 0 ? (
        <table>
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

export const ClientViewPage: FC<{ page: PageContext; picture: ClientPicture }> = ({ page, picture }) => {
  const { t, locale } = page;
  const { account } = picture;
  const st = (s: string) => <span class={`badge status-${s}`}>{t(`status.${s}` as MessageKey)}</span>;
  return (
    <Layout page={page} title={account.name}>
      <h1>{account.name}</h1>
      <p class="lead">
        OIB {account.oib} · {account.email} · {`${account.street}, ${account.postalCode} ${account.city}`} · {account.phone} ·{' '}
        <a href={`/staff/accounts/${account.id}/profile`}>{t('staff.locks.title')}</a> ·{' '}
        <a href={`/staff/accounts/${account.id}/buyer-class`}>{`${t('buyerClass.label')}: ${t(`buyerClass.${account.buyerClass}` as MessageKey)}`}</a>
      </p>
      <p>
        {t('staff.clients.owner')}: {picture.owner?.name ?? '—'} ({picture.owner?.email ?? '—'})
      </p>
      {picture.owner?.hasTwoFactor() ? (
        <form method="post" action={`/staff/users/${picture.owner.id}/two-factor/reset`} class="card">
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
          <ul>
            {picture.domains.map((d) => (
              <li>
                {d.name} {st(d.status)} {formatDate(d.expiresAt, locale)}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{t('staff.clients.billing')}</h2>
          <ul>
            {picture.openQuotes.map((q) => (
              <li>
                {q.number} · {formatMoney(q.grossCents, locale)}
              </li>
            ))}
            {picture.unpaidInvoices.map((i) => (
              <li>
                <a href={`/staff/invoices/${i.id}`}>{i.number}</a> · {formatMoney(i.balanceCents(), locale)}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{t('nav.contacts')}</h2>
          <ul>
            {picture.contacts.map((c) => (
              <li>
                {c.name} · {c.email} · {c.permissions.join(', ') || '—'}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {picture.emailChanges.map((r) => (
        <p class="card">
          <a href={`/staff/email-changes/${r.id}`}>{`${r.oldEmail} → ${r.newEmail}`}</a>
        </p>
      ))}
      <h2>{t('staff.tickets.title')}</h2>
      <TicketsTable page={page} tickets={picture.tickets} href={(tk) => `/staff/tickets/${tk.id}`} />
      <h2>{t('staff.clients.audit')}</h2>
      <AuditTable page={page} entries={picture.audit} next={null} moreHref="/staff/audit" showActorId />
    </Layout>
  );
};
