import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { DomainFailure } from '../../domain/shared/result.js';
import { failureMessage } from '../i18n/translate.js';
import { ErrorPage } from '../views/error-page.js';
import type { Errors } from '../views/auth-pages.js';
import type { PageContext } from '../views/layout.js';
import type { AppEnv } from './env.js';
import { FAILURE_STATUS, fieldProblemsOf } from './failures.js';
import { StaffNavigation } from '../../application/backoffice/staff-navigation.js';

const staffNavigation = new StaffNavigation();

export function pageOf(c: Context<AppEnv>): PageContext {
  const auth = c.get('auth');
  const staffAuth = c.get('staffAuth');
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    path: new URL(c.req.url).pathname,
    userName: auth?.user.name ?? null,
    staffName: auth ? null : (staffAuth?.staff.name ?? null),
    areas: c.get('areas') ?? null,
    productNames: c.get('productNames') ?? null,
    staffAreas: staffAuth && !auth ? staffNavigation.areas(staffAuth.actor) : null,
  };
}

export function html(c: Context<AppEnv>, node: JSX.Element, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  return c.html(`<!doctype html>${String(node)}`, status);
}

const ANONYMOUS_PAGES = new Map<string, { readonly basis: readonly unknown[]; readonly body: string }>();

/**
 * A page that is the same for everyone who is not signed in, in each language, is rendered once per language and
 * kept: `key` names the page, and the page is only kept for a request without a query and without a session, so the
 * map holds one entry per named page and language. A page shown from data names that data as its `basis`: the kept
 * page is shown again only while the data are the very same objects (the read cache hands out the same objects until
 * the database announces a change; anything read afresh is a new object and renders the page again).
 */
export function anonymousPage(c: Context<AppEnv>, key: string, view: () => JSX.Element, basis: readonly unknown[] = []): Response | Promise<Response> {
  if (c.get('auth') || c.get('staffAuth') || c.req.url.includes('?')) return html(c, view());
  const name = `${c.get('locale')} ${key}`;
  const kept = ANONYMOUS_PAGES.get(name);
  if (kept && kept.basis.length === basis.length && kept.basis.every((value, i) => value === basis[i])) return c.html(kept.body);
  const body = `<!doctype html>${String(view())}`;
  ANONYMOUS_PAGES.set(name, { basis, body });
  return c.html(body);
}

export function failurePage(c: Context<AppEnv>, failure: DomainFailure): Response | Promise<Response> {
  if (failure.kind === 'rate_limited') c.header('retry-after', String(failure.details.seconds ?? 60));
  return html(c, <ErrorPage page={pageOf(c)} message={failureMessage(c.get('t'), failure.code, failure.details)} status={FAILURE_STATUS[failure.kind]} />, FAILURE_STATUS[failure.kind]);
}

/** Only a path on this site may be a redirect target. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/u.test(value) ? value : fallback;
}

/** Every failure on a named field goes beside that field (and in the form's summary); anything else above the form. */
export function formErrors(c: Context<AppEnv>, failure: DomainFailure): { errors: Errors; error?: string } {
  const fields = fieldProblemsOf(failure, c.get('t'));
  if (!fields.length) return { errors: {}, error: failureMessage(c.get('t'), failure.code, failure.details) };
  return { errors: Object.fromEntries(fields.map((f) => [f.field, f.message])) };
}
