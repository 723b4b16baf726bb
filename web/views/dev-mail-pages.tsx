import type { FC } from 'hono/jsx';
import type { CaughtMail } from '../../adapters/smtp/smtp-catcher.js';
import { formatDateTime } from '../i18n/format.js';
import { Layout, type PageContext } from './layout.js';

export const DevMailListPage: FC<{ page: PageContext; mails: readonly CaughtMail[] }> = ({ page, mails }) => (
  <Layout page={page} title="Mail catcher">
    <h1>Mail catcher</h1>
    <p class="lead">Every mail the portal sent over SMTP since it started (development only).</p>
    <table>
      <thead>
        <tr>
          <th>#</th>
          <th>Received</th>
          <th>To</th>
          <th>Subject</th>
        </tr>
      </thead>
      <tbody>
        {mails.map((m) => (
          <tr>
            <td>{m.id}</td>
            <td>{formatDateTime(m.receivedAt, page.locale)}</td>
            <td>{m.to.join(', ')}</td>
            <td>
              <a href={`/dev/mail/${m.id}`}>{m.subject}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);

const LINK = /(https?:\/\/[^\s<>"]+)/gu;

export const DevMailPage: FC<{ page: PageContext; mail: CaughtMail }> = ({ page, mail }) => (
  <Layout page={page} title={mail.subject}>
    <p>
      <a href="/dev/mail">All mail</a>
    </p>
    <article class="card mail">
      <h1>{mail.subject}</h1>
      <dl>
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>{mail.to.join(', ')}</dd>
        <dt>Message-ID</dt>
        <dd>{mail.messageId ?? ''}</dd>
      </dl>
      <pre class="mail-body">
        {mail.text.split(LINK).map((part, i) =>
          i % 2 === 1 ? (
            <a href={part} hx-boost="false">
              {part}
            </a>
          ) : (
            part
          ),
        )}
      </pre>
    </article>
  </Layout>
);
