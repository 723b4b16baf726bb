import { ListSearch, Paging, SortHeader, withQuery } from './lists.js';
import type { FC } from 'hono/jsx';
import type { MailSummary, OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

/** A list of mails: an account's shared history (base `/accounts/:id/emails`) or a person's own (`/security/emails`). */
export const EmailListPage: FC<{ page: PageContext; base: string; personal?: boolean; mails: readonly MailSummary[]; next: string | null; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined } }> = ({ page, base, personal, mails, next, list }) => {
  const { t, locale } = page;
  const title = personal ? t('emails.personalTitle') : t('emails.title');
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const here = withQuery(base, { order: order === 'oldest' ? 'oldest' : null, q });
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{personal ? t('emails.personalLead') : t('emails.lead')}</p>
      {personal ? null : <ListSearch page={page} action={base} q={q} label={t('emails.search')} />}
      {mails.length === 0 ? (
        <Notice kind="info">{q ? t('list.noMatch', { q }) : t('emails.none')}</Notice>
      ) : (
        <table>
          <thead>
            <tr>
              {personal ? <th scope="col">{t('emails.date')}</th> : <SortHeader page={page} base={here} label={t('emails.date')} order={order} />}
              <th>{t('emails.subject')}</th>
              <th>{t('emails.to')}</th>
              <th>{t('emails.status')}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr>
                <td>{formatDateTime(m.sentAt ?? m.createdAt, locale)}</td>
                <td>
                  <a href={`${base}/${m.id}`}>{m.subject}</a>
                </td>
                <td>{m.to}</td>
                <td>{t(`mail.status.${m.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Paging page={page} base={here} next={next} after={list?.after} />
    </Layout>
  );
};

/** One mail as the history keeps it: a one-time secret it carried is never shown. */
export const EmailPage: FC<{ page: PageContext; base: string; mail: OutgoingMail }> = ({ page, base, mail }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={mail.subject}>
      <p>
        <a href={base}>{t('emails.back')}</a>
      </p>
      <article class="card mail">
        <h1>{mail.subject}</h1>
        <dl>
          <dt>{t('emails.to')}</dt>
          <dd>{mail.to}</dd>
          <dt>{t('emails.date')}</dt>
          <dd>{formatDateTime(mail.sentAt ?? mail.createdAt, locale)}</dd>
        </dl>
        <pre class="mail-body">{mail.shownText()}</pre>
      </article>
    </Layout>
  );
};
