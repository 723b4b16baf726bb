import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ArticleInput, EditorArticle } from '../../application/help/help-editor.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { ArticleSummary, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { Voter } from '../../domain/help/vote.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { json, listQuery, page, pagingOf, pathIds, staff, staffActor, timestamp, unauthenticated } from './api-common.js';
import { failureResponse } from './problem.js';

const slug = z.string().regex(/^[a-z0-9-]{1,120}$/).openapi({ example: 'zaboravljena-lozinka' });
const locale = z.enum(['hr', 'en']);
const slugParams = z.object({ slug: slug.openapi({ param: { name: 'slug', in: 'path' } }) });
const idParams = pathIds('id');

const CategorySchema = z.object({ id: z.uuid(), slug: z.string(), name: z.object({ hr: z.string(), en: z.string() }), description: z.object({ hr: z.string(), en: z.string() }), position: z.number().int() }).openapi('HelpCategory');
const SummarySchema = z
  .object({ id: z.uuid(), slug: z.string(), locale, categoryId: z.uuid(), title: z.string(), summary: z.string(), status: z.enum(['draft', 'published']), position: z.number().int(), updatedAt: timestamp(), votes: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }) })
  .openapi('HelpArticleSummary');
const ArticleSchema = SummarySchema.extend({ keywords: z.string(), bodyMarkdown: z.string(), bodyHtml: z.string().openapi({ description: 'Sanitized HTML: no script, no event handlers, no style' }), publishedAt: timestamp().nullable(), revision: z.number().int(), related: z.array(SummarySchema) }).openapi('HelpArticle');
const RevisionSchema = z.object({ number: z.number().int(), action: z.string(), staffId: z.uuid(), at: timestamp(), title: z.string(), status: z.string() });
const ArticleInputSchema = z
  .object({ categoryId: z.uuid(), locale, slug: z.string().max(120).default(''), title: z.string().max(300), summary: z.string().max(400).default(''), keywords: z.string().max(400).default(''), bodyMarkdown: z.string().max(50_000) })
  .openapi('HelpArticleInput');
const CategoryInputSchema = z
  .object({ slug: z.string().max(80).default(''), nameHr: z.string().max(100), nameEn: z.string().max(100).default(''), descriptionHr: z.string().max(300).default(''), descriptionEn: z.string().max(300).default(''), position: z.number().int().min(0).max(100_000).optional() })
  .openapi('HelpCategoryInput');
const AnnouncementSchema = z
  .object({ id: z.uuid(), kind: z.enum(['maintenance', 'price', 'news']), title: z.object({ hr: z.string(), en: z.string() }), body: z.object({ hr: z.string(), en: z.string() }), publishedAt: timestamp(), withdrawnAt: timestamp().nullable(), mailed: z.boolean() })
  .openapi('Announcement');

const open = { tags: ['help'] };

const categoriesRoute = createRoute({ operationId: 'listHelpCategories', ...open, method: 'get', path: '/help/categories', summary: 'Help categories, in order', responses: { 200: { description: 'Categories', content: json(z.object({ items: z.array(CategorySchema) })) } } });
const listRoute = createRoute({
  operationId: 'listHelpArticles',
  ...open,
  method: 'get',
  path: '/help/articles',
  summary: 'Published articles of a category in one language, in order',
  request: { query: listQuery.extend({ category: slug.openapi({ param: { name: 'category', in: 'query' } }), locale: locale.default('hr').openapi({ param: { name: 'locale', in: 'query' } }) }) },
  responses: { 200: { description: 'A page', content: json(page(SummarySchema)) }, 404: { description: 'No such category' } },
});
const articleRoute = createRoute({ operationId: 'getHelpArticle', ...open, method: 'get', path: '/help/articles/{slug}', summary: 'A published article with its related articles', request: { params: slugParams }, responses: { 200: { description: 'The article', content: json(ArticleSchema) } } });
const searchRoute = createRoute({
  operationId: 'searchHelp',
  ...open,
  method: 'get',
  path: '/help/search',
  summary: 'Search published articles, best first',
  description: 'Every word must match (as a prefix), whatever its accents or case: "clanak" finds "članak".',
  request: { query: z.object({ q: z.string().max(200).openapi({ param: { name: 'q', in: 'query' }, example: 'lozinka' }), locale: locale.default('hr').openapi({ param: { name: 'locale', in: 'query' } }) }) },
  responses: { 200: { description: 'Matches (at most 20)', content: json(z.object({ items: z.array(SummarySchema) })) } },
});
const voteRoute = createRoute({
  operationId: 'voteOnHelpArticle',
  ...open,
  method: 'post',
  path: '/help/articles/{slug}/vote',
  summary: 'Did this article help? One vote per caller and article',
  description: 'The caller is the signed-in user or token owner, otherwise the client address; only a keyed hash of it is stored. A repeated vote changes nothing (counted: false).',
  request: { params: slugParams, body: { required: true, content: json(z.object({ helpful: z.boolean() }).openapi('HelpVote')) } },
  responses: { 200: { description: 'The counts', content: json(z.object({ counted: z.boolean(), helpful: z.number().int(), notHelpful: z.number().int() })) } },
});

const staffListRoute = createRoute({ operationId: 'listStaffHelpArticles', ...staff, method: 'get', path: '/staff/help/articles', summary: 'Articles of a category in one language, drafts too, with their votes', request: { query: listQuery.extend({ category: z.uuid().optional().openapi({ param: { name: 'category', in: 'query' } }), locale: locale.default('hr').openapi({ param: { name: 'locale', in: 'query' } }) }) }, responses: { 200: { description: 'A page', content: json(page(SummarySchema)) } } });
const staffCreateRoute = createRoute({ operationId: 'createHelpArticle', ...staff, method: 'post', path: '/staff/help/articles', summary: 'Write a new article (a draft)', request: { body: { required: true, content: json(ArticleInputSchema) } }, responses: { 201: { description: 'The draft', content: json(ArticleSchema) } } });
const staffShowRoute = createRoute({ operationId: 'getStaffHelpArticle', ...staff, method: 'get', path: '/staff/help/articles/{id}', summary: 'An article, drafts too, with its revisions', request: { params: idParams }, responses: { 200: { description: 'The article', content: json(ArticleSchema.extend({ revisions: z.array(RevisionSchema) })) } } });
const staffUpdateRoute = createRoute({ operationId: 'changeHelpArticle', ...staff, method: 'put', path: '/staff/help/articles/{id}', summary: 'Change an article (kept as a revision)', request: { params: idParams, body: { required: true, content: json(ArticleInputSchema) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) } } });
const staffDeleteRoute = createRoute({ operationId: 'deleteHelpArticle', ...staff, method: 'delete', path: '/staff/help/articles/{id}', summary: 'Delete an article (its revisions stay)', request: { params: idParams }, responses: { 204: { description: 'Deleted' } } });
const staffStatusRoute = createRoute({ operationId: 'setHelpArticleStatus', ...staff, method: 'put', path: '/staff/help/articles/{id}/status', summary: 'Publish an article or take it back to draft', request: { params: idParams, body: { required: true, content: json(z.object({ status: z.enum(['draft', 'published']) })) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) } } });
const staffMoveRoute = createRoute({ operationId: 'moveHelpArticle', ...staff, method: 'post', path: '/staff/help/articles/{id}/move', summary: 'Move an article up or down in its category', request: { params: idParams, body: { required: true, content: json(z.object({ direction: z.enum(['up', 'down']) })) } }, responses: { 200: { description: 'The article', content: json(ArticleSchema) } } });
const staffRelatedRoute = createRoute({ operationId: 'setRelatedHelpArticles', ...staff, method: 'put', path: '/staff/help/articles/{id}/related', summary: 'Set the related articles, in order, by address', request: { params: idParams, body: { required: true, content: json(z.object({ slugs: z.array(z.string().max(120)).max(20) })) } }, responses: { 200: { description: 'The related articles', content: json(z.object({ items: z.array(SummarySchema) })) } } });
const staffCategoryCreateRoute = createRoute({ operationId: 'createHelpCategory', ...staff, method: 'post', path: '/staff/help/categories', summary: 'Add a category', request: { body: { required: true, content: json(CategoryInputSchema) } }, responses: { 201: { description: 'The category', content: json(CategorySchema) } } });
const staffCategoryUpdateRoute = createRoute({ operationId: 'changeHelpCategory', ...staff, method: 'put', path: '/staff/help/categories/{id}', summary: 'Change a category', request: { params: idParams, body: { required: true, content: json(CategoryInputSchema) } }, responses: { 200: { description: 'The category', content: json(CategorySchema) } } });
const staffAnnouncementsRoute = createRoute({ operationId: 'listStaffAnnouncements', ...staff, method: 'get', path: '/staff/announcements', summary: 'Announcements, withdrawn ones too', request: { query: listQuery }, responses: { 200: { description: 'A page', content: json(page(AnnouncementSchema)) } } });
const staffAnnounceRoute = createRoute({
  operationId: 'publishAnnouncement',
  ...staff,
  method: 'post',
  path: '/staff/announcements',
  summary: 'Publish an announcement, optionally mailed to every client',
  request: { body: { required: true, content: json(z.object({ kind: z.enum(['maintenance', 'price', 'news']), titleHr: z.string().max(300), bodyHr: z.string().max(6000), titleEn: z.string().max(300).default(''), bodyEn: z.string().max(6000).default(''), mail: z.boolean().default(false) }).openapi('NewAnnouncement')) } },
  responses: { 201: { description: 'The announcement', content: json(AnnouncementSchema) } },
});
const staffWithdrawRoute = createRoute({ operationId: 'withdrawAnnouncement', ...staff, method: 'post', path: '/staff/announcements/{id}/withdraw', summary: 'Withdraw an announcement', request: { params: idParams }, responses: { 200: { description: 'The announcement', content: json(AnnouncementSchema) } } });

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

  api.openapi(categoriesRoute, async (c) => c.json({ items: (await helpCenter.home(c.get('locale'))).categories.map(categoryJson) }, 200));
  api.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await helpCenter.category(q.category, q.locale, pagingOf(q));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(summaryJson), next: result.value.page.next }, 200);
  });
  api.openapi(articleRoute, async (c) => {
    const result = await helpCenter.article(c.get('apiActor') ?? c.get('actor'), c.req.valid('param').slug, null);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(articleJson(result.value.article, result.value.related), 200);
  });
  api.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await helpCenter.search(q.q, q.locale, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(summaryJson) }, 200);
  });
  api.openapi(voteRoute, async (c) => {
    const actor = c.get('apiActor');
    const voter: Voter = actor?.kind === 'user' ? { kind: 'user', id: actor.userId } : { kind: 'address', id: c.get('meta').clientAddress };
    const result = await helpCenter.vote(c.req.valid('param').slug, c.req.valid('json').helpful, voter, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ counted: result.value.counted, helpful: result.value.helpfulCount, notHelpful: result.value.notHelpfulCount }, 200);
  });

  api.openapi(staffListRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const q = c.req.valid('query');
    const result = await editor.overview(actor, { categoryId: q.category, locale: q.locale }, pagingOf(q));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.page.items.map(summaryJson), next: result.value.page.next }, 200);
  });
  const detail = (view: EditorArticle) => ({ ...articleJson(view.article, view.related), revisions: view.revisions.items.map((r) => ({ number: r.number, action: r.action, staffId: r.staffId, at: r.at.toISOString(), title: r.snapshot.title, status: r.snapshot.status })) });
  const shown = async (actor: Parameters<typeof editor.show>[0], id: string) => {
    const result = await editor.show(actor, id);
    return result.ok ? detail(result.value) : null;
  };
  api.openapi(staffCreateRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.create(actor, c.req.valid('json') as ArticleInput, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(articleJson(result.value, []), 201);
  });
  api.openapi(staffShowRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.show(actor, c.req.valid('param').id);
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(detail(result.value), 200);
  });
  api.openapi(staffUpdateRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.update(actor, c.req.valid('param').id, c.req.valid('json') as ArticleInput, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(actor, result.value.id))!, 200);
  });
  api.openapi(staffDeleteRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.remove(actor, c.req.valid('param').id, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.body(null, 204);
  });
  api.openapi(staffStatusRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.publish(actor, c.req.valid('param').id, c.req.valid('json').status === 'published', c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(actor, result.value.id))!, 200);
  });
  api.openapi(staffMoveRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.move(actor, c.req.valid('param').id, c.req.valid('json').direction, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json((await shown(actor, result.value.id))!, 200);
  });
  api.openapi(staffRelatedRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.setRelated(actor, c.req.valid('param').id, c.req.valid('json').slugs, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.map(summaryJson) }, 200);
  });
  api.openapi(staffCategoryCreateRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.createCategory(actor, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(categoryJson(result.value), 201);
  });
  api.openapi(staffCategoryUpdateRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await editor.updateCategory(actor, c.req.valid('param').id, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(categoryJson(result.value), 200);
  });
  api.openapi(staffAnnouncementsRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await announcements.staffList(actor, pagingOf(c.req.valid('query')));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json({ items: result.value.items.map(announcementJson), next: result.value.next }, 200);
  });
  api.openapi(staffAnnounceRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await announcements.publish(actor, c.req.valid('json'), c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(announcementJson(result.value), 201);
  });
  api.openapi(staffWithdrawRoute, async (c) => {
    const actor = staffActor(c);
    if (!actor) return unauthenticated(c) as never;
    const result = await announcements.withdraw(actor, c.req.valid('param').id, c.get('meta'));
    if (!result.ok) return failureResponse(c, result.error) as never;
    return c.json(announcementJson(result.value), 200);
  });
}
