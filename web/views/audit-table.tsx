import type { FC } from 'hono/jsx';
import type { ActorNames } from '../../application/audit/actor-names.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { formatDateTime } from '../i18n/format.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import type { PageContext } from './layout.js';
import { Paging } from './lists.js';

/** An audit action in words; a code without words of its own is never shown as a code. */
export function actionWords(page: PageContext, action: string): string {
  const key = `audit.${action}` as MessageKey;
  return key in MESSAGES.hr ? page.t(key) : page.t('audit.other');
}

/** "Ana Horvat (vlasnik)", "Marko Marić (osoblje: podrška)", "Portal (automatski)". */
export function actorWords(page: PageContext, entry: AuditEntry, people: ActorNames): string {
  const { t } = page;
  if (entry.actorKind === 'system') return t('actor.system');
  const person = entry.actorId ? people[entry.actorId] : undefined;
  if (!person) return entry.actorKind === 'anonymous' ? t('actor.anonymous') : `${t(entry.actorKind === 'staff' ? 'actor.staff' : 'actor.user')} (${t('actor.unknown')})`;
  if (person.role === 'staff') return `${person.name} (${t('actor.staff')}${person.staffRoles?.length ? `: ${person.staffRoles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}` : ''})`;
  return `${person.name} (${t(person.role === 'owner' ? 'actor.owner' : 'actor.contact')})`;
}

/** One audit log table for staff and for account owners: what was done, by whom, when and from where. */
export const AuditTable: FC<{ page: PageContext; entries: readonly AuditEntry[]; people: ActorNames; next: string | null; moreHref: string; showActorId: boolean }> = ({ page, entries, people, next, moreHref }) => {
  const { t, locale } = page;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('staff.audit.when')}</th>
            <th scope="col">{t('staff.audit.what')}</th>
            <th scope="col">{t('staff.audit.who')}</th>
            <th scope="col">{t('staff.audit.from')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr data-action={e.action}>
              <td>{formatDateTime(e.at, locale)}</td>
              <td>{actionWords(page, e.action)}</td>
              <td>{actorWords(page, e, people)}</td>
              <td>{e.clientAddress ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paging page={page} base={moreHref} next={next} />
    </>
  );
};
