import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ArticleInput, EditorArticle } from '../../application/help/help-editor.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { ArticleSummary, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { Voter } from '../../domain/help/vote.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { denied, problemContent, requireStaff, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const refused = { ...denied, 404: { description: 'Not found', content: problemContent }, 409: { description: 'Conflict', content: problemContent }, 422: { description: 'Invalid input', content: problemContent } };
const slug = z.string().regex(/^[a-z0-9-]{1,120}$/u);
const locale = z.enum(['hr', 'en']);
const slugParams = z.object({ slug: slug.openapi({ param: { name: 'slug', in: 'path' } }) });
const idParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const CategorySchema = z.object({ id: z.uuid(), slug: z.string(), name: z.object({ hr: z.string(), en: z.string() }), description: z.object({ hr: z.string(), en: z.string() }), position: z.number().int() }).openapi('HelpCategory');
const SummarySchema = z
  .object({ id: z.uuid(), slug: z.string(), locale, categoryId: z.uuid(), title: z.string(), summary: z.string(), status: z.enum(['draft', 'published']), position: z.number().int(), updatedAt: z.string(), votes: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }) })
  .openapi('HelpArticleSummary');
const ArticleSchema = SummarySchema.extend({ keywords: z.string(), bodyMarkdown: z.string(), bodyHtml: z.string().openapi({ description: 'Sanitized HTML: no script, no event handlers, no style' }), publishedAt: z.string().nullable(), revision: z.number().int(), related: z.array(SummarySchema) }).openapi('HelpArticle');
const RevisionSchema = z.object({ number: z.number().int(), action: z.string(), staffId: z.uuid(), at: z.string(), title: z.string(), status: z.string() });
const ArticleInputSchema = z
  .object({ categoryId: z.uuid(), locale, slug: z.string().max(120).default(''), title: z.string().max(300), summary: z.string().max(400).default(''), keywords: z.string().max(400).default(''), bodyMarkdown: z.string().max(50_000) })
  .openapi('HelpArticleInput');
const CategoryInputSchema = z
  .object({ slug: z.string().max(80).default(''), nameHr: z.string().max(100), nameEn: z.string().max(100).default(''), descriptionHr: z.string().max(300).default(''), descriptionEn: z.string().max(300).default(''), position: z.number().int().min(0).max(100_000).optional() })
  .openapi('HelpCategoryInput');
const AnnouncementSchema = z
  .object({ id: z.uuid(), kind: z.enum(['maintenance', 'price', 'news']), title: z.object({ hr: z.string(), en: z.string() }), body: z.object({ hr: z.string(), en: z.string() }), publishedAt: z.string(), withdrawnAt: z.string().nullable(), mailed: z.boolean() })
  .openapi('Announcement');
const pageOf = (schema: z.ZodType) => z.object({ items: z.array(schema), next: z.string().nullable() });

const open = { tags: ['help'] };
const staff = { tags: ['staff'], security: [{ staffSession: [] }], middleware: requireStaff };

const categoriesRoute = createRoute({ ...open, method: 'get', path: '/help/categories', summary: 'Help categories, in order', responses: { 200: { description: 'Categories', content: json(z.object({ items: z.array(CategorySchema) })) } } });
const listRoute = createRoute({
  ...open,
  method: 'get',
  path: '/help/articles',
  summary: 'Published articles of a category in one language, in order',
  request: { query: z.object({ category: slug, locale: locale.default('hr'), after: z.string().max(200).optional() }) },
  responses: { 200: { description: 'A page', content: json(pageOf(SummarySchema)) }, 404: { description: 'No such category', content: problemContent }, 422: { description: 'Invalid input', content: problemContent } },
});
const articleRoute = createRoute({ ...open, method: 'get', path: '/help/articles/{slug}', summary: 'A published article with its related articles', request: { params: slugParams }, responses: { 200: { description: 'The article', content: json(ArticleSchema) }, 404: { description: 'Not found (drafts are not shown)', content: problemContent } } });
const searchRoute = createRoute({
  ...open,
  method: 'get',
  path: '/help/search',
  summary: 'Search published articles, best first',
  description: 'Every word must match (as a prefix), whatever its accents or case: "clanak" finds "članak".',
  request: { query: z.object({ q: z.string().max(200), locale: locale.default('hr') }) },
  responses: { 200: { description: 'Matches (at most 20)', content: json(z.object({ items: z.array(SummarySchema) })) }, 422: { description: 'Invalid input', content: problemContent }, 429: { description: 'Too many searches', content: problemContent } },
});
const voteRoute = createRoute({
  ...open,
  method: 'post',
  path: '/help/articles/{slug}/vote',
  summary: 'Did this article help? One vote per caller and article',
  description: 'The caller is the signed-in user or token owner, otherwise the client address; only a keyed hash of it is stored. A repeated vote changes nothing (counted: false).',
  request: { params: slugParams, body: { required: true, content: json(z.object({ helpful: z.boolean() }).openapi('HelpVote')) } },
  responses: { 200: { description: 'The counts', content: json(z.object({ counted: z.boolean(), helpful: z.number().int(), notHelpful: z.number().int() })) }, 404: { description: 'Not found', content: problemContent }, 429: { description: 'Too many votes', content: problemContent } },
});

const staffListRoute = createRoute({ ...staff, method: 'get', path: '/staff/help/articles', summary: 'Articles of a category in one language, drafts too, with their votes', request: { query: z.object({ category: z.uuid().optional(), locale: locale.default('hr'), after: z.string().max(200).optional() }) }, responses: { 200: { description: 'A page', content: json(pageOf(SummarySchema)) }, ...refused } });
const staffCreateRoute = createRoute({ ...staff, method: 'post', path: '/staff/help/articles', summary: 'Write a new article (a draft)', request: { body: { required: true, content: json(ArticleInputSchema) } }, responses: { 201: { description: 'The draft', content: json(ArticleSchema) }, ...refused } });
const staffShowRoute = createRoute({ ...staff, method: 'get', path: '/staff/help/articles/{id}', summary: 'An article, drafts too, with its revisions', request: { params: idParams }, responses: { 200: { description: 'The article', content: json(ArticleSchema.extend({ revisions: z.array(RevisionSchema) })) }, ...refused } });
const staffUpdateRoute = createRoute({ ...staff, method: 'put', path: '/staff/help/articles/{id}', summary: 'Change an article (kept as a revision)', request: { params: idParams, body: { required: true, content: json(ArticleInputSchema) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) }, ...refused } });
const staffDeleteRoute = createRoute({ ...staff, method: 'delete', path: '/staff/help/articles/{id}', summary: 'Delete an article (its revisions stay)', request: { params: idParams }, responses: { 204: { description: 'Deleted' }, ...refused } });
const staffStatusRoute = createRoute({ ...staff, method: 'put', path: '/staff/help/articles/{id}/status', summary: 'Publish an article or take it back to draft', request: { params: idParams, body: { required: true, content: json(z.object({ status: z.enum(['draft', 'published']) })) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) }, ...refused } });
const staffMoveRoute = createRoute({ ...staff, method: 'post', path: '/staff/help/articles/{id}/move', summary: 'Move an article up or down in its category', request: { params: idParams, body: { required: true, content: json(z.object({ direction: z.enum(['up', 'down']) })) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) }, ...refused } });
const staffRelatedRoute = createRoute({ ...staff, method: 'put', path: '/staff/help/articles/{id}/related', summary: 'Set the related articles, in order, by address', request: { params: idParams, body: { required: true, content: json(z.object({ slugs: z.array(z.string().max(120)).max(20) })) } }, responses: { 200: { description: 'The related articles', content: json(z.object({ items: z.array(SummarySchema) })) }, ...refused } });
const staffCategoryCreateRoute = createRoute({ ...staff, method: 'post', path: '/staff/help/categories', summary: 'Add a category', request: { body: { required: true, content: json(CategoryInputSchema) } }, responses: { 201: { description: 'The category', content: json(CategorySchema) }, ...refused } });
const staffCategoryUpdateRoute = createRoute({ ...staff, method: 'put', path: '/staff/help/categories/{id}', summary: 'Change a category', request: { params: idParams, body: { required: true, content: json(CategoryInputSchema) } }, responses: { 200: { description: 'The category', content: json(CategorySchema) }, ...refused } });
const staffAnnouncementsRoute = createRoute({ ...staff, method: 'get', path: '/staff/announcements', summary: 'Announcements, withdrawn ones too', request: { query: z.object({ after: z.string().max(200).optional() }) }, responses: { 200: { description: 'A page', content: json(pageOf(AnnouncementSchema)) }, ...refused } });
const staffAnnounceRoute = createRoute({
  ...staff,
  method: 'post',
  path: '/staff/announcements',
  summary: 'Publish an announcement, optionally mailed to every client',
  request: { body: { required: true, content: json(z.object({ kind: z.string().max(20), titleHr: z.string().max(300), bodyHr: z.string().max(6000), titleEn: z.string().max(300).default(''), bodyEn: z.string().max(6000).default(''), mail: z.boolean().default(false) }).openapi('NewAnnouncement')) } },
  responses: { 201: { description: 'The announcement', content: json(AnnouncementSchema) }, ...refused },
});
const staffWithdrawRoute = createRoute({ ...staff, method: 'post', path: '/staff/announcements/{id}/withdraw', summary: 'Withdraw an announcement', request: { params: idParams }, responses: { 200: { description: 'The announcement', content: json(AnnouncementSchema) }, ...refused } });

function summaryJson(s: ArticleSummary) {
  return { id: s.id, slug: s.slug, locale: s.locale, categoryId: s.categoryId, title: s.title, summary: s.summary, status: s.status, position: s.position, updatedAt: s.updatedAt.toISOString(), votes: { helpful: s.helpfulCount, notHelpful: s.notHelpfulCount } };
}
function articleJson(a: HelpArticle, related: readonly ArticleSummary[]) {
  return {
    ...summaryJson(a),
    keywords: a.keywords,
    bodyMarkdown: a.bodyMarkdown,
    bodyHtml: a.bodyHtml,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    revision: a.revision,
    related: related.map(summaryJson),
  };
}
const categoryJson = (c: HelpCategory) => ({ id: c.id, slug: c.slug, name: { hr: c.nameHr, en: c.nameEn }, description: { hr: c.descriptionHr, en: c.descriptionEn }, position: c.position });
const announcementJson = (a: Announcement) => ({ id: a.id, kind: a.kind, title: { hr: a.titleHr, en: a.titleEn }, body: { hr: a.bodyHr, en: a.bodyEn }, publishedAt: a.publishedAt.toISOString(), withdrawnAt: a.withdrawnAt?.toISOString() ?? null, mailed: a.mailed });

/** The help centre over JSON: reading, search and votes for anybody; writing for editors. Same use cases as the pages. */
export function registerHelpApi(api: OpenAPIHono<AppEnv>, useCases: UseCases): void {
  const { helpCenter, helpEditor: editor, announcements } = useCases;

  api.openapi(categoriesRoute, async (c) => c.json({ items: (await helpCenter.home(c.var.locale)).categories.map(categoryJson) }, 200));
  api.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await helpCenter.category(q.category, q.locale, q.after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(summaryJson), next: result.value.page.next }, 200);
  });
  api.openapi(articleRoute, async (c) => {
    const result = await helpCenter.article(c.var.apiActor ?? c.var.actor, c.req.valid('param').slug, null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(articleJson(result.value.article, result.value.related), 200);
  });
  api.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await helpCenter.search(q.q, q.locale, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(summaryJson) }, 200);
  });
  api.openapi(voteRoute, async (c) => {
    const actor = c.var.apiActor;
    const voter: Voter = actor?.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'address', id: c.var.meta.clientAddress };
    const result = await helpCenter.vote(c.req.valid('param').slug, c.req.valid('json').helpful, voter, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ counted: result.value.counted, helpful: result.value.helpfulCount, notHelpful: result.value.notHelpfulCount }, 200);
  });

  api.openapi(staffListRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const q = c.req.valid('query');
    const result = await editor.overview(auth.actor, { categoryId: q.category, locale: q.locale }, q.after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(summaryJson), next: result.value.page.next }, 200);
  });
  const detail = (view: EditorArticle) => ({ ...articleJson(view.article, view.related), revisions: view.revisions.items.map((r) => ({ number: r.number, action: r.action, staffId: r.staffId, at: r.at.toISOString(), title: r.snapshot.title, status: r.snapshot.status })) });
  const shown = async (actor: Parameters<typeof editor.show>[0], id: string) => {
    const result = await editor.show(actor, id);
    return result.ok ? detail(result.value) : null;
  };
  api.openapi(staffCreateRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.create(auth.actor, c.req.valid('json') as ArticleInput, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(articleJson(result.value, []), 201);
  });
  api.openapi(staffShowRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.show(auth.actor, c.req.valid('param').id);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detail(result.value), 200);
  });
  api.openapi(staffUpdateRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.update(auth.actor, c.req.valid('param').id, c.req.valid('json') as ArticleInput, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(auth.actor, result.value.id))!, 200);
  });
  api.openapi(staffDeleteRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.remove(auth.actor, c.req.valid('param').id, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(staffStatusRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.publish(auth.actor, c.req.valid('param').id, c.req.valid('json').status === 'published', c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(auth.actor, result.value.id))!, 200);
  });
  api.openapi(staffMoveRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.move(auth.actor, c.req.valid('param').id, c.req.valid('json').direction, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(auth.actor, result.value.id))!, 200);
  });
  api.openapi(staffRelatedRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.setRelated(auth.actor, c.req.valid('param').id, c.req.valid('json').slugs, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(summaryJson) }, 200);
  });
  api.openapi(staffCategoryCreateRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.createCategory(auth.actor, c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(categoryJson(result.value), 201);
  });
  api.openapi(staffCategoryUpdateRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await editor.updateCategory(auth.actor, c.req.valid('param').id, c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(categoryJson(result.value), 200);
  });
  api.openapi(staffAnnouncementsRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await announcements.staffList(auth.actor, c.req.valid('query').after ?? null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(announcementJson), next: result.value.next }, 200);
  });
  api.openapi(staffAnnounceRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await announcements.publish(auth.actor, c.req.valid('json'), c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(announcementJson(result.value), 201);
  });
  api.openapi(staffWithdrawRoute, async (c) => {
    const auth = c.var.staffAuth;
    if (!auth) return unauthenticated(c) as never;
    const result = await announcements.withdraw(auth.actor, c.req.valid('param').id, c.var.meta);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(announcementJson(result.value), 200);
  });
}
