import type { FC } from 'hono/jsx';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { formatDateTime } from '../i18n/format.js';
import type { PageContext } from './layout.js';

/** One audit log table for staff and for account owners; staff also see who exactly acted. */
export const AuditTable: FC<{ page: PageContext; entries: readonly AuditEntry[]; next: string | null; moreHref: string; showActorId: boolean }> = ({ page, entries, next, moreHref, showActorId }) => {
  const { t, locale } = page;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>{t('staff.audit.when')}</th>
            <th>{t('staff.audit.what')}</th>
            <th>{t('staff.audit.who')}</th>
            <th>{t('staff.audit.from')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{formatDateTime(e.at, locale)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{showActorId && e.actorId ? `${e.actorKind} ${e.actorId.slice(0, 8)}` : e.actorKind}</td>
              <td>{e.clientAddress ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <p>
          <a href={`${moreHref}?after=${encodeURIComponent(next)}`}>{t('staff.audit.more')}</a>
        </p>
      ) : null}
    </>
  );
};
