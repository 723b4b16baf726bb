import type { FC } from 'hono/jsx';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import { formatDateTime } from '../i18n/format.js';
import { AccountLayout } from './account-pages.js';
import { AuditTable } from './audit-table.js';
import { Layout, Notice, type PageContext } from './layout.js';

export const SessionsPage: FC<{ page: PageContext; sessions: readonly SessionInfo[]; currentId: string; notice?: string | undefined }> = ({ page, sessions, currentId, notice }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      <p class="lead">{t('sessions.lead')}</p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <table>
        <thead>
          <tr>
            <th>{t('sessions.started')}</th>
            <th>{t('sessions.from')}</th>
            <th>{t('sessions.browser')}</th>
            <th>{t('sessions.expires')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr data-session={s.id === currentId ? 'current' : 'other'}>
              <td>{formatDateTime(s.createdAt, locale)}</td>
              <td>{s.clientAddress}</td>
              <td>{s.userAgent.slice(0, 80)}</td>
              <td>{formatDateTime(s.absoluteExpiresAt, locale)}</td>
              <td>
                {s.id === currentId ? (
                  <span class="badge">{t('sessions.current')}</span>
                ) : (
                  <form method="post" action={`/sessions/${s.id}/end`} class="inline">
                    <button type="submit" class="link">
                      {t('sessions.end')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

export const AccountAuditPage: FC<{ page: PageContext; accountId: string; entries: readonly AuditEntry[]; next: string | null }> = ({ page, accountId, entries, next }) => (
  <AccountLayout page={page} accountId={accountId} title={page.t('staff.audit.title')}>
    <h1>{page.t('staff.audit.title')}</h1>
    <AuditTable page={page} entries={entries} next={next} moreHref={`/accounts/${accountId}/audit`} showActorId={false} />
  </AccountLayout>
);
