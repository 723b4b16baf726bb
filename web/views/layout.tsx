import type { Child, FC } from 'hono/jsx';
import type { AccountAreas } from '../../application/accounts/account-areas.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { Translate } from '../i18n/translate.js';

export interface PageContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly path: string;
  readonly userName?: string | null;
  readonly staffName?: string | null;
  readonly areas?: AccountAreas | null;
}

const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 30000 });

export const Layout: FC<{ page: PageContext; title: string; children?: Child }> = ({ page, title, children }) => {
  const { t, locale } = page;
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
          <a class="brand" href={page.staffName ? '/staff' : '/'}>
            {t('app.name')}
          </a>
          <nav aria-label="main">
            {page.userName ? (
              <>
                <a href="/dashboard">{t('nav.dashboard')}</a>
                <a href="/announcements">{t('nav.announcements')}</a>
                <a href="/sessions">{t('nav.sessions')}</a>
                <a href="/security">{t('nav.security')}</a>
                <span class="greeting">{t('nav.greeting', { name: page.userName })}</span>
                <form method="post" action="/sign-out" class="inline">
                  <button type="submit" class="link">
                    {t('nav.signOut')}
                  </button>
                </form>
              </>
            ) : page.staffName ? (
              <>
                <a href="/staff">{t('staff.home.title')}</a>
                <span class="greeting">{t('nav.greeting', { name: page.staffName })}</span>
                <form method="post" action="/staff/sign-out" class="inline">
                  <button type="submit" class="link">
                    {t('nav.signOut')}
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/order">{t('nav.order')}</a>
                <a href="/sign-in">{t('nav.signIn')}</a>
              </>
            )}
            <a href="/help">{t('nav.help')}</a>
            <form method="post" action="/language" class="inline lang" aria-label={t('nav.language')}>
              <input type="hidden" name="next" value={page.path} />
              <button type="submit" name="locale" value="hr" class="link" aria-pressed={locale === 'hr' ? 'true' : 'false'}>
                HR
              </button>
              <button type="submit" name="locale" value="en" class="link" aria-pressed={locale === 'en' ? 'true' : 'false'}>
                EN
              </button>
            </form>
          </nav>
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

export const Field: FC<{
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text';
  maxlength?: number;
}> = (p) => (
  <div class={`field${p.error ? ' invalid' : ''}`}>
    <label for={`f-${p.name}`}>{p.label}</label>
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
      aria-describedby={p.error ? `e-${p.name}` : undefined}
    />
    {p.error ? (
      <p class="field-error" id={`e-${p.name}`}>
        {p.error}
      </p>
    ) : null}
  </div>
);
