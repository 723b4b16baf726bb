import type { FC } from 'hono/jsx';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

/** Mail that did not go out: retrying, or undeliverable after three days of retries; staff send it again. */
export const UndeliveredMailPage: FC<{ page: PageContext; mails: readonly OutgoingMail[]; next: string | null; notice?: string | undefined; error?: string | undefined }> = ({ page, mails, next, notice, error }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('staff.mail.title')}>
      <h1>{t('staff.mail.title')}</h1>
      <p class="lead">{t('staff.mail.lead')}</p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {mails.length === 0 ? (
        <Notice kind="info">{t('staff.mail.none')}</Notice>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('emails.date')}</th>
              <th>{t('emails.to')}</th>
              <th>{t('emails.subject')}</th>
              <th>{t('emails.status')}</th>
              <th>{t('staff.mail.attempts')}</th>
              <th>{t('staff.mail.lastError')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr data-mail={m.id} data-status={m.status}>
                <td>{formatDateTime(m.createdAt, locale)}</td>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>{t(`mail.status.${m.status}` as MessageKey)}</td>
                <td>{m.attempts}</td>
                <td>{m.lastError ?? ''}</td>
                <td>
                  {m.canBeSentAgain() ? (
                    <form method="post" novalidate action={`/staff/mail/${m.id}/resend`} class="inline">
                      <button type="submit">{t('staff.mail.resend')}</button>
                    </form>
                  ) : (
                    <span class="hint">{t('staff.mail.secretGone')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <a href={`/staff/mail?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};
