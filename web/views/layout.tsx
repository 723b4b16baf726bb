import type { Child, FC } from 'hono/jsx';
import type { AccountAreas } from '../../application/accounts/account-areas.js';
import type { StaffAreas } from '../../application/backoffice/staff-navigation.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translate } from '../i18n/translate.js';

export interface PageContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly path: string;
  readonly userName?: string | null;
  readonly staffName?: string | null;
  readonly areas?: AccountAreas | null;
  readonly staffAreas?: StaffAreas | null;
  /** English product names by the Croatian ones kept on order and invoice lines (English pages only). */
  readonly productNames?: ReadonlyMap<string, string> | null;
}

const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 30000 });

type NavLink = readonly [href: string, label: MessageKey];

/** The links of the one navigation: the account's sections the policy allows, then the person's own pages. */
function links(page: PageContext, accountId: string | undefined): { section: NavLink[]; person: NavLink[] } {
  if (page.userName) {
    const a = page.areas;
    const base = `/accounts/${accountId}`;
    const section: NavLink[] = accountId && a
      ? ([
          [`/dashboard?account=${accountId}`, 'nav.dashboard'],
          a.services ? [`${base}/services`, 'nav.services'] : null,
          a.domains ? [`${base}/domains`, 'nav.domains'] : null,
          a.orders ? [`${base}/orders`, 'nav.orders'] : null,
          a.quotes ? [`${base}/quotes`, 'nav.quotes'] : null,
          a.invoices ? [`${base}/invoices`, 'nav.invoices'] : null,
          a.tickets ? [`${base}/tickets`, 'nav.tickets'] : null,
          a.emails ? [`${base}/emails`, 'nav.emails'] : null,
          a.contacts ? [`${base}/contacts`, 'nav.contacts'] : null,
          a.profile ? [`${base}/profile`, 'nav.profile'] : null,
          a.audit ? [`${base}/audit`, 'nav.audit'] : null,
          a.tokens ? [`${base}/tokens`, 'nav.tokens'] : null,
        ].filter(Boolean) as unknown as NavLink[])
      : [['/dashboard', 'nav.dashboard']];
    return { section, person: [['/announcements', 'nav.announcements'], ['/security', 'nav.security'], ['/sessions', 'nav.sessions'], ['/help', 'nav.help']] };
  }
  if (page.staffName) {
    const s = page.staffAreas;
    const section = [
      ['/staff', 'staff.home.title'],
      s?.clients ? ['/staff/clients', 'staff.clients.title'] : null,
      s?.orders ? ['/staff/orders', 'nav.orders'] : null,
      s?.billing ? ['/staff/payments', 'staff.payments.title'] : null,
      s?.billing ? ['/staff/einvoicing', 'nav.einvoicing'] : null,
      s?.tickets ? ['/staff/tickets', 'nav.tickets'] : null,
      s?.emailChanges ? ['/staff/email-changes', 'staff.emailChanges.title'] : null,
      s?.mail ? ['/staff/mail', 'nav.mail'] : null,
      s?.help ? ['/staff/help', 'nav.helpEditor'] : null,
      s?.announcements ? ['/staff/announcements', 'nav.announcements'] : null,
      s?.audit ? ['/staff/audit', 'nav.audit'] : null,
    ].filter(Boolean) as unknown as NavLink[];
    return { section, person: [] };
  }
  return { section: [['/order', 'nav.order'], ['/sign-in', 'nav.signIn'], ['/help', 'nav.help']], person: [] };
}

/** The link of the page shown (or of the section it belongs to) is marked as the current one. */
function current(path: string, href: string): boolean {
  const target = href.split('?')[0]!;
  if (target === '/staff' || target === '/dashboard') return path === target;
  return path === target || path.startsWith(`${target}/`);
}

export const Layout: FC<{ page: PageContext; title: string; accountId?: string | undefined; children?: Child }> = ({ page, title, accountId, children }) => {
  const { t, locale } = page;
  const nav = links(page, accountId);
  const item = ([href, label]: NavLink) => (
    <li>
      <a href={href} aria-current={current(page.path, href) ? 'page' : undefined}>
        {t(label)}
      </a>
    </li>
  );
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/htmx.min.js" defer></script>
      </head>
      <body hx-boost:inherited="true">
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="top">
          <a class="brand" href={page.staffName && !page.userName ? '/staff' : '/'}>
            {t('app.name')}
          </a>
          {/* A checkbox opens the menu on a phone: it works without JavaScript and keeps one navigation for every width. */}
          <input type="checkbox" id="menu-toggle" class="menu-toggle" />
          <label for="menu-toggle" class="menu-button">
            {t('nav.menu')}
          </label>
          <nav aria-label={t('nav.main')} class="menu">
            <ul class="nav-section">{nav.section.map(item)}</ul>
            {nav.person.length ? <ul class="nav-person">{nav.person.map(item)}</ul> : null}
            {accountId && page.areas?.placeOrder ? (
              <a href={`/accounts/${accountId}/orders/new`} class="button" aria-current={page.path.endsWith('/orders/new') ? 'page' : undefined}>
                {t('nav.newOrder')}
              </a>
            ) : null}
          </nav>
          <div class="who">
            {page.userName || page.staffName ? <span class="greeting">{t('nav.greeting', { name: (page.userName ?? page.staffName)! })}</span> : null}
            {page.userName ? (
              <form method="post" novalidate action="/sign-out" class="inline">
                <button type="submit" class="link">
                  {t('nav.signOut')}
                </button>
              </form>
            ) : page.staffName ? (
              <form method="post" novalidate action="/staff/sign-out" class="inline">
                <button type="submit" class="link">
                  {t('nav.signOut')}
                </button>
              </form>
            ) : null}
            <form method="post" novalidate action="/language" class="inline lang" aria-label={t('nav.language')} hx-boost="false">
              <input type="hidden" name="next" value={page.path} />
              <button type="submit" name="locale" value="hr" class="link" lang="hr" aria-pressed={locale === 'hr' ? 'true' : 'false'}>
                HR<span class="visually-hidden"> (hrvatski)</span>
              </button>
              <button type="submit" name="locale" value="en" class="link" lang="en" aria-pressed={locale === 'en' ? 'true' : 'false'}>
                EN<span class="visually-hidden"> (English)</span>
              </button>
            </form>
          </div>
          {page.staffName && !page.userName && page.staffAreas?.clients ? (
            <form method="get" action="/staff/clients" class="staff-search" role="search" aria-label={t('staff.clients.searchLabel')}>
              <label for="staff-q" class="visually-hidden">
                {t('staff.clients.search')}
              </label>
              <input id="staff-q" name="q" type="search" maxlength={200} placeholder={t('staff.clients.searchPlaceholder')} />
              <button type="submit">{t('staff.clients.find')}</button>
            </form>
          ) : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
};

export const Notice: FC<{ kind: 'info' | 'error' | 'success'; children?: Child }> = ({ kind, children }) => (
  <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </p>
);

/** The id of the input a field error belongs to (the summary links to it). */
export function fieldId(field: string): string {
  const item = /^items\.(\d+)\.(productCode|domainName)$/u.exec(field);
  if (item) return `f-${item[2] === 'productCode' ? 'product' : 'domain'}${item[1]}`;
  if (field === 'items') return 'f-product0';
  if (field === 'amountCents') return 'f-amount';
  return `f-${field.replace(/^customer\./u, '')}`;
}

/**
 * Every error of a submitted form at the top, each linked to its field: read first by a screen reader, and focused
 * so the person starts there. `error` is a problem of the whole form.
 */
export const ErrorSummary: FC<{ page: PageContext; errors?: Partial<Record<string, string>> | undefined; error?: string | undefined; ids?: Readonly<Record<string, string>> }> = ({ page, errors, error, ids }) => {
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (!entries.length && !error) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
      <h2>{entries.length > 1 ? page.t('form.errors', { n: entries.length }) : page.t('form.error')}</h2>
      <ul>
        {error ? <li>{error}</li> : null}
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${ids?.[field] ?? fieldId(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

export const Field: FC<{
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  error?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text' | 'decimal';
  maxlength?: number;
  hint?: string;
}> = (p) => (
  <div class={`field${p.error ? ' invalid' : ''}`}>
    <label for={`f-${p.name}`}>{p.label}</label>
    {p.hint ? (
      <p class="hint" id={`h-${p.name}`}>
        {p.hint}
      </p>
    ) : null}
    <input
      id={`f-${p.name}`}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value ?? ''}
      autocomplete={p.autocomplete}
      required={p.required ?? true}
      inputmode={p.inputmode}
      maxlength={p.maxlength}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={[p.error ? `e-${p.name}` : '', p.hint ? `h-${p.name}` : ''].filter(Boolean).join(' ') || undefined}
    />
    {p.error ? (
      <p class="field-error" id={`e-${p.name}`}>
        {p.error}
      </p>
    ) : null}
  </div>
);

/**
 * A destructive or irreversible step asks first, naming the thing: the link that leads here shows this box, whose
 * button does it and whose other link goes back. Plain links and a form: it works without JavaScript.
 */
export const Confirm: FC<{ page: PageContext; question: string; action: string; yes: string; back: string; children?: Child }> = ({ page, question, action, yes, back, children }) => (
  <section class="card confirm" role="alertdialog" aria-labelledby="confirm-question" data-confirm={action}>
    <h2 id="confirm-question">{question}</h2>
    {children}
    <form method="post" novalidate action={action} class="actions">
      <button type="submit" class="danger" autofocus>
        {yes}
      </button>
      <a href={back}>{page.t('confirm.cancel')}</a>
    </form>
  </section>
);
