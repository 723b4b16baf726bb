import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { accountParam } from '../http/params.js';
import { fileField, uploadOf } from '../http/forms.js';
import type { UseCases } from '../use-cases.js';
import { EmailChangeLinkPage, OwnerEmailChangePage, ProfilePage, PublicEmailChangePage } from '../views/email-change-pages.js';


/** The bytes of an uploaded file; a missing or empty field gives no bytes (the use case says what is wrong). */
const bytesOf = async (file: unknown): Promise<Uint8Array> => (await uploadOf(file))?.content ?? new Uint8Array();

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
    const shown = await profile.show(c.get('actor'), c.req.valid('param').accountId);
    if (!shown.ok) return failurePage(c, shown.error);
    const notice = c.req.valid('query').notice ? c.get('t')('profile.saved') : undefined;
    return html(c, <ProfilePage page={pageOf(c)} {...shown.value} notice={notice} />);
  });

  app.post('/accounts/:accountId/profile', accountParam, validated('form', profileForm), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await profile.update(c.get('actor'), accountId, form, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/profile?notice=saved`, 303);
    const shown = await profile.show(c.get('actor'), accountId);
    if (result.error.kind !== 'invalid' || !shown.ok) return failurePage(c, result.error);
    return html(c, <ProfilePage page={pageOf(c)} {...shown.value} values={form} errors={formErrors(c, result.error).errors} />, 422);
  });

  app.get('/accounts/:accountId/email-change', accountParam, validated('query', z.object({ notice: z.enum(['sent']).optional() })), async (c) => {
    const { accountId } = c.req.valid('param');
    const current = await emailChange.current(c.get('actor'), accountId);
    const shown = await profile.show(c.get('actor'), accountId);
    if (!current.ok) return failurePage(c, current.error);
    if (!shown.ok) return failurePage(c, shown.error);
    const notice = c.req.valid('query').notice ? c.get('t')('emailChange.sent') : undefined;
    return html(c, <OwnerEmailChangePage page={pageOf(c)} account={shown.value.account} current={current.value} notice={notice} />);
  });

  app.post('/accounts/:accountId/email-change', accountParam, validated('form', z.object({ newEmail: z.string().max(254).default(''), password: z.string().max(1024).default(''), document: fileField })), async (c) => {
    const { accountId } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await emailChange.requestAsOwner(c.get('actor'), accountId, { newEmail: form.newEmail, password: form.password, document: await bytesOf(form.document) }, c.get('meta'));
    if (result.ok) return c.redirect(`/accounts/${accountId}/email-change?notice=sent`, 303);
    const shown = await profile.show(c.get('actor'), accountId);
    if (result.error.kind === 'forbidden' || !shown.ok) return failurePage(c, result.error);
    const { errors, error } = formErrors(c, result.error);
    return html(c, <OwnerEmailChangePage page={pageOf(c)} account={shown.value.account} current={null} newEmail={form.newEmail} errors={errors} error={error} />, FAILURE_STATUS[result.error.kind]);
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

  app.post('/email-change', validated('form', z.object({ oib: z.string().max(20).default(''), newEmail: z.string().max(254).default(''), document: fileField })), async (c) => {
    const form = c.req.valid('form');
    const result = await emailChange.requestPublic({ oib: form.oib, newEmail: form.newEmail, document: await bytesOf(form.document) }, c.get('meta'));
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
      const result = kind === 'confirm' ? await emailChange.confirm(token, c.get('meta')) : await emailChange.cancel(token, c.get('meta'));
      if (!result.ok) return failurePage(c, result.error);
      return html(c, <EmailChangeLinkPage page={pageOf(c)} kind={kind} token={token} accountName="" newEmail={result.value.newEmail} done />);
    });
  }
  return app;
}
