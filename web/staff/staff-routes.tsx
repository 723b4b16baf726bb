import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { can } from '../../domain/authorization/policy.js';
import type { AppEnv } from '../http/env.js';
import { clearCookie, readCookie, writeCookie } from '../http/cookies.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { AuditPage, StaffHomePage, StaffSignInPage } from '../views/staff-pages.js';

const signInForm = z.object({ email: z.string().max(254).default(''), password: z.string().max(1024).default(''), code: z.string().max(12).default('') });

/** The staff back office: a separate sign-in with a second factor, and pages for staff roles. */
export function staffRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!c.var.staffAuth) return c.redirect('/staff/sign-in', 303);
    return next();
  };
  app.use('*', noStore);

  app.get('/sign-in', (c) => (c.var.staffAuth ? c.redirect('/staff', 303) : html(c, <StaffSignInPage page={pageOf(c)} />)));

  app.post(
    '/sign-in',
    validated('form', signInForm, (c) => html(c, <StaffSignInPage page={pageOf(c)} error={c.var.t('failure.auth.invalid_staff_credentials')} />, 422)),
    async (c) => {
      const form = c.req.valid('form');
      const result = await useCases.staffSignIn.execute(form, c.var.meta);
      if (!result.ok) {
        if (result.error.kind === 'rate_limited') c.header('retry-after', String(result.error.details.seconds));
        return html(
          c,
          <StaffSignInPage page={pageOf(c)} email={form.email} error={failureMessage(c.var.t, result.error.code, result.error.details)} />,
          result.error.kind === 'rate_limited' ? 429 : 401,
        );
      }
      const previous = readCookie(c, 'staff', secure);
      if (previous) await useCases.signOut.execute('staff', previous, c.var.meta);
      writeCookie(c, 'staff', result.value.token, secure);
      return c.redirect('/staff', 303);
    },
  );

  app.post('/sign-out', async (c) => {
    const token = readCookie(c, 'staff', secure);
    if (token) await useCases.signOut.execute('staff', token, c.var.meta);
    clearCookie(c, 'staff', secure);
    return c.redirect('/staff/sign-in', 303);
  });

  app.get('/', requireStaff, (c) => {
    const staff = c.var.staffAuth!.staff;
    return html(c, <StaffHomePage page={pageOf(c)} staff={staff} canAudit={can(c.var.staffAuth!.actor, { type: 'staff.audit' }).allowed} />);
  });

  app.get('/audit', requireStaff, validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await useCases.listAuditLog.execute(c.var.staffAuth!.actor, { after: c.req.valid('query').after ?? null });
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <AuditPage page={pageOf(c)} entries={result.value.items} next={result.value.next} />);
  });

  return app;
}
