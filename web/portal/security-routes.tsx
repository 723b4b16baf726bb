import { Hono } from 'hono';
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
export function securityRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { twoFactor } = useCases;

  app.get('/security', validated('query', z.object({ notice: z.enum(['enabled', 'disabled']).optional() })), async (c) => {
    const status = await twoFactor.status(c.var.actor);
    if (!status.ok) return failurePage(c, status.error);
    const notice = c.req.valid('query').notice;
    return html(c, <SecurityPage page={pageOf(c)} enabled={status.value.enabled} notice={notice ? c.var.t(`security.${notice}`) : undefined} />);
  });

  app.get('/security/emails', validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await useCases.accountMails.listPersonal(c.var.actor, { after: c.req.valid('query').after ?? null });
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <EmailListPage page={pageOf(c)} base="/security/emails" personal mails={result.value.items} next={result.value.next} />);
  });

  app.get('/security/emails/:mailId', validated('param', z.object({ mailId: z.uuid() }), notFound), async (c) => {
    const result = await useCases.accountMails.showPersonal(c.var.actor, c.req.valid('param').mailId);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <EmailPage page={pageOf(c)} base="/security/emails" mail={result.value} />);
  });

  app.post('/security/two-factor/setup', async (c) => {
    const setup = await twoFactor.begin(c.var.actor);
    if (!setup.ok) return failurePage(c, setup.error);
    return html(c, <SecurityPage page={pageOf(c)} enabled={false} setup={{ ...setup.value, qr: qrSvg(setup.value.keyUri) }} />);
  });

  app.post('/security/two-factor/enable', validated('form', z.object({ sealed: z.string().max(400).default(''), code: z.string().max(12).default('') })), async (c) => {
    const form = c.req.valid('form');
    const result = await twoFactor.enable(c.var.actor, form, c.var.meta);
    if (result.ok) return c.redirect('/security?notice=enabled', 303);
    if (result.error.kind !== 'invalid' || result.error.code === 'two_factor.setup_invalid') return failurePage(c, result.error);
    // The same key again, so the person retries with the next code of what they already scanned.
    const setup = await twoFactor.begin(c.var.actor, form.sealed);
    if (!setup.ok) return failurePage(c, setup.error);
    const { errors } = formErrors(c, result.error);
    return html(c, <SecurityPage page={pageOf(c)} enabled={false} setup={{ ...setup.value, qr: qrSvg(setup.value.keyUri) }} errors={errors} />, 422);
  });

  app.post('/security/two-factor/disable', validated('form', z.object({ password: z.string().max(1024).default(''), code: z.string().max(12).default('') })), async (c) => {
    const result = await twoFactor.disable(c.var.actor, c.req.valid('form'), c.var.meta);
    if (result.ok) return c.redirect('/security?notice=disabled', 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    const { errors } = formErrors(c, result.error);
    return html(c, <SecurityPage page={pageOf(c)} enabled={true} errors={errors} />, 422);
  });

  return app;
}
