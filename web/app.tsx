import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MailInbox } from '../adapters/smtp/smtp-catcher.js';
import { ANONYMOUS } from '../domain/authorization/actor.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../domain/identity/locale.js';
import { apiRoutes } from './api/api-routes.js';
import { problemResponse } from './api/problem.js';
import { devMailRoutes } from './dev/dev-mail-routes.js';
import { bodyLimits } from './http/body-limits.js';
import { clientAddress } from './http/client-address.js';
import { clearCookie, readCookie } from './http/cookies.js';
import type { AppEnv } from './http/env.js';
import { html, pageOf } from './http/render.js';
import { csrfGuard, noStore, securityHeaders } from './http/security.js';
import { translator } from './i18n/translate.js';
import type { MessageKey } from './i18n/messages.js';
import { authRoutes } from './portal/auth-routes.js';
import { portalRoutes } from './portal/portal-routes.js';
import { invitationRoutes } from './portal/contact-routes.js';
import { publicEmailChangeRoutes } from './portal/email-change-routes.js';
import { orderRoutes } from './portal/order-routes.js';
import { staffRoutes } from './staff/staff-routes.js';
import { helpRoutes } from './help/help-routes.js';
import { staffHelpRoutes } from './help/staff-help-routes.js';
import type { UseCases } from './use-cases.js';
import { ErrorPage } from './views/error-page.js';

export interface AppDeps {
  readonly useCases: UseCases;
  readonly appUrl: string;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly mailCatcher?: MailInbox | null;
  readonly log?: (message: string, error?: unknown) => void;
  /** Whether an error means the database is away for now (then 503 with Retry-After, not 500). */
  readonly unavailable?: (error: unknown) => boolean;
}

const require = createRequire(import.meta.url);
const HTMX = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));
const CSS = readFileSync(new URL('./assets/app.css', import.meta.url));

function localeOf(c: Context, secure: boolean): Locale {
  const chosen = readCookie(c, 'lang', secure);
  if (isLocale(chosen)) return chosen;
  const accepted = c.req.header('accept-language')?.toLowerCase() ?? '';
  return accepted.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

// The path as the router matched it.
const isApi = (c: Context) => c.req.path.startsWith('/api/');

/** The composition of the driving side: one Hono app for pages, staff, the API and the dev inbox. */
const UNAVAILABLE_RETRY_SECONDS = 30;

export function createApp(deps: AppDeps) {
  const { useCases, secureCookies: secure } = deps;
  const appOrigin = new URL(deps.appUrl).origin;
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const app = new Hono<AppEnv>();

  const refuse = (c: Context<AppEnv>, status: ContentfulStatusCode, key: MessageKey, code: string) =>
    isApi(c)
      ? problemResponse(c, { type: `about:blank#${code}`, title: c.get('t')(key), status, code })
      : html(c, <ErrorPage page={pageOf(c)} message={c.get('t')(key)} status={status} />, status);

  app.use('*', securityHeaders(secure));
  app.use('*', async (c, next) => {
    const locale = localeOf(c, secure);
    c.set('locale', locale);
    c.set('t', translator(locale));
    c.set('meta', { clientAddress: clientAddress(c, deps.trustProxy), userAgent: (c.req.header('user-agent') ?? '').slice(0, 400), locale });
    c.set('auth', null);
    c.set('staffAuth', null);
    c.set('actor', ANONYMOUS);
    c.set('apiActor', null);
    c.set('areas', null);
    return next();
  });
  // English pages name products in English: the catalog's names, kept a minute (prices and names change rarely).
  let catalog: { at: number; names: ReadonlyMap<string, string> } | null = null;
  app.use('*', async (c, next) => {
    if (c.get('locale') === 'en' && c.req.method === 'GET' && !isApi(c) && !c.req.path.startsWith('/assets/')) {
      if (!catalog || Date.now() - catalog.at > 60_000) {
        const products = await useCases.listCatalog.execute().catch(() => []);
        catalog = { at: Date.now(), names: new Map(products.map((p) => [p.nameHr, p.nameEn] as const)) };
      }
      c.set('productNames', catalog.names);
    }
    return next();
  });
  app.use('*', bodyLimits((c) => refuse(c as Context<AppEnv>, 413, 'error.tooLarge', 'too_large')));
  app.use('*', csrfGuard(appOrigin, (c) => refuse(c, 403, 'error.csrf', 'csrf')));
  // A form sent through htmx that answers with a page (its errors, or a secret shown once) leaves the address of the
  // page the form was on: htmx would otherwise show the action's address, which a reload cannot open.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.header('hx-request') === 'true' && !isApi(c) && (c.res.status < 300 || c.res.status >= 400)) c.res.headers.set('hx-push-url', 'false');
  });

  app.get('/assets/htmx.min.js', (c) => c.body(HTMX, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }));
  app.get('/assets/app.css', (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  app.get('/healthz', async (c) => {
    const health = await useCases.checkHealth.execute();
    return c.json({ status: health.ok ? 'ok' : 'degraded', database: health.database }, health.ok ? 200 : 503, { 'cache-control': 'no-store' });
  });

  // Who is asking: the user session and the staff session are separate cookies with separate lifetimes.
  app.use('*', async (c, next) => {
    const userToken = readCookie(c, 'session', secure);
    if (userToken) {
      const auth = await useCases.authenticate.user(userToken);
      if (auth) {
        c.set('auth', auth);
        c.set('actor', auth.actor);
        c.set('apiActor', auth.actor);
      } else clearCookie(c, 'session', secure);
    }
    const staffToken = readCookie(c, 'staff', secure);
    if (staffToken) {
      const staffAuth = await useCases.authenticate.staff(staffToken);
      if (staffAuth) {
        c.set('staffAuth', staffAuth);
        if (!c.get('auth')) c.set('actor', staffAuth.actor);
      } else clearCookie(c, 'staff', secure);
    }
    return next();
  });

  // A page reached by a one-time link shows what the link is for: no browser or proxy keeps it.
  for (const path of ['/password-reset/*', '/invitations/*', '/email-change/confirm/*', '/email-change/cancel/*']) app.use(path, noStore);

  app.get('/', (c) => c.redirect(c.get('auth') ? '/dashboard' : '/sign-in', 303));
  app.route('/', authRoutes(useCases, secure));
  app.route('/', portalRoutes(useCases, secure));
  app.route('/', invitationRoutes(useCases, secure));
  app.route('/', publicEmailChangeRoutes(useCases));
  app.route('/', orderRoutes(useCases));
  app.route('/', helpRoutes(useCases, secure));
  app.route('/staff', staffRoutes(useCases, secure));
  app.route('/staff', staffHelpRoutes(useCases));
  app.route('/api/v1', apiRoutes(useCases));
  if (deps.mailCatcher) app.route('/dev', devMailRoutes(deps.mailCatcher));

  app.notFound((c) => refuse(c as Context<AppEnv>, 404, 'error.notFound', 'not_found'));
  app.onError(async (error, c) => {
    // A refusal the framework raised (a body it could not read, say) keeps its status; only a bug is a 500.
    if (error instanceof HTTPException && error.status < 500) return refuse(c as Context<AppEnv>, error.status, 'error.badRequest', 'bad_request');
    // The database is away (restarting, a network fault): a short wait, not a bug.
    if (deps.unavailable?.(error)) {
      log(`[http] ${c.req.method} ${new URL(c.req.url).pathname}: the database is unavailable`);
      const response = await refuse(c as Context<AppEnv>, 503, 'error.unavailable', 'unavailable');
      response.headers.set('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
      return response;
    }
    log(`[http] ${c.req.method} ${new URL(c.req.url).pathname} failed`, error);
    return refuse(c as Context<AppEnv>, 500, 'error.internal', 'internal');
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
