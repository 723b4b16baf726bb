import type { FC } from 'hono/jsx';
import { Field, Layout, Notice, type PageContext, ErrorSummary } from './layout.js';
import { HelpLink } from './help-link.js';

export type Errors = Partial<Record<string, string>>;

export const SignInPage: FC<{ page: PageContext; email?: string; error?: string | undefined; notice?: string | undefined; next?: string | undefined }> = ({ page, email, error, notice, next }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('signIn.title')}>
      <section class="card narrow">
        <h1>{t('signIn.title')}</h1>
        <p class="lead">{t('signIn.lead')}</p>
        {notice ? <Notice kind="info">{notice}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" novalidate action="/sign-in">
          <Field name="email" label={t('signIn.email')} type="email" value={email} autocomplete="username" maxlength={254} />
          <Field name="password" label={t('signIn.password')} type="password" autocomplete="current-password" maxlength={256} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <button type="submit">{t('signIn.submit')}</button>
        </form>
        <p>
          <a href="/password-reset">{t('signIn.forgot')}</a>
        </p>
      </section>
    </Layout>
  );
};

/** The second step, only for people with two-factor sign-in on: the app's code or a recovery code. */
export const SecondStepPage: FC<{ page: PageContext; challenge: string; next?: string | undefined; error?: string | undefined }> = ({ page, challenge, next, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('signIn.secondTitle')}>
      <section class="card narrow">
        <h1>{t('signIn.secondTitle')}</h1>
        <p class="lead">{t('signIn.secondLead')}</p>
        <ErrorSummary page={page} errors={error ? { code: error } : {}} />
        <form method="post" novalidate action="/sign-in/code">
          <input type="hidden" name="challenge" value={challenge} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Field name="code" label={t('signIn.secondCode')} autocomplete="one-time-code" maxlength={24} error={error} />
          <button type="submit">{t('signIn.secondSubmit')}</button>
        </form>
        <p>
          <a href="/sign-in">{t('signIn.again')}</a>
        </p>
      </section>
    </Layout>
  );
};

export const ResetRequestPage: FC<{ page: PageContext; email?: string; errors?: Errors; sent?: boolean; error?: string | undefined }> = ({ page, email, errors, sent, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('reset.title')}>
      <section class="card narrow">
        <h1>{t('reset.title')}</h1>
        {sent ? (
          <Notice kind="success">{t('reset.sent')}</Notice>
        ) : (
          <>
            <p class="lead">{t('reset.lead')}</p>
            <HelpLink page={page} topic="forgottenPassword" />
            <ErrorSummary page={page} errors={errors} error={error} />
            <form method="post" novalidate action="/password-reset">
              <Field name="email" label={t('signIn.email')} type="email" value={email} autocomplete="username" error={errors?.email} maxlength={254} />
              <button type="submit">{t('reset.submit')}</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
};

export const ResetConfirmPage: FC<{ page: PageContext; token: string; usable: boolean; errors?: Errors; error?: string | undefined }> = ({ page, token, usable, errors, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('reset.newTitle')}>
      <section class="card narrow">
        <h1>{t('reset.newTitle')}</h1>
        {!usable ? (
          <>
            <Notice kind="error">{t('reset.invalid')}</Notice>
            <p>
              <a href="/password-reset">{t('reset.again')}</a>
            </p>
          </>
        ) : (
          <>
            <p class="lead">{t('reset.newLead')}</p>
            <ErrorSummary page={page} errors={errors} error={error} />
            <form method="post" novalidate action={`/password-reset/${token}`}>
              <Field name="password" label={t('reset.newPassword')} type="password" autocomplete="new-password" error={errors?.password} maxlength={256} />
              <Field name="confirm" label={t('reset.confirmPassword')} type="password" autocomplete="new-password" error={errors?.confirm} maxlength={256} />
              <button type="submit">{t('reset.save')}</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
};
