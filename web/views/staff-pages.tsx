import type { ActorNames } from '../../application/audit/actor-names.js';
import type { MessageKey } from '../i18n/messages.js';
import type { FC } from 'hono/jsx';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { StaffCounts } from '../../application/backoffice/client-directory.js';
import { COUNT_CAP } from '../../application/ports/back-office-reads.js';
import { AuditTable } from './audit-table.js';
import { Field, Layout, Notice, type PageContext } from './layout.js';

export const StaffSignInPage: FC<{ page: PageContext; email?: string; error?: string | undefined }> = ({ page, email, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('staff.signIn.title')}>
      <section class="card narrow">
        <h1>{t('staff.signIn.title')}</h1>
        <p class="lead">{t('staff.signIn.lead')}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" novalidate action="/staff/sign-in">
          <Field name="email" label={t('signIn.email')} type="email" value={email} autocomplete="username" maxlength={254} />
          <Field name="password" label={t('signIn.password')} type="password" autocomplete="current-password" maxlength={256} />
          <Field name="code" label={t('staff.signIn.code')} inputmode="numeric" autocomplete="one-time-code" maxlength={6} />
          <button type="submit">{t('signIn.submit')}</button>
        </form>
      </section>
    </Layout>
  );
};

/** A count past the cap reads "1000+": the queues count no further (see COUNT_CAP). */
export const shown = (n: number) => (n > COUNT_CAP ? `${COUNT_CAP}+` : n);

export const StaffHomePage: FC<{ page: PageContext; staff: StaffMember; canAudit: boolean; counts: StaffCounts; mayFindClients: boolean; content?: { help: boolean; announcements: boolean }; deliveries?: { waitingFiscal: number; needingAction: number } | null }> = ({ page, staff, canAudit, counts, mayFindClients, content, deliveries }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('staff.home.title')}>
      <h1>{t('staff.home.title')}</h1>
      <p>
        {t('staff.home.roles')}: <strong>{staff.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</strong>
      </p>
      {mayFindClients ? (
        <form method="get" action="/staff/clients" class="card" role="search">
          <label for="f-q">{t('staff.clients.search')}</label> <input id="f-q" name="q" type="search" maxlength={200} /> <button type="submit">{t('staff.clients.find')}</button>
        </form>
      ) : null}
      <div class="grid">
        {counts.orders !== null ? (
          <p class="card" data-queue="orders">
            <a href="/staff/orders">{t('staff.orders.count', { n: shown(counts.orders) })}</a>
          </p>
        ) : null}
        {counts.payments !== null ? (
          <p class="card" data-queue="payments">
            <a href="/staff/payments">{t('staff.payments.title')}</a> · <a href="/staff/payments?filter=unmatched">{t('staff.payments.unmatchedCount', { n: shown(counts.payments) })}</a>
          </p>
        ) : null}
        {counts.emailChanges !== null ? (
          <p class="card" data-queue="email-changes">
            <a href="/staff/email-changes">{t('staff.emailChanges.count', { n: shown(counts.emailChanges) })}</a>
          </p>
        ) : null}
        {counts.tickets !== null ? (
          <p class="card" data-queue="tickets">
            <a href="/staff/tickets">{t('staff.tickets.count', { n: shown(counts.tickets) })}</a>
          </p>
        ) : null}
        {deliveries ? (
          <p class="card" data-queue="einvoicing">
            <a href="/staff/einvoicing">{t('einvoicing.count', { waiting: shown(deliveries.waitingFiscal), action: shown(deliveries.needingAction) })}</a> · <a href="/staff/bank-statements">{t('statements.title')}</a>
          </p>
        ) : null}
        {counts.undeliveredMail !== null ? (
          <p class="card" data-queue="mail">
            <a href="/staff/mail">{t('staff.mail.count', { n: shown(counts.undeliveredMail) })}</a>
          </p>
        ) : null}
      </div>
      {canAudit ? (
        <p>
          <a href="/staff/audit">{t('staff.audit.title')}</a>
        </p>
      ) : null}
      {content?.help ? (
        <p>
          <a href="/staff/help">{t('staff.help.title')}</a>
        </p>
      ) : null}
      {content?.announcements ? (
        <p>
          <a href="/staff/announcements">{t('staff.announcements.title')}</a>
        </p>
      ) : null}
    </Layout>
  );
};

export const AuditPage: FC<{ page: PageContext; entries: readonly AuditEntry[]; people: ActorNames; next: string | null }> = ({ page, entries, people, next }) => (
  <Layout page={page} title={page.t('staff.audit.title')}>
    <h1>{page.t('staff.audit.title')}</h1>
    <AuditTable page={page} entries={entries} people={people} next={next} moreHref="/staff/audit" showActorId />
  </Layout>
);
