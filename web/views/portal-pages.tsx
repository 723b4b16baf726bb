import type { FC } from 'hono/jsx';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

export const EmailListPage: FC<{ page: PageContext; accountId: string; mails: readonly OutgoingMail[]; next: string | null }> = ({ page, accountId, mails, next }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('emails.title')}>
      <h1>{t('emails.title')}</h1>
      <p class="lead">{t('emails.lead')}</p>
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
                  <a href={`/accounts/${accountId}/emails/${m.id}`}>{m.subject}</a>
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
          <a href={`/accounts/${accountId}/emails?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};

export const EmailPage: FC<{ page: PageContext; accountId: string; mail: OutgoingMail }> = ({ page, accountId, mail }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={mail.subject}>
      <p>
        <a href={`/accounts/${accountId}/emails`}>{t('emails.back')}</a>
      </p>
      <article class="card mail">
        <h1>{mail.subject}</h1>
        <dl>
          <dt>{t('emails.to')}</dt>
          <dd>{mail.to}</dd>
          <dt>{t('emails.date')}</dt>
          <dd>{formatDateTime(mail.sentAt ?? mail.createdAt, locale)}</dd>
        </dl>
        <pre class="mail-body">{mail.text}</pre>
      </article>
    </Layout>
  );
};
