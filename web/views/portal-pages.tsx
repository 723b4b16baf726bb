import type { FC } from 'hono/jsx';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

/** A list of mails: an account's shared history (base `/accounts/:id/emails`) or a person's own (`/security/emails`). */
export const EmailListPage: FC<{ page: PageContext; base: string; personal?: boolean; mails: readonly OutgoingMail[]; next: string | null }> = ({ page, base, personal, mails, next }) => {
  const { t, locale } = page;
  const title = personal ? t('emails.personalTitle') : t('emails.title');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="lead">{personal ? t('emails.personalLead') : t('emails.lead')}</p>
      {mails.length === 0 ? (
        <Notice kind="info">{t('emails.none')}</Notice>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('emails.date')}</th>
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
      {next ? (
        <p>
          <a href={`${base}?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
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
