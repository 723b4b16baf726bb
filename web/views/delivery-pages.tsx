import type { FC } from 'hono/jsx';
import type { InvoiceDelivery, QueueItem, StaffInvoiceDelivery } from '../../application/fiscal/invoice-delivery.js';
import type { StatementOutcome } from '../../application/fiscal/import-bank-statement.js';
import type { StatementImport } from '../../application/ports/fiscal-repositories.js';
import type { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import type { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import { qrSvg } from '../http/qr.js';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

/**
 * How the invoice went out: for a consumer's invoice the ZKI, the JIR (or that it is awaited) and the QR code that
 * verifies it at the Tax Administration; for an eRačun its status at the intermediary and a buyer's rejection.
 */
export const DeliveryBlock: FC<{ page: PageContext; delivery: InvoiceDelivery | StaffInvoiceDelivery; staff?: { invoiceId: string } }> = ({ page, delivery, staff }) => {
  const { t, locale } = page;
  const { fiscal, einvoice } = delivery;
  const reports = 'reports' in delivery ? delivery.reports : [];
  if (!fiscal && !einvoice) return null;
  const retryable = (fiscal && fiscal.status !== 'fiscalized' && fiscal.status !== 'sending') || einvoice?.status === 'refused';
  return (
    <section class="card" data-delivery>
      <h2>{t('delivery.title')}</h2>
      {fiscal ? (
        <div class="grid" data-fiscal={fiscal.status}>
          <dl>
            <dt>{t('delivery.zki')}</dt>
            <dd>
              <code data-zki>{fiscal.securityCode}</code>
            </dd>
            <dt>{t('delivery.jir')}</dt>
            <dd>{fiscal.jir ? <code data-jir>{fiscal.jir}</code> : <span class="badge">{t('delivery.jirPending')}</span>}</dd>
            <dt>{t('order.status')}</dt>
            <dd>{t(`delivery.fiscal.${fiscal.status}` as MessageKey)}</dd>
            {staff ? (
              <>
                <dt>{t('delivery.attempts')}</dt>
                <dd>{fiscal.attempts}</dd>
                {fiscal.lastError ? (
                  <>
                    <dt>{t('delivery.lastError')}</dt>
                    <dd>{fiscal.lastError}</dd>
                  </>
                ) : null}
              </>
            ) : null}
          </dl>
          <figure>
            <div class="qr" role="img" aria-label={t('delivery.qr')} data-qr={fiscal.verificationUrl} dangerouslySetInnerHTML={{ __html: qrSvg(fiscal.verificationUrl) }} />
            <figcaption>
              <a href={fiscal.verificationUrl} rel="noopener noreferrer">
                {t('delivery.verify')}
              </a>
            </figcaption>
          </figure>
        </div>
      ) : null}
      {einvoice ? (
        <dl data-einvoice={einvoice.status}>
          <dt>{t('delivery.einvoice')}</dt>
          <dd>
            <span class={`badge einvoice-${einvoice.status}`}>{t(`delivery.einvoice.${einvoice.status}` as MessageKey)}</span>
            {einvoice.deliveredAt ? ` ${formatDateTime(einvoice.deliveredAt, locale)}` : einvoice.sentAt ? ` ${formatDateTime(einvoice.sentAt, locale)}` : ''}
          </dd>
          {einvoice.rejectionReason ? (
            <>
              <dt>{t('delivery.reason')}</dt>
              <dd data-rejection>{einvoice.rejectionReason}</dd>
            </>
          ) : null}
          {staff && einvoice.documentId ? (
            <>
              <dt>{t('delivery.documentId')}</dt>
              <dd>
                <code>{`${einvoice.intermediary} ${einvoice.documentId}`}</code>
              </dd>
            </>
          ) : null}
          {staff && einvoice.lastError ? (
            <>
              <dt>{t('delivery.lastError')}</dt>
              <dd>{einvoice.lastError}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {staff && reports.length ? (
        <>
          <h3>{t('delivery.reports')}</h3>
          <table>
            <tbody>
              {reports.map((r) => (
                <tr data-report={r.status}>
                  <td>{formatDate(r.paidOn, locale)}</td>
                  <td class="num">{formatMoney(r.amountCents, locale)}</td>
                  <td>{t(`delivery.report.${r.status}` as MessageKey)}</td>
                  <td>{r.requestId ? <code>{r.requestId}</code> : (r.lastError ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {staff && retryable ? (
        <form method="post" novalidate action={`/staff/invoices/${staff.invoiceId}/retry-delivery`} class="inline">
          <button type="submit">{t('delivery.retry')}</button>
        </form>
      ) : null}
    </section>
  );
};

/** The billing staff's queue: consumers' invoices still awaiting a JIR, eRačuni rejected or refused and not yet credited. */
export const EInvoicingQueuePage: FC<{ page: PageContext; waiting: readonly QueueItem<FiscalRecord>[]; action: readonly QueueItem<EInvoiceDispatch>[]; next: { waiting: string | null; action: string | null } }> = ({ page, waiting, action, next }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('einvoicing.title')}>
      <h1>{t('einvoicing.title')}</h1>
      <p class="lead">{t('einvoicing.lead')}</p>
      <h2>{t('einvoicing.action')}</h2>
      {action.length === 0 ? <Notice kind="info">{t('delivery.noneWaiting')}</Notice> : null}
      <table data-queue="einvoice-action">
        <tbody>
          {action.map(({ item, invoice }) => (
            <tr data-invoice={invoice?.number ?? item.invoiceId}>
              <td>
                <a href={`/staff/invoices/${item.invoiceId}`}>{invoice?.number ?? item.invoiceId}</a>
              </td>
              <td>{invoice ? formatMoney(invoice.grossCents, locale) : ''}</td>
              <td>{t(`delivery.einvoice.${item.status}` as MessageKey)}</td>
              <td>{item.rejectionReason ?? item.lastError ?? ''}</td>
              <td>{formatDateTime(item.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next.action ? (
        <p>
          <a href={`/staff/einvoicing?action=${encodeURIComponent(next.action)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
      <h2>{t('einvoicing.waiting')}</h2>
      {waiting.length === 0 ? <Notice kind="info">{t('delivery.noneWaiting')}</Notice> : null}
      <table data-queue="fiscal-waiting">
        <tbody>
          {waiting.map(({ item, invoice }) => (
            <tr data-invoice={invoice?.number ?? item.invoiceId}>
              <td>
                <a href={`/staff/invoices/${item.invoiceId}`}>{invoice?.number ?? item.invoiceId}</a>
              </td>
              <td>{formatDateTime(item.createdAt, locale)}</td>
              <td>{t(`delivery.fiscal.${item.status}` as MessageKey)}</td>
              <td>{item.attempts}</td>
              <td>{item.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next.waiting ? (
        <p>
          <a href={`/staff/einvoicing?waiting=${encodeURIComponent(next.waiting)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};

export const BankStatementsPage: FC<{ page: PageContext; history: readonly StatementImport[]; next: string | null; outcome?: StatementOutcome | undefined; error?: string | undefined }> = ({ page, history, next, outcome, error }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('statements.title')}>
      <p>
        <a href="/staff/payments">{t('staff.payments.title')}</a>
      </p>
      <h1>{t('statements.title')}</h1>
      <p class="lead">{t('statements.lead')}</p>
      {outcome ? <Notice kind="success">{t('statements.done', { id: outcome.statementId, credits: outcome.credits, booked: outcome.booked, duplicates: outcome.duplicates, unmatched: outcome.unmatched })}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" novalidate action="/staff/bank-statements" enctype="multipart/form-data" class="card">
        <div class="field">
          <label for="f-file">{t('statements.file')}</label>
          <input id="f-file" name="file" type="file" accept=".xml,application/xml,text/xml" required />
        </div>
        <button type="submit">{t('statements.upload')}</button>
      </form>
      <h2>{t('statements.history')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('statements.when')}</th>
            <th>{t('statements.fileName')}</th>
            <th>{t('statements.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((s) => (
            <tr data-statement={s.statementId}>
              <td>{formatDateTime(s.importedAt, locale)}</td>
              <td>{`${s.fileName} (${s.statementId})`}</td>
              <td>{`${s.credits} / ${s.booked} / ${s.duplicates} / ${s.unmatched}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <p>
          <a href={`/staff/bank-statements?after=${encodeURIComponent(next)}`}>{t('emails.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};
