import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { documentResponse } from '../http/pdf.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import type { UseCases } from '../use-cases.js';
import { EmailChangeLinkPage, OwnerEmailChangePage, ProfilePage, PublicEmailChangePage, StaffEmailChangePage, StaffEmailChangesPage, StaffProfileLocksPage } from '../views/email-change-pages.js';

const notFound = (c: Context<AppEnv>) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });
const accountParam = validated('param', z.object({ accountId: z.uuid() }), notFound);
const statusOf = (kind: string) => (kind === 'forbidden' ? 403 : kind === 'conflict' ? 409 : kind === 'rate_limited' ? 429 : 422);

/** The bytes of an uploaded file; a missing or empty field gives no bytes (the use case says what is wrong). */
const bytesOf = async (file: unknown): Promise<Uint8Array> => (file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array());
const upload = z.union([z.instanceof(File), z.string().max(0)]).optional();

const profileForm = z.object({
  name: z.string().max(300).default(''),
  street: z.string().max(300).default(''),
  postalCode: z.string().max(20).default(''),
  city: z.string().max(200).default(''),
  phone: z.string().max(60).default(''),
});

/** The client's profile and the owner's email-change request; mounted under the signed-in portal. */
export function profileRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { profile, emailChange } = useCases;

  app.get('/accounts/:accountId/profile', accountParam, validated('query', z.object({ notice: z.enum(['saved']).optional() })), async (c) => {
    const shown = await profile.show(c.var.actor, c.req.valid('param').accountId);
    if (!shown.ok) return failurePage(c, shown.error);
    const notice = c.req.valid('query').notice ? c.var.t('profile.saved') : undefined;
    return html(c, <ProfilePage page={pageOf(c)} {...shown.value} notice={notice} />);
  });

  app.post('/accounts/:accountId/profile', accountParam, validated('form', profileForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await profile.update(c.var.actor, accountId, form, c.var.meta);
    if (result.ok) return c.redirect(`/accounts/${accountId}/profile?notice=saved`, 303);
    const shown = await profile.show(c.var.actor, accountId);
    if (result.error.kind !== 'invalid' || !shown.ok) return failurePage(c, result.error);
    return html(c, <ProfilePage page={pageOf(c)} {...shown.value} values={form} errors={formErrors(c, result.error).errors} />, 422);
  });

  app.get('/accounts/:accountId/email-change', accountParam, validated('query', z.object({ notice: z.enum(['sent']).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const current = await emailChange.current(c.var.actor, accountId);
    const shown = await profile.show(c.var.actor, accountId);
    if (!current.ok) return failurePage(c, current.error);
    if (!shown.ok) return failurePage(c, shown.error);
    const notice = c.req.valid('query').notice ? c.var.t('emailChange.sent') : undefined;
    return html(c, <OwnerEmailChangePage page={pageOf(c)} account={shown.value.account} current={current.value} notice={notice} />);
  });

  app.post('/accounts/:accountId/email-change', accountParam, validated('form', z.object({ newEmail: z.string().max(254).default(''), password: z.string().max(1024).default(''), document: upload })), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await emailChange.requestAsOwner(c.var.actor, accountId, { newEmail: form.newEmail, password: form.password, document: await bytesOf(form.document) }, c.var.meta);
    if (result.ok) return c.redirect(`/accounts/${accountId}/email-change?notice=sent`, 303);
    const shown = await profile.show(c.var.actor, accountId);
    if (result.error.kind === 'forbidden' || !shown.ok) return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <OwnerEmailChangePage page={pageOf(c)} account={shown.value.account} current={null} newEmail={form.newEmail} errors={errors} error={error} />, statusOf(result.error.kind));
  });

  return app;
}

const tokenParam = validated('param', z.object({ token: z.string().regex(/^[a-z2-7]{16,64}$/u) }), (c) => failurePage(c, { kind: 'invalid', code: 'email_change.link_invalid', details: {} }));

/** The public request form and the two links of the mails; no session needed (the links are the proof). */
export function publicEmailChangeRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { emailChange } = useCases;
  app.use('/email-change', noStore);
  app.use('/email-change/*', noStore);

  app.get('/email-change', (c) => html(c, <PublicEmailChangePage page={pageOf(c)} />));

  app.post('/email-change', validated('form', z.object({ oib: z.string().max(20).default(''), newEmail: z.string().max(254).default(''), document: upload })), async (c) => {
    const form = c.req.valid('form');
    const result = await emailChange.requestPublic({ oib: form.oib, newEmail: form.newEmail, document: await bytesOf(form.document) }, c.var.meta);
    if (result.ok) return html(c, <PublicEmailChangePage page={pageOf(c)} sent />);
    if (result.error.kind === 'rate_limited') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <PublicEmailChangePage page={pageOf(c)} values={{ oib: form.oib, newEmail: form.newEmail }} errors={errors} error={error} />, 422);
  });

  for (const kind of ['confirm', 'cancel'] as const) {
    app.get(`/email-change/${kind}/:token`, tokenParam, async (c) => {
      const { token } = c.req.valid('param');
      const shown = await emailChange.showLink(kind, token);
      if (!shown.ok) return failurePage(c, shown.error);
      return html(c, <EmailChangeLinkPage page={pageOf(c)} kind={kind} token={token} accountName={shown.value.accountName} newEmail={shown.value.request.newEmail} />);
    });
    app.post(`/email-change/${kind}/:token`, tokenParam, async (c) => {
      const { token } = c.req.valid('param');
      const result = kind === 'confirm' ? await emailChange.confirm(token, c.var.meta) : await emailChange.cancel(token, c.var.meta);
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailChangeLinkPage page={pageOf(c)} kind={kind} token={token} accountName="" newEmail={result.value.newEmail} done />);
    });
  }
  return app;
}

const requestParam = validated('param', z.object({ requestId: z.uuid() }), notFound);

/** The verifier's queue and decisions, and profile locks; mounted under /staff. */
export function staffEmailChangeRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { emailChange, profile } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.var.staffAuth ? next() : c.redirect('/staff/sign-in', 303));
  app.use('/email-changes', requireStaff);
  app.use('/email-changes/*', requireStaff);
  app.use('/accounts/*', requireStaff);

  app.get('/email-changes', validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await emailChange.queue(c.var.staffAuth!.actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffEmailChangesPage page={pageOf(c)} items={result.value.items} next={result.value.next} />);
  });

  app.get('/email-changes/:requestId', requestParam, validated('query', z.object({ notice: z.enum(['approved', 'rejected']).optional() })), async (c) => {
    const view = await emailChange.detail(c.var.staffAuth!.actor, c.req.valid('param').requestId);
    if (!view.ok) return failurePage(c, view.error);
    const notice = c.req.valid('query').notice;
    return html(c, <StaffEmailChangePage page={pageOf(c)} view={view.value} notice={notice ? c.var.t(`staff.emailChanges.${notice}`) : undefined} />);
  });

  app.get('/email-changes/:requestId/document', requestParam, async (c) => {
    const doc = await emailChange.document(c.var.staffAuth!.actor, c.req.valid('param').requestId, c.var.meta);
    if (!doc.ok) return failurePage(c, doc.error);
    return documentResponse({ fileName: doc.value.name, bytes: doc.value.content, type: doc.value.type });
  });

  const decided = async (c: Context<AppEnv>, requestId: string, result: Awaited<ReturnType<typeof emailChange.approve>>, notice: 'approved' | 'rejected') => {
    if (result.ok) return c.redirect(`/staff/email-changes/${requestId}?notice=${notice}`, 303);
    const view = await emailChange.detail(c.var.staffAuth!.actor, requestId);
    if (!view.ok || result.error.kind === 'forbidden' || result.error.kind === 'not_found') return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <StaffEmailChangePage page={pageOf(c)} view={view.value} error={error ?? Object.values(errors)[0]} />, statusOf(result.error.kind));
  };

  app.post('/email-changes/:requestId/approve', requestParam, async (c) => {
    const { requestId } = c.req.valid('param');
    return decided(c, requestId, await emailChange.approve(c.var.staffAuth!.actor, requestId, c.var.meta), 'approved');
  });

  app.post('/email-changes/:requestId/reject', requestParam, validated('form', z.object({ reason: z.string().max(1000).default('') })), async (c) => {
    const { requestId } = c.req.valid('param');
    return decided(c, requestId, await emailChange.reject(c.var.staffAuth!.actor, requestId, c.req.valid('form').reason, c.var.meta), 'rejected');
  });

  app.get('/accounts/:accountId/profile', accountParam, validated('query', z.object({ notice: z.enum(['saved']).optional() })), async (c) => {
    const actor = c.var.staffAuth!.actor;
    const shown = useCases.profile.mayLock(actor) ? await profile.show(actor, c.req.valid('param').accountId) : null;
    if (!shown) return failurePage(c, { kind: 'forbidden', code: 'forbidden', details: {} });
    if (!shown.ok) return failurePage(c, shown.error);
    return html(c, <StaffProfileLocksPage page={pageOf(c)} account={shown.value.account} notice={c.req.valid('query').notice ? c.var.t('staff.locks.saved') : undefined} />);
  });

  app.post('/accounts/:accountId/locks', accountParam, validated('form', z.object({ fields: z.union([z.string().max(20), z.array(z.string().max(20)).max(5)]).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const fields = c.req.valid('form').fields;
    const result = await profile.lock(c.var.staffAuth!.actor, accountId, fields === undefined ? [] : Array.isArray(fields) ? fields : [fields], c.var.meta);
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/accounts/${accountId}/profile?notice=saved`, 303);
  });

  return app;
}
