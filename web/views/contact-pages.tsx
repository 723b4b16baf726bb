import { ListSearch, Paging, SortHeader, withQuery } from './lists.js';
import type { FC } from 'hono/jsx';
import type { ContactChoices } from '../../application/contacts/manage-contacts.js';
import { PERMISSIONS, type Permission } from '../../domain/authorization/permission.js';
import { SUBSCRIPTIONS, type Contact } from '../../domain/contacts/contact.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { AccountLayout } from './account-pages.js';
import type { Errors } from './auth-pages.js';
import { Confirm, ErrorSummary, Field, Notice, type PageContext } from './layout.js';
import { HelpLink } from './help-link.js';

/** What the contact form shows again after a refusal, or the contact as it is. */
export interface ContactFormValues {
  readonly name: string;
  readonly email: string;
  readonly login: boolean;
  readonly permissions: readonly string[];
  readonly scope: 'account' | 'chosen';
  readonly serviceIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly subscriptions: readonly string[];
}

export const EMPTY_CONTACT: ContactFormValues = { name: '', email: '', login: true, permissions: [], scope: 'account', serviceIds: [], domainIds: [], subscriptions: ['general'] };

export function valuesOf(contact: Contact): ContactFormValues {
  const scope = contact.scope();
  return {
    name: contact.name,
    email: contact.email,
    login: contact.login,
    permissions: contact.permissions,
    scope: scope ? 'chosen' : 'account',
    serviceIds: scope?.serviceIds ?? [],
    domainIds: scope?.domainIds ?? [],
    subscriptions: contact.subscriptions,
  };
}

const permissionLabel = (page: PageContext, p: Permission) => page.t(`permission.${p}` as MessageKey);

const StatusBadge: FC<{ page: PageContext; contact: Contact; now: Date }> = ({ page, contact, now }) => {
  const s = contact.status(now);
  return <span class={`badge contact-${s}`}>{page.t(`contacts.status.${s}` as MessageKey)}</span>;
};

export const ContactsPage: FC<{ page: PageContext; accountId: string; contacts: readonly Contact[]; next: string | null; now: Date; notice?: string | undefined; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined } }> = ({ page, accountId, contacts, next, now, notice, list }) => {
  const { t } = page;
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery(`/accounts/${accountId}/contacts`, { order: order === 'oldest' ? 'oldest' : null, q });
  return (
    <AccountLayout page={page} accountId={accountId} title={t('contacts.title')}>
      <h1>{t('contacts.title')}</h1>
      <p class="lead">{t('contacts.lead')}</p>
      <HelpLink page={page} topic="contacts" />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {page.areas?.manageContacts ? (
        <p>
          <a class="button" href={`/accounts/${accountId}/contacts/new`}>
            {t('contacts.add')}
          </a>
        </p>
      ) : null}
      <ListSearch page={page} action={`/accounts/${accountId}/contacts`} q={q} label={t('contacts.search')} />
      {contacts.length === 0 ? (
        <p class="lead">{q ? t('list.noMatch', { q }) : t('contacts.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <SortHeader page={page} base={base} label={t('contacts.name')} order={order} />
              <th>{t('contacts.email')}</th>
              <th>{t('contacts.status')}</th>
              <th>{t('contacts.rights')}</th>
              <th>{t('contacts.scope')}</th>
              <th>{t('contacts.subscriptions')}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => {
              const scope = c.scope();
              return (
                <tr data-contact={c.id}>
                  <td>
                    <a href={`/accounts/${accountId}/contacts/${c.id}`}>{c.name}</a>
                  </td>
                  <td>{c.email}</td>
                  <td>
                    <StatusBadge page={page} contact={c} now={now} />
                  </td>
                  <td>{c.permissions.map((p) => permissionLabel(page, p)).join(', ') || '—'}</td>
                  <td>{scope ? t('contacts.scope.count', { services: scope.serviceIds.length, domains: scope.domainIds.length }) : t('contacts.scope.account')}</td>
                  <td>{c.subscriptions.map((s) => t(`subscription.${s}` as MessageKey)).join(', ') || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Paging page={page} base={base} next={next} after={list?.after} />
    </AccountLayout>
  );
};

const ContactFields: FC<{ page: PageContext; choices: ContactChoices; values: ContactFormValues; errors: Errors; isNew: boolean }> = ({ page, choices, values, errors, isNew }) => {
  const { t } = page;
  const checked = (list: readonly string[], v: string) => list.includes(v);
  return (
    <>
      <Field name="name" label={t('contacts.name')} value={values.name} error={errors.name} maxlength={120} autocomplete="off" />
      {isNew ? (
        <>
          <Field name="email" label={t('contacts.email')} type="email" value={values.email} error={errors.email} maxlength={254} autocomplete="off" />
          {choices.mayInvite ? (
            <>
              <label class="check">
                <input type="checkbox" name="login" value="on" checked={values.login} /> {t('contacts.login')}
              </label>
              <p class="hint">{t('contacts.loginHint')}</p>
            </>
          ) : (
            <p class="hint">{t('contacts.mailOnlyHint')}</p>
          )}
        </>
      ) : null}
      <fieldset class={errors.permissions ? 'invalid' : undefined} id="f-permissions" tabindex={-1}>
        <legend>{t('contacts.rights')}</legend>
        <p class="hint">{t('contacts.rightsHint')}</p>
        {PERMISSIONS.filter((p) => choices.grantable.includes(p)).map((p) => (
          <label class="check">
            <input type="checkbox" name="permissions" value={p} checked={checked(values.permissions, p)} /> {permissionLabel(page, p)}
          </label>
        ))}
        {errors.permissions ? <p class="field-error">{errors.permissions}</p> : null}
      </fieldset>
      <fieldset class={errors.scope ? 'invalid' : undefined} id="f-scope" tabindex={-1}>
        <legend>{t('contacts.scope')}</legend>
        <label class="check">
          <input type="radio" name="scope" value="account" checked={values.scope === 'account'} /> {t('contacts.scope.account')}
        </label>
        <label class="check">
          <input type="radio" name="scope" value="chosen" checked={values.scope === 'chosen'} /> {t('contacts.scope.chosen')}
        </label>
        {choices.services.length + choices.domains.length === 0 ? <p class="hint">{t('contacts.noServices')}</p> : null}
        <div class="choices">
          {choices.services.map((s) => (
            <label class="check">
              <input type="checkbox" name="serviceIds" value={s.id} checked={checked(values.serviceIds, s.id)} /> {`${s.name} — ${s.domainName}`}
            </label>
          ))}
          {choices.domains.map((d) => (
            <label class="check">
              <input type="checkbox" name="domainIds" value={d.id} checked={checked(values.domainIds, d.id)} /> {d.name}
            </label>
          ))}
        </div>
        {errors.scope ? <p class="field-error">{errors.scope}</p> : null}
      </fieldset>
      <fieldset class={errors.subscriptions ? 'invalid' : undefined} id="f-subscriptions" tabindex={-1}>
        <legend>{t('contacts.subscriptions')}</legend>
        {SUBSCRIPTIONS.map((s) => (
          <label class="check">
            <input type="checkbox" name="subscriptions" value={s} checked={checked(values.subscriptions, s)} /> {t(`subscription.${s}` as MessageKey)}
          </label>
        ))}
        {errors.subscriptions ? <p class="field-error">{errors.subscriptions}</p> : null}
      </fieldset>
    </>
  );
};

export const NewContactPage: FC<{ page: PageContext; accountId: string; choices: ContactChoices; values?: ContactFormValues; errors?: Errors; error?: string | undefined }> = ({ page, accountId, choices, values, errors, error }) => {
  const { t } = page;
  return (
    <AccountLayout page={page} accountId={accountId} title={t('contacts.add')}>
      <h1>{t('contacts.add')}</h1>
      <ErrorSummary page={page} errors={errors} error={error} />
      <form method="post" novalidate action={`/accounts/${accountId}/contacts`} class="card">
        <ContactFields page={page} choices={choices} values={values ?? EMPTY_CONTACT} errors={errors ?? {}} isNew={true} />
        <button type="submit">{t('contacts.create')}</button>
      </form>
    </AccountLayout>
  );
};

export const ContactPage: FC<{
  page: PageContext;
  accountId: string;
  contact: Contact;
  now: Date;
  choices: ContactChoices | null;
  values?: ContactFormValues;
  errors?: Errors;
  error?: string | undefined;
  notice?: string | undefined;
  confirmRemove?: boolean;
}> = ({ page, accountId, contact, now, choices, values, errors, error, notice, confirmRemove }) => {
  const { t, locale } = page;
  const base = `/accounts/${accountId}/contacts/${contact.id}`;
  const status = contact.status(now);
  return (
    <AccountLayout page={page} accountId={accountId} title={contact.name}>
      <h1>{contact.name}</h1>
      <p class="lead">
        {contact.email} · <StatusBadge page={page} contact={contact} now={now} />
        {status === 'invited' && contact.invitationExpiresAt ? ` · ${t('contacts.expires')} ${formatDateTime(contact.invitationExpiresAt, locale)}` : null}
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary page={page} errors={errors} error={error} />
      {confirmRemove && choices ? (
        <Confirm page={page} question={t('contacts.removeQuestion', { name: contact.name, email: contact.email })} action={`${base}/remove`} yes={t('contacts.removeYes')} back={base}>
          <p>{t('contacts.removeWhat')}</p>
        </Confirm>
      ) : null}
      {choices ? (
        <>
          <form method="post" novalidate action={base} class="card">
            <ContactFields page={page} choices={choices} values={values ?? valuesOf(contact)} errors={errors ?? {}} isNew={false} />
            <button type="submit">{t('contacts.save')}</button>
          </form>
          <div class="actions">
            {status !== 'active' && choices.mayInvite ? (
              <form method="post" novalidate action={`${base}/invite`} class="inline">
                <button type="submit">{status === 'mail_only' ? t('contacts.invite') : t('contacts.reinvite')}</button>
              </form>
            ) : null}
            {confirmRemove ? null : (
              <a href={`${base}?confirm=remove#confirm-question`} class="button danger">
                {t('contacts.remove')}
              </a>
            )}
          </div>
        </>
      ) : (
        <>
          <Notice kind="info">{t('contacts.readOnly')}</Notice>
          <p>
            {t('contacts.rights')}: {contact.permissions.map((p) => permissionLabel(page, p)).join(', ') || '—'}
          </p>
        </>
      )}
    </AccountLayout>
  );
};
