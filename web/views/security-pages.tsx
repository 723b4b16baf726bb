import type { FC } from 'hono/jsx';
import type { TwoFactorSetup } from '../../application/identity/two-factor.js';
import type { Contact } from '../../domain/contacts/contact.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Errors } from './auth-pages.js';
import { Field, Layout, Notice, type PageContext, ErrorSummary } from './layout.js';

export interface SecurityState {
  readonly enabled: boolean;
  readonly recoveryCodesLeft: number;
}

/** Shown once, right after they were made: only their hashes are kept. */
const RecoveryCodes: FC<{ page: PageContext; codes: readonly string[] }> = ({ page, codes }) => (
  <section class="card" data-recovery-codes>
    <h2>{page.t('security.codesTitle')}</h2>
    <p>{page.t('security.codesLead')}</p>
    <ol class="recovery-codes">
      {codes.map((c) => (
        <li>
          <code>{c}</code>
        </li>
      ))}
    </ol>
  </section>
);

export const SecurityPage: FC<{
  page: PageContext;
  state: SecurityState;
  setup?: (TwoFactorSetup & { qr: string }) | null;
  codes?: readonly string[] | null;
  errors?: Errors;
  notice?: string | undefined;
  error?: string | undefined;
}> = ({ page, state, setup, codes, errors, notice, error }) => {
  const { t } = page;
  const { enabled } = state;
  const e = errors ?? {};
  return (
    <Layout page={page} title={t('security.title')}>
      <h1>{t('security.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary page={page} errors={errors} error={error} />
      {codes?.length ? <RecoveryCodes page={page} codes={codes} /> : null}
      <div class="grid">
        <section class="card">
          <h2>{t('security.passwordTitle')}</h2>
          <p class="lead">{t('security.passwordLead')}</p>
          <form method="post" novalidate action="/security/password">
            <Field name="current" label={t('security.password')} type="password" autocomplete="current-password" maxlength={256} error={e.current} />
            <Field name="password" label={t('reset.newPassword')} type="password" autocomplete="new-password" maxlength={256} error={e.password} hint={t('reset.newLead')} />
            <Field name="confirm" label={t('reset.confirmPassword')} type="password" autocomplete="new-password" maxlength={256} error={e.confirm} />
            <button type="submit">{t('security.changePassword')}</button>
          </form>
        </section>
        <section class="card">
          <h2>{t('security.twoFactorTitle')}</h2>
          <p class="lead">{t('security.lead')}</p>
          <p data-two-factor={enabled ? 'on' : 'off'}>
            <strong>{enabled ? t('security.on') : t('security.off')}</strong>
          </p>
          {enabled ? (
            <>
              <p data-codes-left={state.recoveryCodesLeft}>{t('security.codesLeft', { n: state.recoveryCodesLeft })}</p>
              <form method="post" novalidate action="/security/recovery-codes">
                <Field name="renewPassword" label={t('security.password')} type="password" autocomplete="current-password" maxlength={256} error={e.renewPassword} />
                <button type="submit">{t('security.renewCodes')}</button>
              </form>
              <h3>{t('security.disable')}</h3>
              <form method="post" novalidate action="/security/two-factor/disable">
                <Field name="disablePassword" label={t('security.password')} type="password" autocomplete="current-password" maxlength={256} error={e.disablePassword} />
                <Field name="code" label={t('security.code')} autocomplete="one-time-code" inputmode="numeric" maxlength={6} error={e.code} />
                <button type="submit" class="danger">
                  {t('security.disable')}
                </button>
              </form>
            </>
          ) : setup ? (
            <form method="post" novalidate action="/security/two-factor/enable">
              <p>{t('security.scan')}</p>
              <div class="qr" role="img" aria-label={t('security.qr')} dangerouslySetInnerHTML={{ __html: setup.qr }} />
              <p>
                {t('security.key')}: <code class="secret" data-totp-secret>{setup.secret}</code>
              </p>
              <input type="hidden" name="sealed" value={setup.sealed} />
              <Field name="code" label={t('security.code')} autocomplete="one-time-code" inputmode="numeric" maxlength={6} error={e.code} />
              <button type="submit">{t('security.confirm')}</button>
            </form>
          ) : (
            <form method="post" novalidate action="/security/two-factor/setup">
              <button type="submit">{t('security.begin')}</button>
            </form>
          )}
        </section>
      </div>
      <section class="card">
        <h2>{t('emails.personalTitle')}</h2>
        <p>{t('emails.personalLead')}</p>
        <p>
          <a href="/security/emails">{t('emails.personalOpen')}</a>
        </p>
      </section>
    </Layout>
  );
};

export const InvitationPage: FC<{
  page: PageContext;
  token: string;
  contact: Contact;
  account: ClientAccount;
  hasSignIn: boolean;
  signedInAs: string | null;
  errors?: Errors;
  error?: string | undefined;
}> = ({ page, token, contact, account, hasSignIn, signedInAs, errors, error }) => {
  const { t } = page;
  const action = `/invitations/${token}`;
  return (
    <Layout page={page} title={t('invitation.title')}>
      <section class="card narrow">
        <h1>{t('invitation.title')}</h1>
        <p class="lead">{t('invitation.lead', { account: account.name, name: contact.name })}</p>
        <ErrorSummary page={page} errors={errors} error={error} />
        {signedInAs !== null ? (
          signedInAs === contact.email ? (
            <form method="post" novalidate action={`${action}/accept`}>
              <button type="submit">{t('invitation.accept')}</button>
            </form>
          ) : (
            <Notice kind="error">{t('invitation.otherUser', { email: contact.email })}</Notice>
          )
        ) : hasSignIn ? (
          <>
            <p>{t('invitation.signInFirst', { email: contact.email })}</p>
            <p>
              <a class="button" href={`/sign-in?next=${encodeURIComponent(action)}`}>
                {t('invitation.signIn')}
              </a>
            </p>
          </>
        ) : (
          <form method="post" novalidate action={action}>
            <p>{t('invitation.newcomer', { email: contact.email })}</p>
            <Field name="name" label={t('contacts.name')} value={contact.name} autocomplete="name" maxlength={120} error={errors?.name} />
            <Field name="password" label={t('reset.newPassword')} type="password" autocomplete="new-password" maxlength={256} error={errors?.password} />
            <button type="submit">{t('invitation.accept')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
};
