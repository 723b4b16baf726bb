import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { checkContent, HelpArticle, MAX_RELATED, type ArticleContent, type ArticleRevision, type ArticleSummary, type RevisionAction } from '../../domain/help/article.js';
import { checkCategory, HelpCategory, type CategoryInput } from '../../domain/help/category.js';
import { isLocale, type Locale } from '../../domain/identity/locale.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { MarkdownRenderer } from '../ports/markdown-renderer.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

export interface ArticleInput {
  readonly categoryId: string;
  readonly locale: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly keywords: string;
  readonly bodyMarkdown: string;
}

export interface EditorOverview {
  readonly categories: readonly HelpCategory[];
  readonly category: HelpCategory | null;
  readonly locale: Locale;
  readonly page: Page<ArticleSummary>;
}

export interface EditorArticle {
  readonly article: HelpArticle;
  readonly categories: readonly HelpCategory[];
  readonly related: readonly ArticleSummary[];
  readonly revisions: Page<ArticleRevision>;
}

const LIST_PAGE = 50;

/** Staff with the editor role write help articles in Markdown, publish them, order them and link them. Every change is audited and kept as a revision. */
export class HelpEditor {
  constructor(
    private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>,
    private readonly markdown: MarkdownRenderer,
  ) {}

  mayEdit(actor: Actor): boolean {
    return can(actor, { type: 'staff.help' }).allowed;
  }

  /** Renders Markdown as visitors would see it, for the editor's preview. */
  preview(actor: Actor, markdown: string): Result<string, DomainFailure> {
    if (!this.mayEdit(actor)) return fail(new Forbidden('forbidden'));
    return ok(this.markdown.render(markdown.slice(0, 50_000)).html);
  }

  async overview(actor: Actor, filter: { categoryId?: string | undefined; locale: Locale }, after: string | null | Paging): Promise<Result<EditorOverview, DomainFailure>> {
    if (!this.mayEdit(actor)) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const categories = await scope.help.listCategories();
      const category = categories.find((c) => c.id === filter.categoryId) ?? categories[0] ?? null;
      const page = category ? await scope.help.listByCategory({ categoryId: category.id, locale: filter.locale, publishedOnly: false }, pageRequest(after, LIST_PAGE)) : { items: [], next: null };
      return ok({ categories, category, locale: filter.locale, page });
    });
  }

  async show(actor: Actor, id: string, revisionsAfter: string | null = null): Promise<Result<EditorArticle, DomainFailure>> {
    if (!this.mayEdit(actor)) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      return ok({ article, categories: await scope.help.listCategories(), related: await scope.help.listRelated(id, null), revisions: await scope.help.listRevisions(id, { after: revisionsAfter, limit: 20 }) });
    });
  }

  async categories(actor: Actor): Promise<Result<readonly HelpCategory[], DomainFailure>> {
    if (!this.mayEdit(actor)) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.help.listCategories()));
  }

  async create(actor: Actor, input: ArticleInput, meta: RequestMeta): Promise<Result<HelpArticle, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const content = contentOf(input);
    if (!content.ok) return content;
    return this.deps.uow.run(async (scope) => {
      const problem = await this.checkPlace(scope, content.value, null);
      if (problem) return fail(problem);
      const now = this.deps.clock.now();
      const article = HelpArticle.draft({ id: this.deps.ids.newId(), content: content.value, body: this.markdown.render(content.value.bodyMarkdown), position: await scope.help.nextPosition(content.value.categoryId, content.value.locale), now });
      await scope.help.add(article);
      await this.record(scope, actor.staffId, article, 'created', meta);
      return ok(article);
    });
  }

  async update(actor: Actor, id: string, input: ArticleInput, meta: RequestMeta): Promise<Result<HelpArticle, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const content = contentOf(input);
    if (!content.ok) return content;
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      const problem = await this.checkPlace(scope, content.value, article.id);
      if (problem) return fail(problem);
      const moved = content.value.categoryId !== article.categoryId || content.value.locale !== article.locale;
      const position = moved ? await scope.help.nextPosition(content.value.categoryId, content.value.locale) : article.position;
      article.edit(content.value, this.markdown.render(content.value.bodyMarkdown), this.deps.clock.now());
      article.position = position;
      await scope.help.save(article);
      await this.record(scope, actor.staffId, article, 'edited', meta);
      return ok(article);
    });
  }

  async publish(actor: Actor, id: string, publish: boolean, meta: RequestMeta): Promise<Result<HelpArticle, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      const now = this.deps.clock.now();
      if (!(publish ? article.publish(now) : article.unpublish(now))) return ok(article);
      await scope.help.save(article);
      await this.record(scope, actor.staffId, article, publish ? 'published' : 'unpublished', meta);
      return ok(article);
    });
  }

  /** Swaps the article with its neighbour in its category and language. */
  async move(actor: Actor, id: string, direction: string, meta: RequestMeta): Promise<Result<HelpArticle, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    if (direction !== 'up' && direction !== 'down') return fail(new InvalidInput('help.direction', 'direction'));
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      const neighbour = await scope.help.findNeighbour(article, direction);
      if (!neighbour) return ok(article);
      // Equal positions (never made here, but possible in old data) are parted so the order really changes.
      const [mine, theirs] = neighbour.position === article.position ? [direction === 'up' ? article.position - 1 : article.position + 1, article.position] : [neighbour.position, article.position];
      article.moveTo(mine);
      neighbour.moveTo(theirs);
      await scope.help.save(article);
      await scope.help.save(neighbour);
      await this.record(scope, actor.staffId, article, 'moved', meta);
      await this.record(scope, actor.staffId, neighbour, 'moved', meta);
      return ok(article);
    });
  }

  /** Links related articles by their addresses, in the order given; unknown addresses are refused by name. */
  async setRelated(actor: Actor, id: string, slugs: readonly string[], meta: RequestMeta): Promise<Result<readonly ArticleSummary[], DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const wanted = [...new Set(slugs.map((s) => s.trim().toLowerCase()).filter(Boolean))];
    if (wanted.length > MAX_RELATED) return fail(new InvalidInput('help.related_too_many', 'related', { max: MAX_RELATED }));
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      const ids: string[] = [];
      for (const slug of wanted) {
        const found = await scope.help.findBySlug(slug);
        if (!found || found.id === article.id) return fail(new InvalidInput('help.related_unknown', 'related', { slug: slug.slice(0, 120) }));
        ids.push(found.id);
      }
      await scope.help.setRelated(article.id, ids);
      article.revision += 1;
      await scope.help.save(article);
      await this.record(scope, actor.staffId, article, 'related', meta);
      return ok(await scope.help.listRelated(article.id, null));
    });
  }

  async remove(actor: Actor, id: string, meta: RequestMeta): Promise<Result<null, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findById(id);
      if (!article) return fail(new NotFound('not_found'));
      article.revision += 1;
      await this.record(scope, actor.staffId, article, 'deleted', meta);
      await scope.help.remove(article.id);
      return ok(null);
    });
  }

  async createCategory(actor: Actor, input: CategoryInput & { position?: number | undefined }, meta: RequestMeta): Promise<Result<HelpCategory, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const fields = checkCategory(input);
    if (!fields.ok) return fields;
    return this.deps.uow.run(async (scope) => {
      if (await scope.help.findCategoryBySlug(fields.value.slug)) return fail(new Conflict('help.slug_taken', { slug: fields.value.slug }));
      const all = await scope.help.listCategories();
      const category = HelpCategory.create({ id: this.deps.ids.newId(), fields: fields.value, position: input.position ?? (all.length ? Math.max(...all.map((c) => c.position)) + 1 : 1), now: this.deps.clock.now() });
      await scope.help.addCategory(category);
      await audit(scope, this.deps, meta, { action: 'staff.help_category_created', actorKind: 'staff', actorId: actor.staffId, details: { category: category.slug } });
      return ok(category);
    });
  }

  async updateCategory(actor: Actor, id: string, input: CategoryInput & { position?: number | undefined }, meta: RequestMeta): Promise<Result<HelpCategory, DomainFailure>> {
    if (!this.mayEdit(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const fields = checkCategory(input);
    if (!fields.ok) return fields;
    return this.deps.uow.run(async (scope) => {
      const category = await scope.help.findCategoryById(id);
      if (!category) return fail(new NotFound('not_found'));
      const taken = await scope.help.findCategoryBySlug(fields.value.slug);
      if (taken && taken.id !== id) return fail(new Conflict('help.slug_taken', { slug: fields.value.slug }));
      category.update(fields.value, this.deps.clock.now());
      if (input.position !== undefined) category.position = input.position;
      await scope.help.saveCategory(category);
      await audit(scope, this.deps, meta, { action: 'staff.help_category_changed', actorKind: 'staff', actorId: actor.staffId, details: { category: category.slug, position: category.position } });
      return ok(category);
    });
  }

  private async checkPlace(scope: TransactionScope, content: ArticleContent, ownId: string | null): Promise<DomainFailure | null> {
    if (!(await scope.help.findCategoryById(content.categoryId))) return new InvalidInput('help.category', 'categoryId');
    const taken = await scope.help.findBySlug(content.slug);
    return taken && taken.id !== ownId ? new Conflict('help.slug_taken', { slug: content.slug }) : null;
  }

  /** The audit record and the revision of one change, in the change's transaction. */
  private async record(scope: TransactionScope, staffId: string, article: HelpArticle, action: RevisionAction, meta: RequestMeta): Promise<void> {
    const related = action === 'deleted' || action === 'created' ? [] : (await scope.help.listRelated(article.id, null)).map((r) => r.slug);
    await scope.help.addRevision({
      id: this.deps.ids.newId(),
      articleId: article.id,
      number: article.revision,
      action,
      staffId,
      at: this.deps.clock.now(),
      snapshot: { title: article.title, slug: article.slug, summary: article.summary, keywords: article.keywords, bodyMarkdown: article.bodyMarkdown, categoryId: article.categoryId, locale: article.locale, status: article.status, position: article.position, related },
    });
    await audit(scope, this.deps, meta, { action: `staff.help_article_${action}`, actorKind: 'staff', actorId: staffId, details: { article: article.slug, revision: article.revision, status: article.status } });
  }
}

function contentOf(input: ArticleInput): Result<ArticleContent, InvalidInput> {
  if (!isLocale(input.locale)) return fail(new InvalidInput('help.locale', 'locale'));
  return checkContent({ ...input, locale: input.locale });
}
