import type { ActorNames } from '../../application/audit/actor-names.js';
import type { FC } from 'hono/jsx';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import { formatDateTime } from '../i18n/format.js';
import { AccountLayout } from './account-pages.js';
import { AuditTable } from './audit-table.js';
import { Confirm, Layout, Notice, type PageContext } from './layout.js';

/** A browser's name in words, from its user agent: what a person recognises in the list. */
export function browserOf(userAgent: string): string {
  const browser = /Edg\//u.test(userAgent) ? 'Edge' : /Firefox\//u.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//u.test(userAgent) ? 'Chrome' : /Safari\//u.test(userAgent) ? 'Safari' : '';
  const system = /Android/u.test(userAgent) ? 'Android' : /iPhone|iPad/u.test(userAgent) ? 'iOS' : /Windows/u.test(userAgent) ? 'Windows' : /Mac OS X/u.test(userAgent) ? 'macOS' : /Linux/u.test(userAgent) ? 'Linux' : '';
  return [browser, system].filter(Boolean).join(', ') || userAgent.slice(0, 60) || '—';
}

export const SessionsPage: FC<{ page: PageContext; sessions: readonly SessionInfo[]; currentId: string; notice?: string | undefined; end?: string | undefined }> = ({ page, sessions, currentId, notice, end }) => {
  const { t, locale } = page;
  const toEnd = end && end !== currentId ? sessions.find((s) => s.id === end) : undefined;
  return (
    <Layout page={page} title={t('sessions.title')}>
      <h1>{t('sessions.title')}</h1>
      <p class="lead">{t('sessions.lead')}</p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {toEnd ? (
        <Confirm page={page} question={t('sessions.endQuestion', { address: toEnd.clientAddress, browser: browserOf(toEnd.userAgent) })} action={`/sessions/${toEnd.id}/end`} yes={t('sessions.endYes')} back="/sessions">
          <p>{t('sessions.endWhat')}</p>
        </Confirm>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t('sessions.started')}</th>
            <th>{t('sessions.from')}</th>
            <th>{t('sessions.browser')}</th>
            <th>{t('sessions.expires')}</th>
            <th>
              <span class="visually-hidden">{t('sessions.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr data-session={s.id === currentId ? 'current' : 'other'}>
              <td>{formatDateTime(s.createdAt, locale)}</td>
              <td>{s.clientAddress}</td>
              <td title={s.userAgent.slice(0, 200)}>{browserOf(s.userAgent)}</td>
              <td>{formatDateTime(s.absoluteExpiresAt, locale)}</td>
              <td>
                {s.id === currentId ? (
                  <span class="badge">{t('sessions.current')}</span>
                ) : (
                  <a href={`/sessions?end=${s.id}#confirm-question`} aria-label={t('sessions.endNamed', { address: s.clientAddress, browser: browserOf(s.userAgent) })}>
                    {t('sessions.end')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

export const AccountAuditPage: FC<{ page: PageContext; accountId: string; entries: readonly AuditEntry[]; people: ActorNames; next: string | null }> = ({ page, accountId, entries, people, next }) => (
  <AccountLayout page={page} accountId={accountId} title={page.t('staff.audit.title')}>
    <h1>{page.t('staff.audit.title')}</h1>
    <AuditTable page={page} entries={entries} people={people} next={next} moreHref={`/accounts/${accountId}/audit`} showActorId={false} />
  </AccountLayout>
);
