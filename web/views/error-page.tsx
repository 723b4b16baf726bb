import type { FC } from 'hono/jsx';
import { Layout, type PageContext } from './layout.js';

/**
 * A refusal or a missing page says what happened and what to do next: a contact is sent to the account's owner
 * (who decides its rights), staff to an administrator, a stranger to sign in.
 */
export const ErrorPage: FC<{ page: PageContext; message: string; status?: number }> = ({ page, message, status }) => {
  const { t } = page;
  const signedIn = Boolean(page.userName || page.staffName);
  const title = status === 404 ? t('error.notFoundTitle') : status === 403 ? t('error.forbiddenTitle') : t('error.title');
  const explain = status === 404 ? t('error.notFoundWhat') : status === 403 ? t('error.forbiddenWhat') : null;
  const todo = status === 404 ? t('error.notFoundDo') : status === 403 ? (page.staffName && !page.userName ? t('error.forbiddenStaffDo') : t('error.forbiddenDo')) : null;
  const home = page.userName ? '/dashboard' : page.staffName ? '/staff' : '/';
  return (
    <Layout page={page} title={title}>
      <section class="card narrow" data-status={status}>
        <h1>{title}</h1>
        <p>
          <strong>{message}</strong>
        </p>
        {explain ? <p>{explain}</p> : null}
        {todo ? <p>{todo}</p> : null}
        <p class="actions">
          <a href={home}>{page.userName ? t('error.dashboard') : t('error.back')}</a>
          {!signedIn && status === 403 ? <a href={`/sign-in?next=${encodeURIComponent(page.path)}`}>{t('error.signIn')}</a> : null}
          <a href="/help">{t('nav.help')}</a>
        </p>
      </section>
    </Layout>
  );
};
