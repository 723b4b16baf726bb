import type { FC } from 'hono/jsx';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import { formatDateTime } from '../i18n/format.js';
import { AccountLayout } from './account-pages.js';
import { Field, Notice, type PageContext } from './layout.js';

export const TokensPage: FC<{ page: PageContext; accountId: string; tokens: readonly ApiToken[]; created?: string | null; error?: string | undefined }> = ({ page, accountId, tokens, created, error }) => {
  const { t, locale } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      <p class="lead">{t('tokens.lead')}</p>
      {created ? (
        <Notice kind="success">
          {t('tokens.created')} <code class="secret">{created}</code>
        </Notice>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" action={`/accounts/${accountId}/tokens`} class="card">
        <Field name="name" label={t('tokens.name')} maxlength={80} />
        <fieldset>
          <legend>{t('tokens.rights')}</legend>
          {PERMISSIONS.map((p) => (
            <label class="check">
              <input type="checkbox" name="permissions" value={p} /> <code>{p}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('tokens.create')}</button>
      </form>
      {tokens.length === 0 ? <p class="lead">{t('tokens.none')}</p> : null}
      <table>
        <tbody>
          {tokens.map((k) => (
            <tr data-token={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.permissions.join(', ')}</code>
              </td>
              <td>{formatDateTime(k.createdAt, locale)}</td>
              <td>
                {t('tokens.lastUsed')}: {k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : t('tokens.never')} · {t('tokens.expires')}: {formatDateTime(k.expiresAt, locale)}
              </td>
              <td>
                {k.revokedAt ? (
                  <span class="badge">{t('tokens.revoked')}</span>
                ) : (
                  <form method="post" action={`/accounts/${accountId}/tokens/${k.id}/revoke`} class="inline">
                    <button type="submit" class="link">
                      {t('tokens.revoke')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AccountLayout>
  );
};
