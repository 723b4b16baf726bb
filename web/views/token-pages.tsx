import type { FC } from 'hono/jsx';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import { formatDateTime } from '../i18n/format.js';
import { AccountLayout } from './account-pages.js';
import { Confirm, ErrorSummary, Field, Notice, type PageContext } from './layout.js';
import type { MessageKey } from '../i18n/messages.js';

export const TokensPage: FC<{ page: PageContext; accountId: string; tokens: readonly ApiToken[]; created?: string | null; errors?: Partial<Record<string, string>>; revoke?: string | undefined }> = ({ page, accountId, tokens, created, errors, revoke }) => {
  const { t, locale } = page;
  const toRevoke = revoke ? tokens.find((k) => k.id === revoke && !k.revokedAt) : undefined;
  return (
    <AccountLayout page={page} accountId={accountId} title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      <p class="lead">{t('tokens.lead')}</p>
      {created ? (
        <Notice kind="success">
          {t('tokens.created')} <code class="secret">{created}</code>
        </Notice>
      ) : null}
      {toRevoke ? (
        <Confirm page={page} question={t('tokens.revokeQuestion', { name: toRevoke.name })} action={`/accounts/${accountId}/tokens/${toRevoke.id}/revoke`} yes={t('tokens.revokeYes')} back={`/accounts/${accountId}/tokens`}>
          <p>{t('tokens.revokeWhat')}</p>
        </Confirm>
      ) : null}
      <ErrorSummary page={page} errors={errors} />
      <form method="post" novalidate action={`/accounts/${accountId}/tokens`} class="card">
        <Field name="name" label={t('tokens.name')} maxlength={80} error={errors?.['name']} />
        <fieldset id="f-permissions" tabindex={-1} class={errors?.['permissions'] ? 'invalid' : undefined}>
          <legend>{t('tokens.rights')}</legend>
          {PERMISSIONS.map((p) => (
            <label class="check">
              <input type="checkbox" name="permissions" value={p} /> {t(`permission.${p}` as MessageKey)}
            </label>
          ))}
          {errors?.['permissions'] ? <p class="field-error">{errors['permissions']}</p> : null}
        </fieldset>
        <button type="submit">{t('tokens.create')}</button>
      </form>
      {tokens.length === 0 ? <p class="lead">{t('tokens.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t('tokens.nameColumn')}</th>
            <th>{t('tokens.rights')}</th>
            <th>{t('tokens.createdAt')}</th>
            <th>{t('tokens.lastUsed')}</th>
            <th>{t('tokens.expires')}</th>
            <th>{t('tokens.state')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((k) => (
            <tr data-token={k.id}>
              <td>{k.name}</td>
              <td>{k.permissions.map((p) => t(`permission.${p}` as MessageKey)).join(', ')}</td>
              <td>{formatDateTime(k.createdAt, locale)}</td>
              <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : t('tokens.never')}</td>
              <td>{formatDateTime(k.expiresAt, locale)}</td>
              <td>
                {k.revokedAt ? (
                  <span class="badge">{t('tokens.revoked')}</span>
                ) : (
                  <a href={`/accounts/${accountId}/tokens?revoke=${k.id}#confirm-question`} aria-label={t('tokens.revokeNamed', { name: k.name })}>
                    {t('tokens.revoke')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AccountLayout>
  );
};
