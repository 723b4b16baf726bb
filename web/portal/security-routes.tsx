import { Hono, type Context } from 'hono';
import { writeCookie } from '../http/cookies.js';
import type { Errors } from '../views/auth-pages.js';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { qrSvg } from '../http/qr.js';
import { notFound } from '../http/params.js';
import { validated } from '../http/validate.js';
import type { UseCases } from '../use-cases.js';
import { EmailListPage, EmailPage } from '../views/portal-pages.js';
import { SecurityPage } from '../views/security-pages.js';

/** The signed-in person's own sign-in security: optional two-factor sign-in. Mounted under the portal. */
export function securityRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();
  const { twoFactor } = useCases;

  /** The page as it stands for this person, with what the last step adds (a setup, the codes, the errors). */
  const page = async (c: Context<AppEnv>, extra: { setup?: Parameters<typeof SecurityPage>[0]['setup']; codes?: string[]; errors?: Errors; notice?: string } = {}, status: 200 | 422 = 200) => {
    const state = await twoFactor.status(c.get('actor'));
    if (!state.ok) return failurePage(c, state.error);
    return html(c, <SecurityPage page={pageOf(c)} state={state.value} {...extra} />, status);
  };

  app.get('/security', validated('query', z.object({ notice: z.enum(['enabled', 'disabled', 'password']).optional() })), async (c) => {
    const notice = c.req.valid('query').notice;
    return page(c, notice ? { notice: c.get('t')(notice === 'password' ? 'security.passwordChanged' : `security.${notice}`) } : {});
  });

  app.post('/security/password', validated('form', z.object({ current: z.string().max(1024).default(''), password: z.string().max(1024).default(''), confirm: z.string().max(1024).default('') })), async (c) => {
    const result = await useCases.changePassword.execute(c.get('actor'), c.req.valid('form'), c.get('meta'));
    if (result.ok) {
      // Every session ended with the change; this browser goes on with a new one.
      writeCookie(c, 'session', result.value.token, secure);
      return c.redirect('/security?notice=password', 303);
    }
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    return page(c, { errors: formErrors(c, result.error).errors }, 422);
  });

  app.post('/security/recovery-codes', validated('form', z.object({ renewPassword: z.string().max(1024).default('') })), async (c) => {
    const result = await twoFactor.renewRecoveryCodes(c.get('actor'), { password: c.req.valid('form').renewPassword }, c.get('meta'));
    if (result.ok) return page(c, { codes: result.value.codes, notice: c.get('t')('security.codesRenewed') });
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    return page(c, { errors: { renewPassword: formErrors(c, result.error).errors['password'] ?? c.get('t')('validation.invalid') } }, 422);
  });

  app.get('/security/emails', validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await useCases.accountMails.listPersonal(c.get('actor'), { after: c.req.valid('query').after ?? null });
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <EmailListPage page={pageOf(c)} base="/security/emails" personal mails={result.value.items} next={result.value.next} />);
  });

  app.get('/security/emails/:mailId', validated('param', z.object({ mailId: z.uuid() }), notFound), async (c) => {
    const result = await useCases.accountMails.showPersonal(c.get('actor'), c.req.valid('param').mailId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <EmailPage page={pageOf(c)} base="/security/emails" mail={result.value} />);
  });

  app.post('/security/two-factor/setup', async (c) => {
    const setup = await twoFactor.begin(c.get('actor'));
    if (!setup.ok) return failurePage(c, setup.error);
    return page(c, { setup: { ...setup.value, qr: qrSvg(setup.value.keyUri) } });
  });

  app.post('/security/two-factor/enable', validated('form', z.object({ sealed: z.string().max(400).default(''), code: z.string().max(12).default('') })), async (c) => {
    const form = c.req.valid('form');
    const result = await twoFactor.enable(c.get('actor'), form, c.get('meta'));
    // The recovery codes are shown on this answer only: they are never kept readable.
    if (result.ok) return page(c, { codes: result.value.recoveryCodes, notice: c.get('t')('security.enabled') });
    if (result.error.kind !== 'invalid' || result.error.code === 'two_factor.setup_invalid') return failurePage(c, result.error);
    // The same key again, so the person retries with the next code of what they already scanned.
    const setup = await twoFactor.begin(c.get('actor'), form.sealed);
    if (!setup.ok) return failurePage(c, setup.error);
    const { errors } = formErrors(c, result.error);
    return page(c, { setup: { ...setup.value, qr: qrSvg(setup.value.keyUri) }, errors }, 422);
  });

  app.post('/security/two-factor/disable', validated('form', z.object({ disablePassword: z.string().max(1024).default(''), code: z.string().max(12).default('') })), async (c) => {
    const form = c.req.valid('form');
    const result = await twoFactor.disable(c.get('actor'), { password: form.disablePassword, code: form.code }, c.get('meta'));
    if (result.ok) return c.redirect('/security?notice=disabled', 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    const { errors } = formErrors(c, result.error);
    return page(c, { errors }, 422);
  });

  return app;
}
