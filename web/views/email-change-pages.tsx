import type { FC } from 'hono/jsx';
import type { ClientAccount, ProfileField } from '../../domain/accounts/client-account.js';
import { DOCUMENT_MAX_BYTES } from '../../domain/email-change/document.js';
import type { EmailChangeRequest, EmailChangeStatus } from '../../domain/email-change/email-change-request.js';
import type { StaffEmailChangeView } from '../../application/email-change/email-change.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { AccountLayout } from './account-pages.js';
import type { Errors } from './auth-pages.js';
import { Confirm, ErrorSummary, Field, Layout, Notice, type PageContext } from './layout.js';
import { HelpLink } from './help-link.js';

const MAX_MB = DOCUMENT_MAX_BYTES / 1024 / 1024;
const statusBadge = (page: PageContext, s: EmailChangeStatus) => <span class={`badge email-change-${s}`}>{page.t(`emailChange.status.${s}` as MessageKey)}</span>;

const DocumentField: FC<{ page: PageContext; error?: string | undefined }> = ({ page, error }) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for="f-document">{page.t('emailChange.document', { mb: MAX_MB })}</label>
    <input id="f-document" name="document" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required aria-invalid={error ? 'true' : undefined} />
    {error ? <p class="field-error">{error}</p> : null}
  </div>
);

export interface ProfileValues {
  readonly name: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly phone: string;
}

export const ProfilePage: FC<{ page: PageContext; account: ClientAccount; mayEdit: boolean; mayChangeEmail: boolean; values?: ProfileValues; errors?: Errors; notice?: string | undefined }> = ({
  page,
  account,
  mayEdit,
  mayChangeEmail,
  values,
  errors,
  notice,
}) => {
  const { t } = page;
  const v = values ?? account;
  const locked = (f: ProfileField) => account.lockedFields.includes(f);
  const e = errors ?? {};
  return (
    <AccountLayout page={page} accountId={account.id} title={t('profile.title')}>
      <h1>{t('profile.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary page={page} errors={errors} />
      <dl class="facts">
        <dt>{t('dashboard.oib')}</dt>
        <dd data-oib>{account.oib}</dd>
        <dt>{t('contacts.email')}</dt>
        <dd>
          {account.email} {mayChangeEmail ? <a href={`/accounts/${account.id}/email-change`}>{t('profile.changeEmail')}</a> : null}
        </dd>
      </dl>
      <p class="hint">{t('profile.oibNote')}</p>
      <HelpLink page={page} topic="profile" />
      {mayEdit ? (
        <form method="post" novalidate action={`/accounts/${account.id}/profile`} class="card">
          {(['name', 'street', 'postalCode', 'city', 'phone'] as const).map((name) => {
            const field: ProfileField = name === 'name' ? 'name' : name === 'phone' ? 'phone' : 'address';
            return locked(field) ? (
              <p>
                <strong>{t(`profile.${name}` as MessageKey)}:</strong> {v[name]} <span class="badge">{t('profile.locked')}</span>
                <input type="hidden" name={name} value={v[name]} />
              </p>
            ) : (
              <Field name={name} label={t(`profile.${name}` as MessageKey)} value={v[name]} error={e[name]} maxlength={200} />
            );
          })}
          <button type="submit">{t('contacts.save')}</button>
        </form>
      ) : (
        <p>
          {account.name} · {`${account.street}, ${account.postalCode} ${account.city}`} · {account.phone}
        </p>
      )}
    </AccountLayout>
  );
};

export const OwnerEmailChangePage: FC<{ page: PageContext; account: ClientAccount; current: EmailChangeRequest | null; newEmail?: string; errors?: Errors; error?: string | undefined; notice?: string | undefined }> = ({
  page,
  account,
  current,
  newEmail,
  errors,
  error,
  notice,
}) => {
  const { t, locale } = page;
  const e = errors ?? {};
  return (
    <AccountLayout page={page} accountId={account.id} title={t('emailChange.title')}>
      <h1>{t('emailChange.title')}</h1>
      <p class="lead">{t('emailChange.lead')}</p>
      <HelpLink page={page} topic="emailChange" />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary page={page} errors={errors} error={error} />
      {current ? (
        <section class="card" data-email-change={current.id}>
          <p>
            {t('emailChange.current', { email: current.newEmail })} {statusBadge(page, current.statusAt(new Date()))}
          </p>
          <p class="hint">
            {t('emailChange.requestedAt')} {formatDateTime(current.createdAt, locale)}
          </p>
        </section>
      ) : (
        <form method="post" novalidate action={`/accounts/${account.id}/email-change`} enctype="multipart/form-data" class="card" hx-boost="false">
          <p>
            {t('contacts.email')}: <strong>{account.email}</strong>
          </p>
          <Field name="newEmail" label={t('emailChange.newEmail')} type="email" value={newEmail} error={e.newEmail} maxlength={254} autocomplete="email" />
          <DocumentField page={page} error={e.document} />
          <Field name="password" label={t('security.password')} type="password" autocomplete="current-password" error={e.password} maxlength={256} />
          <button type="submit">{t('emailChange.submit')}</button>
        </form>
      )}
    </AccountLayout>
  );
};

export const PublicEmailChangePage: FC<{ page: PageContext; sent?: boolean; values?: { oib: string; newEmail: string }; errors?: Errors; error?: string | undefined }> = ({ page, sent, values, errors, error }) => {
  const { t } = page;
  const e = errors ?? {};
  return (
    <Layout page={page} title={t('emailChange.title')}>
      <section class="card narrow">
        <h1>{t('emailChange.title')}</h1>
        {sent ? (
          <Notice kind="success">{t('emailChange.publicSent')}</Notice>
        ) : (
          <>
            <p class="lead">{t('emailChange.publicLead')}</p>
            <HelpLink page={page} topic="emailChange" />
            <ErrorSummary page={page} errors={errors} error={error} />
            <form method="post" novalidate action="/email-change" enctype="multipart/form-data" hx-boost="false">
              <Field name="oib" label="OIB" value={values?.oib} error={e.oib} inputmode="numeric" maxlength={11} />
              <Field name="newEmail" label={t('emailChange.newEmail')} type="email" value={values?.newEmail} error={e.newEmail} maxlength={254} />
              <DocumentField page={page} error={e.document} />
              <button type="submit">{t('emailChange.submit')}</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
};

export const EmailChangeLinkPage: FC<{ page: PageContext; kind: 'confirm' | 'cancel'; token: string; accountName: string; newEmail: string; done?: boolean }> = ({ page, kind, token, accountName, newEmail, done }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t(`emailChange.${kind}.title`)}>
      <section class="card narrow">
        <h1>{t(`emailChange.${kind}.title`)}</h1>
        {done ? (
          <Notice kind="success">{t(`emailChange.${kind}.done`)}</Notice>
        ) : (
          <form method="post" novalidate action={`/email-change/${kind}/${token}`}>
            <p>{t(`emailChange.${kind}.lead`, { account: accountName, email: newEmail })}</p>
            <button type="submit" class={kind === 'cancel' ? 'danger' : undefined}>
              {t(`emailChange.${kind}.button`)}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
};

export const StaffEmailChangesPage: FC<{ page: PageContext; items: readonly StaffEmailChangeView[]; next: string | null }> = ({ page, items, next }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('staff.emailChanges.title')}>
      <h1>{t('staff.emailChanges.title')}</h1>
      {items.length === 0 ? <p class="lead">{t('staff.emailChanges.none')}</p> : null}
      <table>
        <tbody>
          {items.map(({ request, account, status }) => (
            <tr data-request={request.id}>
              <td>
                <a href={`/staff/email-changes/${request.id}`}>{account.name}</a>
              </td>
              <td>{`${request.oldEmail} → ${request.newEmail}`}</td>
              <td>{statusBadge(page, status)}</td>
              <td>{formatDateTime(request.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? <a href={`/staff/email-changes?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a> : null}
    </Layout>
  );
};

export const StaffEmailChangePage: FC<{ page: PageContext; view: StaffEmailChangeView; error?: string | undefined; notice?: string | undefined; confirmApprove?: boolean }> = ({ page, view, error, notice, confirmApprove }) => {
  const { t, locale } = page;
  const { request, account, status } = view;
  return (
    <Layout page={page} title={t('staff.emailChanges.title')}>
      <h1>{`${account.name} · ${request.newEmail}`}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <dl class="facts">
        <dt>{t('contacts.status')}</dt>
        <dd>{statusBadge(page, status)}</dd>
        <dt>{t('dashboard.oib')}</dt>
        <dd>{account.oib}</dd>
        <dt>{t('staff.emailChanges.entity')}</dt>
        <dd>{t(account.isLegalEntity() ? 'staff.emailChanges.legal' : 'staff.emailChanges.person')}</dd>
        <dt>{t('staff.emailChanges.from')}</dt>
        <dd>{request.oldEmail}</dd>
        <dt>{t('staff.emailChanges.to')}</dt>
        <dd>{request.newEmail}</dd>
        <dt>{t('staff.emailChanges.channel')}</dt>
        <dd>{t(`staff.emailChanges.channel.${request.channel}`)}</dd>
        <dt>{t('emailChange.requestedAt')}</dt>
        <dd>{formatDateTime(request.createdAt, locale)}</dd>
        <dt>{t('staff.emailChanges.confirmedAt')}</dt>
        <dd>{request.confirmedAt ? formatDateTime(request.confirmedAt, locale) : '—'}</dd>
        <dt>{t('staff.emailChanges.document')}</dt>
        <dd>
          {request.documentDeletedAt ? (
            t('staff.emailChanges.documentDeleted')
          ) : (
            <a href={`/staff/email-changes/${request.id}/document`} hx-boost="false">
              {t('staff.emailChanges.open')}
            </a>
          )}{' '}
          <code>{`${request.documentType}, ${request.documentBytes} B, SHA-256 ${request.documentSha256.slice(0, 16)}…`}</code>
        </dd>
        {request.reason ? (
          <>
            <dt>{t('staff.emailChanges.reason')}</dt>
            <dd>{request.reason}</dd>
          </>
        ) : null}
      </dl>
      {status === 'awaiting_review' || status === 'awaiting_confirmation' ? (
        <div class="actions">
          {status === 'awaiting_review' && confirmApprove ? (
            <Confirm
              page={page}
              question={t('staff.emailChanges.approveQuestion', { account: account.name, from: request.oldEmail, to: request.newEmail })}
              action={`/staff/email-changes/${request.id}/approve`}
              yes={t('staff.emailChanges.approveYes')}
              back={`/staff/email-changes/${request.id}`}
            >
              <p>{t('staff.emailChanges.approveWhat')}</p>
            </Confirm>
          ) : status === 'awaiting_review' ? (
            <a href={`/staff/email-changes/${request.id}?confirm=approve#confirm-question`} class="button">
              {t('staff.emailChanges.approve')}
            </a>
          ) : (
            <p class="hint">{t('staff.emailChanges.waitConfirm')}</p>
          )}
          <form method="post" novalidate action={`/staff/email-changes/${request.id}/reject`} class="card">
            <Field name="reason" label={t('staff.emailChanges.reason')} maxlength={500} />
            <button type="submit" class="danger">
              {t('staff.emailChanges.reject')}
            </button>
          </form>
        </div>
      ) : null}
    </Layout>
  );
};

export const StaffProfileLocksPage: FC<{ page: PageContext; account: ClientAccount; notice?: string | undefined }> = ({ page, account, notice }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('profile.title')}>
      <h1>{account.name}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>
        OIB {account.oib} · {account.email} · {`${account.street}, ${account.postalCode} ${account.city}`} · {account.phone}
      </p>
      <form method="post" novalidate action={`/staff/accounts/${account.id}/locks`} class="card">
        <fieldset>
          <legend>{t('staff.locks.title')}</legend>
          {(['name', 'address', 'phone'] as const).map((f) => (
            <label class="check">
              <input type="checkbox" name="fields" value={f} checked={account.lockedFields.includes(f)} /> {t(`staff.locks.${f}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('contacts.save')}</button>
      </form>
    </Layout>
  );
};
