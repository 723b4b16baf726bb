import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { ArticleInput } from '../../application/help/help-editor.js';
import type { DomainFailure } from '../../domain/shared/result.js';
import type { AppEnv } from '../http/env.js';
import { FAILURE_STATUS } from '../http/failures.js';
import { text } from '../http/forms.js';
import { notFound } from '../http/params.js';
import { failurePage, formErrors, html, pageOf } from '../http/render.js';
import { validated } from '../http/validate.js';
import { noStore } from '../http/security.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import type { Errors } from '../views/auth-pages.js';
import { StaffAnnouncementsPage, StaffArticlePage, StaffHelpPage, StaffNewArticlePage } from '../views/staff-help-pages.js';

const articleForm = z.object({ categoryId: text(40), locale: text(5), slug: text(200), title: text(300), summary: text(400), keywords: text(400), bodyMarkdown: text(50_000) });
const categoryForm = z.object({ nameHr: text(200), nameEn: text(200), descriptionHr: text(400), descriptionEn: text(400), slug: text(100), position: z.string().regex(/^\d{0,6}$/u).default('') });
const idParam = validated('param', z.object({ id: z.uuid() }), notFound);
const categoryInput = (form: z.infer<typeof categoryForm>) => ({ ...form, position: form.position ? Number(form.position) : undefined });

/** The editors' back office for help articles and the announcements to clients; mounted under /staff. */
export function staffHelpRoutes(useCases: UseCases) {
  const app = new Hono<AppEnv>();
  const { helpEditor: editor, announcements } = useCases;
  const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('staffAuth') ? next() : c.redirect('/staff/sign-in', 303));
  for (const path of ['/help', '/help/*', '/announcements', '/announcements/*']) app.use(path, noStore, requireStaff);
  const actor = (c: Context<AppEnv>) => c.get('staffAuth')!.actor;

  const overview = async (c: Context<AppEnv>, filter: { categoryId?: string; locale: 'hr' | 'en'; after?: string | undefined }, extra: { error?: string; categoryErrors?: Errors; status?: 200 | 409 | 422 } = {}) => {
    const result = await editor.overview(actor(c), filter, filter.after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <StaffHelpPage page={pageOf(c)} overview={result.value} error={extra.error} categoryErrors={extra.categoryErrors} />, extra.status ?? 200);
  };

  app.get('/help', validated('query', z.object({ category: z.uuid().optional().catch(undefined), locale: z.enum(['hr', 'en']).default('hr').catch('hr'), after: z.string().max(200).optional() })), (c) => {
    const q = c.req.valid('query');
    return overview(c, { ...(q.category ? { categoryId: q.category } : {}), locale: q.locale, after: q.after });
  });

  app.get('/help/articles/new', async (c) => {
    const categories = await editor.categories(actor(c));
    if (!categories.ok) return failurePage(c, categories.error);
    return html(c, <StaffNewArticlePage page={pageOf(c)} categories={categories.value} values={{ locale: c.get('locale') }} />);
  });

  app.post('/help/articles', validated('form', articleForm), async (c) => {
    const form = c.req.valid('form');
    const result = await editor.create(actor(c), form, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/help/articles/${result.value.id}?notice=saved`, 303);
    if (result.error.kind !== 'invalid' && result.error.kind !== 'conflict') return failurePage(c, result.error);
    const categories = await editor.categories(actor(c));
    const { errors, error } = fieldsOf(c, result.error);
    return html(c, <StaffNewArticlePage page={pageOf(c)} categories={categories.ok ? categories.value : []} values={form} errors={errors} error={error} />, FAILURE_STATUS[result.error.kind] as 409 | 422);
  });

  const show = async (c: Context<AppEnv>, id: string, extra: { values?: ArticleInput; related?: string; failure?: DomainFailure; notice?: string } = {}) => {
    const edit = await editor.show(actor(c), id);
    if (!edit.ok) return failurePage(c, edit.error);
    const { errors, error } = extra.failure ? fieldsOf(c, extra.failure) : { errors: {}, error: undefined };
    const status = extra.failure ? (FAILURE_STATUS[extra.failure.kind] as 409 | 422) : 200;
    return html(c, <StaffArticlePage page={pageOf(c)} edit={edit.value} values={extra.values} related={extra.related} errors={errors} error={error} notice={extra.notice} />, status);
  };

  app.get('/help/articles/:id', idParam, validated('query', z.object({ notice: z.enum(['saved']).optional() })), (c) => show(c, c.req.valid('param').id, c.req.valid('query').notice ? { notice: c.get('t')('staff.help.saved') } : {}));

  app.post('/help/articles/:id', idParam, validated('form', articleForm), async (c) => {
    const { id } = c.req.valid('param');
    const form = c.req.valid('form');
    const result = await editor.update(actor(c), id, form, c.get('meta'));
    if (result.ok) return c.redirect(`/staff/help/articles/${id}?notice=saved`, 303);
    if (result.error.kind !== 'invalid' && result.error.kind !== 'conflict') return failurePage(c, result.error);
    return show(c, id, { values: form, failure: result.error });
  });

  for (const [path, publish] of [['publish', true], ['unpublish', false]] as const) {
    app.post(`/help/articles/:id/${path}`, idParam, async (c) => {
      const { id } = c.req.valid('param');
      const result = await editor.publish(actor(c), id, publish, c.get('meta'));
      return result.ok ? c.redirect(`/staff/help/articles/${id}?notice=saved`, 303) : failurePage(c, result.error);
    });
  }

  app.post('/help/articles/:id/move', idParam, validated('form', z.object({ direction: text(10) })), async (c) => {
    const result = await editor.move(actor(c), c.req.valid('param').id, c.req.valid('form').direction, c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/staff/help?category=${result.value.categoryId}&locale=${result.value.locale}`, 303);
  });

  app.post('/help/articles/:id/related', idParam, validated('form', z.object({ related: text(2000) })), async (c) => {
    const { id } = c.req.valid('param');
    const related = c.req.valid('form').related;
    const result = await editor.setRelated(actor(c), id, related.split(/[\s,]+/u), c.get('meta'));
    if (result.ok) return c.redirect(`/staff/help/articles/${id}?notice=saved`, 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    return show(c, id, { related, failure: result.error });
  });

  app.post('/help/articles/:id/delete', idParam, async (c) => {
    const result = await editor.remove(actor(c), c.req.valid('param').id, c.get('meta'));
    return result.ok ? c.redirect('/staff/help', 303) : failurePage(c, result.error);
  });

  app.post('/help/categories', validated('form', categoryForm), async (c) => {
    const result = await editor.createCategory(actor(c), categoryInput(c.req.valid('form')), c.get('meta'));
    if (result.ok) return c.redirect(`/staff/help?category=${result.value.id}`, 303);
    if (result.error.kind !== 'invalid' && result.error.kind !== 'conflict') return failurePage(c, result.error);
    const { errors, error } = fieldsOf(c, result.error);
    return overview(c, { locale: 'hr' }, { categoryErrors: errors, ...(error ? { error } : {}), status: FAILURE_STATUS[result.error.kind] as 409 | 422 });
  });

  app.post('/help/categories/:id', idParam, validated('form', categoryForm), async (c) => {
    const { id } = c.req.valid('param');
    const result = await editor.updateCategory(actor(c), id, categoryInput(c.req.valid('form')), c.get('meta'));
    if (result.ok) return c.redirect(`/staff/help?category=${id}`, 303);
    if (result.error.kind !== 'invalid' && result.error.kind !== 'conflict') return failurePage(c, result.error);
    return overview(c, { categoryId: id, locale: 'hr' }, { error: failureMessage(c.get('t'), result.error.code, result.error.details), status: FAILURE_STATUS[result.error.kind] as 409 | 422 });
  });

  const announcementsPage = async (c: Context<AppEnv>, after: string | null, extra: { values?: Record<string, string>; failure?: DomainFailure; notice?: string } = {}) => {
    const list = await announcements.staffList(actor(c), after);
    if (!list.ok) return failurePage(c, list.error);
    const { errors } = extra.failure ? fieldsOf(c, extra.failure) : { errors: {} };
    return html(c, <StaffAnnouncementsPage page={pageOf(c)} announcements={list.value.items} next={list.value.next} values={extra.values} errors={errors} notice={extra.notice} />, extra.failure ? 422 : 200);
  };

  app.get('/announcements', validated('query', z.object({ after: z.string().max(200).optional(), notice: z.enum(['published']).optional() })), (c) => {
    const q = c.req.valid('query');
    return announcementsPage(c, q.after ?? null, q.notice ? { notice: c.get('t')('staff.help.saved') } : {});
  });

  app.post('/announcements', validated('form', z.object({ kind: text(20), titleHr: text(300), bodyHr: text(6000), titleEn: text(300), bodyEn: text(6000), mail: z.string().max(5).optional() })), async (c) => {
    const { mail, ...form } = c.req.valid('form');
    const result = await announcements.publish(actor(c), { ...form, mail: mail === 'on' }, c.get('meta'));
    if (result.ok) return c.redirect('/staff/announcements?notice=published', 303);
    if (result.error.kind !== 'invalid') return failurePage(c, result.error);
    return announcementsPage(c, null, { values: form, failure: result.error });
  });

  app.post('/announcements/:id/withdraw', idParam, async (c) => {
    const result = await announcements.withdraw(actor(c), c.req.valid('param').id, c.get('meta'));
    return result.ok ? c.redirect('/staff/announcements', 303) : failurePage(c, result.error);
  });

  return app;
}

/** A failure beside its field, or above the form; a taken address goes beside the address. */
function fieldsOf(c: Context<AppEnv>, failure: DomainFailure): { errors: Errors; error: string | undefined } {
  if (failure.code === 'help.slug_taken') return { errors: { slug: failureMessage(c.get('t'), failure.code, failure.details) }, error: undefined };
  const { errors, error } = formErrors(c, failure);
  return { errors, error };
}
