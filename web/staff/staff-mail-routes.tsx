import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { notFound } from '../http/params.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { UndeliveredMailPage } from '../views/staff-mail-pages.js';

/** Undelivered mail and "send again"; mounted under /staff. */
export function staffMailRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { undeliveredMail } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));
  app.use('/mail', requireStaff);
  app.use('/mail/*', requireStaff);

  app.get('/mail', validated('query', z.object({ after: z.string().max(200).optional(), sent: z.literal('1').optional() })), async (c) => {
    const query = c.req.valid('query');
    const result = await undeliveredMail.list(c.get('staffAuth')!.actor, query.after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <UndeliveredMailPage page={pageOf(c)} mails={result.value.items} next={result.value.next} notice={query.sent ? c.get('t')('staff.mail.resent') : undefined} />);
  });

  app.post('/mail/:mailId/resend', validated('param', z.object({ mailId: z.uuid() }), notFound), async (c) => {
    const actor = c.get('staffAuth')!.actor;
    const result = await undeliveredMail.resend(actor, c.req.valid('param').mailId, c.get('meta'));
    if (result.ok) return c.redirect('/staff/mail?sent=1', 303);
    if (result.error.kind !== 'conflict') return failurePage(c, result.error);
    const list = await undeliveredMail.list(actor, null);
    if (!list.ok) return failurePage(c, list.error);
    return html(c, <UndeliveredMailPage page={pageOf(c)} mails={list.value.items} next={list.value.next} error={failureMessage(c.get('t'), result.error.code)} />, 409);
  });

  return app;
}
