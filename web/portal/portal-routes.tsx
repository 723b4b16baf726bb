import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import type { UseCases } from '../use-cases.js';
import { DashboardPage, EmailListPage, EmailPage } from '../views/portal-pages.js';

const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.auth) return c.redirect('/sign-in?notice=expired', 303);
  return next();
};

const notFound = (c: Context<AppEnv>) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });

/** The signed-in client's pages. Every read goes through a use case that asks the policy. */
export function portalRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  app.use('/dashboard', noStore, requireUser);
  app.use('/accounts/*', noStore, requireUser);

  app.get('/dashboard', async (c) => {
    const accounts = await useCases.listMyAccounts.execute(c.var.actor);
    return html(c, <DashboardPage page={pageOf(c)} accounts={accounts} />);
  });

  app.get(
    '/accounts/:accountId/emails',
    validated('param', z.object({ accountId: z.uuid() }), notFound),
    validated('query', z.object({ after: z.string().max(200).optional() })),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const result = await useCases.accountMails.list(c.var.actor, accountId, { after: c.req.valid('query').after ?? null });
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailListPage page={pageOf(c)} accountId={accountId} mails={result.value.items} next={result.value.next} />);
    },
  );

  app.get(
    '/accounts/:accountId/emails/:mailId',
    validated('param', z.object({ accountId: z.uuid(), mailId: z.uuid() }), notFound),
    async (c) => {
      const { accountId, mailId } = c.req.valid('param');
      const result = await useCases.accountMails.show(c.var.actor, accountId, mailId);
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailPage page={pageOf(c)} accountId={accountId} mail={result.value} />);
    },
  );

  return app;
}
