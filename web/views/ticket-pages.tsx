import { ListSearch, Paging, SortHeader, withQuery } from './lists.js';
import type { FC } from 'hono/jsx';
import type { RequestOptions, TicketView } from '../../application/support/tickets.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { DEPARTMENTS, PRIORITIES, type Ticket } from '../../domain/support/ticket.js';
import { formatDateTime } from '../i18n/format.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { AccountLayout } from './account-pages.js';
import type { Errors } from './auth-pages.js';
import { Confirm, ErrorSummary, Field, Layout, Notice, type PageContext } from './layout.js';

const tk = (page: PageContext, key: string) => page.t(key as MessageKey);
/** The words for a code when there are some, else the fallback: a page never shows the code itself. */
const words = (page: PageContext, key: string, fallback: string) => (key in MESSAGES.hr ? page.t(key as MessageKey) : fallback);
const statusBadge = (page: PageContext, t: Ticket) => <span class={`badge ticket-${t.status}`}>{tk(page, `ticketStatus.${t.status}`)}</span>;

export const TicketsTable: FC<{ page: PageContext; tickets: readonly Ticket[]; href: (t: Ticket) => string; accounts?: ReadonlyMap<string, ClientAccount>; sort?: { base: string; order: 'newest' | 'oldest' } }> = ({ page, tickets, href, accounts, sort }) => {
  if (tickets.length === 0) return <p class="lead">{page.t('tickets.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{page.t('order.number')}</th>
          <th>{page.t('tickets.subject')}</th>
          {accounts ? <th>{page.t('staff.clients.title')}</th> : null}
          <th>{page.t('tickets.department')}</th>
          <th>{page.t('tickets.status')}</th>
          {sort ? <SortHeader page={page} base={sort.base} label={page.t('tickets.lastActivity')} order={sort.order} /> : <th scope="col">{page.t('tickets.lastActivity')}</th>}
        </tr>
      </thead>
      <tbody>
        {tickets.map((t) => (
          <tr data-ticket={t.number}>
            <td>{t.number}</td>
            <td>
              <a href={href(t)}>{t.subject}</a>
              {t.requestKind ? <span class="badge">{tk(page, `request.${t.requestKind}`)}</span> : null}
            </td>
            {accounts ? <td>{accounts.get(t.accountId)?.name ?? ''}</td> : null}
            <td>{tk(page, `department.${t.department}`)}</td>
            <td>{statusBadge(page, t)}</td>
            <td>{formatDateTime(t.lastActivityAt, page.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const TicketsPage: FC<{ page: PageContext; accountId: string; tickets: readonly Ticket[]; next: string | null; mayOpen: boolean; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined } }> = ({ page, accountId, tickets, next, mayOpen, list }) => {
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery(`/accounts/${accountId}/tickets`, { order: order === 'oldest' ? 'oldest' : null, q });
  return (
  <AccountLayout page={page} accountId={accountId} title={page.t('tickets.title')}>
    <h1>{page.t('tickets.title')}</h1>
    {mayOpen ? (
      <p>
        <a class="button" href={`/accounts/${accountId}/tickets/new`}>
          {page.t('tickets.new')}
        </a>
      </p>
    ) : null}
    <ListSearch page={page} action={`/accounts/${accountId}/tickets`} q={q} label={page.t('tickets.search')} />
    <TicketsTable page={page} tickets={tickets} href={(t) => `/accounts/${accountId}/tickets/${t.id}`} sort={{ base, order }} />
    <Paging page={page} base={base} next={next} after={list?.after} />
  </AccountLayout>
  );
};

const Select: FC<{ name: string; label: string; options: ReadonlyArray<readonly [string, string]>; value?: string | undefined; error?: string | undefined }> = ({ name, label, options, value, error }) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for={`f-${name}`}>{label}</label>
    <select id={`f-${name}`} name={name}>
      {options.map(([v, text]) => (
        <option value={v} selected={v === value}>
          {text}
        </option>
      ))}
    </select>
    {error ? <p class="field-error">{error}</p> : null}
  </div>
);

const FileField: FC<{ page: PageContext; error?: string | undefined }> = ({ page, error }) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for="f-attachment">{page.t('tickets.attachment')}</label>
    <input id="f-attachment" name="attachment" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
    {error ? <p class="field-error">{error}</p> : null}
  </div>
);

/** Which fields each kind of request asks for: the form shows only those of the chosen kind. */
const REQUEST_FIELDS: Record<string, readonly ('service' | 'credentialService' | 'plan' | 'domain' | 'nameservers' | 'domainName' | 'profile')[]> = {
  'profile.change': ['profile'],
  'service.change': ['service', 'plan'],
  'service.cancel': ['service'],
  'credentials.resend': ['credentialService'],
  'domain.nameservers': ['domain', 'nameservers'],
  'domain.transfer_code': ['domain'],
  'mailbox.add': ['domainName'],
  order: ['plan', 'domainName'],
};

/**
 * The kind of request and its own fields. Choosing a kind swaps in its fields (htmx asks the page for this part);
 * without JavaScript the "show its fields" button loads the page again with the kind chosen and what was typed.
 */
export const RequestFields: FC<{ page: PageContext; account: ClientAccount; options: RequestOptions; values: Record<string, string>; errors: Errors }> = ({ page, account, options, values: v, errors: e }) => {
  const { t } = page;
  const kind = options.kinds.includes(v['kind'] as RequestOptions['kinds'][number]) ? v['kind']! : '';
  const fields = REQUEST_FIELDS[kind] ?? [];
  const serviceOptions = (list: RequestOptions['manageableServices']): Array<readonly [string, string]> => [['', '—'], ...list.map((s) => [s.id, `${s.name} — ${s.domainName}`] as const)];
  const newPage = `/accounts/${account.id}/tickets/new`;
  return (
    <fieldset id="request-fields">
      <legend>{t('tickets.request')}</legend>
      <p class="hint">{t('tickets.request.hint')}</p>
      <div class={`field${e['kind'] ? ' invalid' : ''}`}>
        <label for="f-kind">{t('tickets.request')}</label>
        <select id="f-kind" name="kind" hx-get={newPage} hx-select="#request-fields" hx-target="#request-fields" hx-swap="outerHTML" hx-push-url="false">
          {[['', t('tickets.request.none')] as const, ...options.kinds.map((k) => [k, tk(page, `request.${k}`)] as const)].map(([value, text]) => (
            <option value={value} selected={value === kind}>
              {text}
            </option>
          ))}
        </select>
        {e['kind'] ? <p class="field-error">{e['kind']}</p> : null}
      </div>
      <p>
        <button type="submit" formmethod="get" formaction={newPage} formenctype="application/x-www-form-urlencoded" formnovalidate class="secondary" name="show" value="1">
          {t('tickets.showFields')}
        </button>
      </p>
      {fields.includes('service') ? <Select name="serviceId" label={t('tickets.service')} value={v['serviceId']} options={serviceOptions(options.manageableServices)} error={e['serviceId']} /> : null}
      {fields.includes('credentialService') ? <Select name="serviceId" label={t('tickets.service')} value={v['serviceId']} options={serviceOptions(options.credentialServices)} error={e['serviceId']} /> : null}
      {fields.includes('plan') ? <Select name="productCode" label={kind === 'order' ? t('tickets.product') : t('tickets.plan')} value={v['productCode']} options={[['', '—'], ...options.plans.map((p) => [p.code, p.name(page.locale)] as const)]} error={e['productCode']} /> : null}
      {fields.includes('domain') ? <Select name="domainId" label={t('tickets.domain')} value={v['domainId']} options={[['', '—'], ...options.manageableDomains.map((d) => [d.id, d.name] as const)]} error={e['domainId']} /> : null}
      {fields.includes('nameservers') ? <Field name="nameservers" label={t('tickets.nameservers')} value={v['nameservers']} error={e['nameservers']} maxlength={400} /> : null}
      {fields.includes('domainName') ? <Field name="domainName" label={t('tickets.domainName')} value={v['domainName']} error={e['domainName']} maxlength={253} /> : null}
      {fields.includes('profile') ? (
        <>
          <p class="hint">{t('tickets.profileHint')}</p>
          {(['name', 'street', 'postalCode', 'city', 'phone'] as const).map((f) => (
            <Field name={`profile.${f}`} label={t(`profile.${f}`)} value={v[`profile.${f}`] ?? account[f]} required={false} maxlength={200} error={e[f]} />
          ))}
        </>
      ) : null}
    </fieldset>
  );
};

export const NewTicketPage: FC<{ page: PageContext; account: ClientAccount; options: RequestOptions; values?: Record<string, string>; errors?: Errors; error?: string | undefined }> = ({ page, account, options, values, errors, error }) => {
  const { t } = page;
  const v = values ?? {};
  const e = errors ?? {};
  return (
    <AccountLayout page={page} accountId={account.id} title={t('tickets.new')}>
      <h1>{t('tickets.new')}</h1>
      <ErrorSummary page={page} errors={e} error={error} ids={{ document: 'f-attachment' }} />
      <form method="post" novalidate action={`/accounts/${account.id}/tickets`} enctype="multipart/form-data" class="card" hx-boost="false">
        <Field name="subject" label={t('tickets.subject')} value={v['subject']} error={e['subject']} maxlength={200} />
        <Select name="department" label={t('tickets.department')} value={v['department']} options={DEPARTMENTS.map((d) => [d, tk(page, `department.${d}`)] as const)} />
        <Select name="priority" label={t('tickets.priority')} value={v['priority'] ?? 'normal'} options={PRIORITIES.map((p) => [p, tk(page, `priority.${p}`)] as const)} />
        <RequestFields page={page} account={account} options={options} values={v} errors={e} />
        <div class={`field${e['body'] ? ' invalid' : ''}`}>
          <label for="f-body">{t('tickets.body')}</label>
          <textarea id="f-body" name="body" rows={6} maxlength={20000} required>
            {v['body'] ?? ''}
          </textarea>
          {e['body'] ? <p class="field-error">{e['body']}</p> : null}
        </div>
        <FileField page={page} error={e['document']} />
        <button type="submit">{t('tickets.send')}</button>
      </form>
    </AccountLayout>
  );
};

const Conversation: FC<{ page: PageContext; view: TicketView; fileHref: (id: string) => string }> = ({ page, view, fileHref }) => {
  const { t, locale } = page;
  const { ticket } = view;
  return (
    <>
      <p class="lead">
        {ticket.number} · {tk(page, `department.${ticket.department}`)} · {tk(page, `priority.${ticket.priority}`)} · {statusBadge(page, ticket)}
      </p>
      {ticket.requestKind ? (
        <section class="card" data-request={ticket.requestKind} data-request-status={ticket.requestStatus ?? ''}>
          <h2>{tk(page, `request.${ticket.requestKind}`)}</h2>
          <p>
            {view.target ? <strong data-target>{view.target}</strong> : null} <span class="badge">{tk(page, `tickets.request.status.${ticket.requestStatus}`)}</span>
          </p>
          <dl class="facts">
            {Object.entries(ticket.requestPayload ?? {})
              .filter(([k]) => k !== 'kind' && k !== 'serviceId' && k !== 'domainId')
              .map(([k, v]) => (
                <>
                  <dt>{words(page, `field.${k}`, k)}</dt>
                  <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
                </>
              ))}
          </dl>
          {ticket.requestOutcome && ticket.requestStatus === 'declined' ? <p>{ticket.requestOutcome}</p> : null}
        </section>
      ) : null}
      {view.messages.map((m) => (
        <article class={`message from-${m.authorKind}`}>
          <header>
            <strong>{m.authorName}</strong> · {formatDateTime(m.createdAt, locale)}
          </header>
          <p class="body">{m.body}</p>
          {view.attachments
            .filter((a) => a.messageId === m.id)
            .map((a) => (
              <p>
                {t('tickets.files')}:{' '}
                <a href={fileHref(a.id)} hx-boost="false">
                  {a.fileName}
                </a>{' '}
                ({a.bytes} B)
              </p>
            ))}
        </article>
      ))}
    </>
  );
};

export const TicketPage: FC<{ page: PageContext; accountId: string; view: TicketView; mayReply: boolean; notice?: string | undefined; errors?: Errors }> = ({ page, accountId, view, mayReply, notice, errors }) => {
  const { t } = page;
  const base = `/accounts/${accountId}/tickets/${view.ticket.id}`;
  return (
    <AccountLayout page={page} accountId={accountId} title={view.ticket.subject}>
      <h1>{view.ticket.subject}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <Conversation page={page} view={view} fileHref={(id) => `${base}/files/${id}`} />
      {mayReply ? (
        <>
          <form method="post" novalidate action={`${base}/messages`} enctype="multipart/form-data" class="card" hx-boost="false">
            <div class={`field${errors?.['body'] ? ' invalid' : ''}`}>
              <label for="f-body">{t('tickets.body')}</label>
              <textarea id="f-body" name="body" rows={4} maxlength={20000} required></textarea>
              {errors?.['body'] ? <p class="field-error">{errors['body']}</p> : null}
            </div>
            <FileField page={page} error={errors?.['document']} />
            <button type="submit">{t('tickets.reply')}</button>
          </form>
          {view.ticket.status !== 'closed' ? (
            <form method="post" novalidate action={`${base}/close`} class="inline">
              <button type="submit" class="link">
                {t('tickets.close')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </AccountLayout>
  );
};

export const StaffTicketsPage: FC<{ page: PageContext; tickets: readonly Ticket[]; accounts: ReadonlyMap<string, ClientAccount>; next: string | null; filter: string; list?: { order: 'newest' | 'oldest'; q: string; after?: string | undefined } }> = ({ page, tickets, accounts, next, filter, list }) => {
  const order = list?.order ?? 'newest';
  const q = list?.q ?? '';
  const base = withQuery('/staff/tickets', { status: filter, order: order === 'oldest' ? 'oldest' : null, q });
  return (
  <Layout page={page} title={page.t('staff.tickets.title')}>
    <h1>{page.t('staff.tickets.title')}</h1>
    <nav class="subnav">
      {(['open', 'answered', 'closed', 'all'] as const).map((f) => (
        <a href={`/staff/tickets?status=${f}`} aria-current={f === filter ? 'page' : undefined}>
          {f === 'all' ? page.t('tickets.filter.all') : tk(page, `ticketStatus.${f}`)}
        </a>
      ))}
    </nav>
    <ListSearch page={page} action="/staff/tickets" q={q} label={page.t('tickets.search')} keep={{ status: filter }} />
    <TicketsTable page={page} tickets={tickets} accounts={accounts} href={(t) => `/staff/tickets/${t.id}`} sort={{ base, order }} />
    <Paging page={page} base={base} next={next} after={list?.after} />
  </Layout>
  );
};

export const StaffTicketPage: FC<{ page: PageContext; view: TicketView; notice?: string | undefined; error?: string | undefined; confirmCarryOut?: boolean }> = ({ page, view, notice, error, confirmCarryOut }) => {
  const { t } = page;
  const { ticket, verdict } = view;
  const base = `/staff/tickets/${ticket.id}`;
  return (
    <Layout page={page} title={ticket.subject}>
      <h1>{ticket.subject}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>
        <a href={`/staff/clients/${view.account.id}`}>{view.account.name}</a> · {t('staff.tickets.requester')}: {view.requesterName}
      </p>
      {ticket.requestKind && verdict ? (
        <section class="card" data-verdict={verdict.allowed ? 'allowed' : 'denied'}>
          <h2>{t('staff.tickets.verdict')}</h2>
          <p>
            {verdict.allowed
              ? t('staff.tickets.allowed', { right: words(page, `permission.${verdict.grantedBy}`, words(page, `grant.${verdict.grantedBy}`, words(page, `role.${verdict.grantedBy}`, t('audit.other')))) })
              : t('staff.tickets.denied', { reason: words(page, `deny.${verdict.reason}`, t('audit.other')) })}
          </p>
          {ticket.requestStatus === 'pending' ? (
            <div class="actions">
              {verdict.allowed && confirmCarryOut ? (
                <Confirm
                  page={page}
                  question={t('staff.tickets.carryOutQuestion', { request: tk(page, `request.${ticket.requestKind}`), target: view.target ?? view.account.name })}
                  action={`${base}/carry-out`}
                  yes={t('staff.tickets.carryOutYes')}
                  back={base}
                >
                  <p>{t('staff.tickets.carryOutWhat', { requester: view.requesterName })}</p>
                  {ticket.requestKind === 'service.cancel' ? <p>{t('staff.tickets.carryOutCancel')}</p> : null}
                </Confirm>
              ) : verdict.allowed ? (
                <a href={`${base}?confirm=carry-out#confirm-question`} class="button">
                  {t('staff.tickets.carryOut')}
                </a>
              ) : null}
              <form method="post" novalidate action={`${base}/decline`} class="card">
                <Field name="reason" label={t('staff.tickets.reason')} maxlength={500} />
                <button type="submit" class="danger">
                  {t('staff.tickets.decline')}
                </button>
              </form>
            </div>
          ) : null}
        </section>
      ) : null}
      <Conversation page={page} view={view} fileHref={(id) => `${base}/files/${id}`} />
      <form method="post" novalidate action={`${base}/messages`} enctype="multipart/form-data" class="card" hx-boost="false">
        <div class="field">
          <label for="f-body">{t('tickets.body')}</label>
          <textarea id="f-body" name="body" rows={4} maxlength={20000} required></textarea>
        </div>
        <FileField page={page} />
        <label class="check">
          <input type="checkbox" name="close" value="on" /> {t('staff.tickets.closeAfter')}
        </label>
        <button type="submit">{t('tickets.reply')}</button>
      </form>
    </Layout>
  );
};
