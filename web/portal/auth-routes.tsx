import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isLocale } from '../../domain/identity/locale.js';
import type { AppEnv } from '../http/env.js';
import { clearCookie, readCookie, writeCookie } from '../http/cookies.js';
import { anonymousPage, failurePage, html, pageOf, safeNext } from '../http/render.js';
import { fieldErrorsOf } from '../http/failures.js';
import { validated, type Issues } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { ResetConfirmPage, ResetRequestPage, SecondStepPage, SignInPage, type Errors } from '../views/auth-pages.js';

const signInForm = z.object({ email: z.string().max(254).default(''), password: z.string().max(1024).default(''), code: z.string().max(12).default(''), next: z.string().max(500).optional() });
const resetRequestForm = z.object({ email: z.string().max(254).default('') });
const resetConfirmForm = z.object({ password: z.string().max(1024).default(''), confirm: z.string().max(1024).default('') });
const tokenParam = z.object({ token: z.string().regex(/^[a-z2-7]{16,64}$/u) });

function errorsFrom(issues: Issues, t: AppEnv['Variables']['t']): Errors {
  return Object.fromEntries(fieldErrorsOf(issues, t).map((e) => [e.field, e.message]));
}

/** Sign-in, sign-out, language and the forgotten-password flow. */
export function authRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();

  app.get('/sign-in', (c) => {
    const next = safeNext(c.req.query('next'), '/dashboard');
    if (c.get('auth')) return c.redirect(next, 303);
    const notices = { out: c.get('t')('signIn.signedOut'), changed: c.get('t')('signIn.passwordChanged'), expired: c.get('t')('signIn.expired') };
    const notice = notices[c.req.query('notice') as keyof typeof notices] ?? (next !== '/dashboard' ? c.get('t')('signIn.deepLink') : undefined);
    if (!notice && next === '/dashboard') return anonymousPage(c, 'sign-in', () => <SignInPage page={pageOf(c)} />);
    return html(c, <SignInPage page={pageOf(c)} notice={notice} next={next === '/dashboard' ? undefined : next} />);
  });

  app.post(
    '/sign-in',
    validated('form', signInForm, (c) => html(c, <SignInPage page={pageOf(c)} error={c.get('t')('failure.auth.invalid_credentials')} />, 422)),
    async (c) => {
      const form = c.req.valid('form');
      // The code in the same form still works (both factors at once); the page asks it on a second step.
      const result = form.code.trim() ? await useCases.signIn.execute(form, c.get('meta')) : await useCases.signIn.begin(form, c.get('meta'));
      const next = safeNext(form.next, '/dashboard');
      if (!result.ok) {
        if (result.error.kind === 'rate_limited') c.header('retry-after', String(result.error.details.seconds));
        const status = result.error.kind === 'rate_limited' ? 429 : 401;
        return html(c, <SignInPage page={pageOf(c)} email={form.email} next={form.next ? next : undefined} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />, status);
      }
      if (!('token' in result.value)) return html(c, <SecondStepPage page={pageOf(c)} challenge={result.value.challenge} next={form.next ? next : undefined} />);
      return signedIn(c, result.value.token, next);
    },
  );

  app.post('/sign-in/code', validated('form', z.object({ challenge: z.string().max(1000).default(''), code: z.string().max(40).default(''), next: z.string().max(500).optional() })), async (c) => {
    const form = c.req.valid('form');
    const next = safeNext(form.next, '/dashboard');
    const result = await useCases.signIn.complete(form, c.get('meta'));
    if (result.ok) return signedIn(c, result.value.token, next);
    if (result.error.kind === 'rate_limited') c.header('retry-after', String(result.error.details.seconds));
    const message = failureMessage(c.get('t'), result.error.code, result.error.details);
    if (result.error.code === 'auth.second_step_expired') return html(c, <SignInPage page={pageOf(c)} next={form.next ? next : undefined} error={message} />, 401);
    return html(c, <SecondStepPage page={pageOf(c)} challenge={form.challenge} next={form.next ? next : undefined} error={message} />, result.error.kind === 'rate_limited' ? 429 : 401);
  });

  /** A new token on every sign-in; a token the browser had before is ended, not reused. */
  async function signedIn(c: Context<AppEnv>, token: string, next: string) {
    const previous = readCookie(c, 'session', secure);
    if (previous) await useCases.signOut.execute('user', previous, c.get('meta'));
    writeCookie(c, 'session', token, secure);
    return c.redirect(next, 303);
  }

  app.post('/sign-out', async (c) => {
    const token = readCookie(c, 'session', secure);
    if (token) await useCases.signOut.execute('user', token, c.get('meta'));
    clearCookie(c, 'session', secure);
    return c.redirect('/sign-in?notice=out', 303);
  });

  app.post('/language', validated('form', z.object({ locale: z.string().max(5).default('hr'), next: z.string().max(500).optional() })), async (c) => {
    const { locale, next } = c.req.valid('form');
    if (isLocale(locale)) {
      writeCookie(c, 'lang', locale, secure, 365 * 24 * 3600);
      await useCases.setPreferredLanguage.execute(c.get('actor'), locale);
    }
    return c.redirect(safeNext(next, '/'), 303);
  });

  app.get('/password-reset', (c) => anonymousPage(c, 'password-reset', () => <ResetRequestPage page={pageOf(c)} sent={c.req.query('sent') === '1'} />));

  app.post(
    '/password-reset',
    validated('form', resetRequestForm, (c, issues) => html(c, <ResetRequestPage page={pageOf(c)} errors={errorsFrom(issues, c.get('t'))} />, 422)),
    async (c) => {
      const { email } = c.req.valid('form');
      const result = await useCases.requestPasswordReset.execute({ email }, c.get('meta'));
      if (!result.ok) {
        if (result.error.kind === 'rate_limited') return failurePage(c, result.error);
        const message = failureMessage(c.get('t'), result.error.code, result.error.details);
        return html(c, <ResetRequestPage page={pageOf(c)} email={email} errors={{ email: message }} />, 422);
      }
      return c.redirect('/password-reset?sent=1', 303);
    },
  );

  app.get('/password-reset/:token', async (c) => {
    const parsed = tokenParam.safeParse(c.req.param());
    const usable = parsed.success && (await useCases.resetPassword.isUsable(parsed.data.token));
    return html(c, <ResetConfirmPage page={pageOf(c)} token={parsed.success ? parsed.data.token : ''} usable={usable} />, usable ? 200 : 404);
  });

  app.post(
    '/password-reset/:token',
    validated('form', resetConfirmForm, (c, issues) =>
      html(c, <ResetConfirmPage page={pageOf(c)} token={c.req.param('token') ?? ''} usable errors={errorsFrom(issues, c.get('t'))} />, 422),
    ),
    async (c) => {
      const parsed = tokenParam.safeParse(c.req.param());
      if (!parsed.success) return html(c, <ResetConfirmPage page={pageOf(c)} token="" usable={false} />, 404);
      const { password, confirm } = c.req.valid('form');
      const token = parsed.data.token;
      const mismatch = password !== confirm ? { confirm: c.get('t')('failure.password.mismatch') } : {};
      const result = password !== confirm ? await useCases.resetPassword.check(token, password) : await useCases.resetPassword.execute({ token, password }, c.get('meta'));
      if (!result.ok) {
        if (result.error.kind === 'rate_limited') return failurePage(c, result.error);
        if (result.error.code === 'reset.link_invalid') return html(c, <ResetConfirmPage page={pageOf(c)} token="" usable={false} />, 422);
        const message = failureMessage(c.get('t'), result.error.code, result.error.details);
        return html(c, <ResetConfirmPage page={pageOf(c)} token={token} usable errors={{ password: message, ...mismatch }} />, 422);
      }
      if (!('session' in result.value)) return html(c, <ResetConfirmPage page={pageOf(c)} token={token} usable errors={mismatch} />, 422);
      clearCookie(c, 'session', secure);
      // A newcomer's first password (from the welcome mail) signs them in; a reset asks for the new password.
      if (result.value.session) {
        writeCookie(c, 'session', result.value.session, secure);
        return c.redirect('/dashboard?welcome=1', 303);
      }
      return c.redirect('/sign-in?notice=changed', 303);
    },
  );

  return app;
}
