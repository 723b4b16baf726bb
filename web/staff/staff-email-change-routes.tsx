import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { failurePage, html, pageOf } from '../http/render.js';
import { documentResponse } from '../http/pdf.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { StaffEmailChangePage, StaffEmailChangesPage, StaffProfileLocksPage } from '../views/email-change-pages.js';
import { accountParam, notFound } from '../http/params.js';

const requestParam = validated('param', z.object({ requestId: z.uuid() }), notFound);

/** The verifier's queue and decisions, and profile locks; mounted under /staff. */
export function staffEmailChangeRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { emailChange, profile } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));
  app.use('/email-changes', requireStaff);
  app.use('/email-changes/*', requireStaff);
  app.use('/accounts/*', requireStaff);

  app.get('/email-changes', validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await emailChange.queue(c.get('staffAuth')!.actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffEmailChangesPage page={pageOf(c)} items={result.value.items} next={result.value.next} />);
  });

  app.get('/email-changes/:requestId', requestParam, validated('query', z.object({ notice: z.enum(['approved', 'rejected']).optional(), confirm: z.enum(['approve']).optional() })), async (c) => {
    const view = await emailChange.detail(c.get('staffAuth')!.actor, c.req.valid('param').requestId);
    if (!view.ok) return failurePage(c, view.error);
    const { notice, confirm } = c.req.valid('query');
    return html(c, <StaffEmailChangePage page={pageOf(c)} view={view.value} notice={notice ? c.get('t')(`staff.emailChanges.${notice}`) : undefined} confirmApprove={confirm === 'approve'} />);
  });

  app.get('/email-changes/:requestId/document', requestParam, async (c) => {
    const doc = await emailChange.document(c.get('staffAuth')!.actor, c.req.valid('param').requestId, c.get('meta'));
    if (!doc.ok) return failurePage(c, doc.error);
    return documentResponse({ fileName: doc.value.name, bytes: doc.value.content, type: doc.value.type });
  });

  const decided = async (c: Context<AppEnv>, requestId: string, result: Awaited<ReturnType<typeof emailChange.approve>>, notice: 'approved' | 'rejected') => {
    if (result.ok) return c.redirect(`/staff/email-changes/${requestId}?notice=${notice}`, 303);
    const view = await emailChange.detail(c.get('staffAuth')!.actor, requestId);
    if (!view.ok || result.error.kind === 'forbidden' || result.error.kind === 'not_found') return failurePage(c, result.error);
    return html(c, <StaffEmailChangePage page={pageOf(c)} view={view.value} error={failureMessage(c.get('t'), result.error.code, result.error.details)} />, FAILURE_STATUS[result.error.kind]);
  };

  app.post('/email-changes/:requestId/approve', requestParam, async (c) => {
    const { requestId } = c.req.valid('param');
    return decided(c, requestId, await emailChange.approve(c.get('staffAuth')!.actor, requestId, c.get('meta')), 'approved');
  });

  app.post('/email-changes/:requestId/reject', requestParam, validated('form', z.object({ reason: z.string().max(1000).default('') })), async (c) => {
    const { requestId } = c.req.valid('param');
    return decided(c, requestId, await emailChange.reject(c.get('staffAuth')!.actor, requestId, c.req.valid('form').reason, c.get('meta')), 'rejected');
  });

  app.get('/accounts/:accountId/profile', accountParam, validated('query', z.object({ notice: z.enum(['saved']).optional() })), async (c) => {
    const shown = await profile.show(c.get('staffAuth')!.actor, c.req.valid('param').accountId);
    if (!shown.ok) return failurePage(c, shown.error);
    return html(c, <StaffProfileLocksPage page={pageOf(c)} account={shown.value.account} notice={c.req.valid('query').notice ? c.get('t')('staff.locks.saved') : undefined} />);
  });

  app.post('/accounts/:accountId/locks', accountParam, validated('form', z.object({ fields: z.union([z.string().max(20), z.array(z.string().max(20)).max(5)]).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const fields = c.req.valid('form').fields;
    const result = await profile.lock(c.get('staffAuth')!.actor, accountId, fields === undefined ? [] : Array.isArray(fields) ? fields : [fields], c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/accounts/${accountId}/profile?notice=saved`, 303);
  });

  return app;
}
