import type { Locale } from '../identity/locale.js';
import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

export type ArticleStatus = 'draft' | 'published';

/** What an editor writes; the HTML and plain text are made from the Markdown by the renderer. */
export interface ArticleContent {
  readonly categoryId: string;
  readonly locale: Locale;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly keywords: string;
  readonly bodyMarkdown: string;
}

export interface RenderedBody {
  readonly html: string;
  readonly text: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
export const MAX_RELATED = 8;

/** Checks what an editor sent; every field is trimmed, the slug may be left empty (made from the title). */
export function checkContent(input: ArticleContent): Result<ArticleContent, InvalidInput> {
  const title = input.title.trim();
  const summary = input.summary.trim();
  const keywords = input.keywords.trim();
  const bodyMarkdown = input.bodyMarkdown.replace(/\r\n/gu, '\n').trim();
  const slug = (input.slug.trim() || slugify(title)).toLowerCase();
  if (title.length < 3 || title.length > 200) return fail(new InvalidInput('help.title', 'title'));
  if (summary.length > 300) return fail(new InvalidInput('help.summary', 'summary'));
  if (keywords.length > 300) return fail(new InvalidInput('help.keywords', 'keywords'));
  if (bodyMarkdown.length < 10 || bodyMarkdown.length > 50_000) return fail(new InvalidInput('help.body', 'bodyMarkdown'));
  if (!SLUG.test(slug) || slug.length > 120) return fail(new InvalidInput('help.slug', 'slug'));
  return ok({ categoryId: input.categoryId, locale: input.locale, slug, title, summary, keywords, bodyMarkdown });
}

/** A web address part from a title: Croatian letters written without their marks, words joined by dashes. */
export function slugify(title: string): string {
  return title
    .replace(/[đĐ]/gu, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 120)
    .replace(/-+$/u, '');
}

/** A help article in one language. Visitors see it only once it is published. */
export class HelpArticle {
  id!: string;
  categoryId!: string;
  locale!: Locale;
  slug!: string;
  title!: string;
  summary!: string;
  keywords!: string;
  bodyMarkdown!: string;
  bodyHtml!: string;
  bodyText!: string;
  status!: ArticleStatus;
  /** Order within its category and language; smaller first. */
  position!: number;
  /** Grows by one with every change; each change is kept as a revision with this number. */
  revision!: number;
  helpfulCount!: number;
  notHelpfulCount!: number;
  createdAt!: Date;
  /** The last change of what a reader sees (shown as "last updated"). */
  updatedAt!: Date;
  publishedAt!: Date | null;

  static draft(input: { id: string; content: ArticleContent; body: RenderedBody; position: number; now: Date }): HelpArticle {
    const a = new HelpArticle();
    Object.assign(a, {
      id: input.id,
      status: 'draft',
      position: input.position,
      revision: 1,
      helpfulCount: 0,
      notHelpfulCount: 0,
      createdAt: input.now,
      updatedAt: input.now,
      publishedAt: null,
    });
    a.write(input.content, input.body);
    return a;
  }

  edit(content: ArticleContent, body: RenderedBody, now: Date): void {
    this.write(content, body);
    this.updatedAt = now;
    this.revision += 1;
  }

  publish(now: Date): boolean {
    if (this.status === 'published') return false;
    this.status = 'published';
    this.publishedAt ??= now;
    this.updatedAt = now;
    this.revision += 1;
    return true;
  }

  unpublish(now: Date): boolean {
    if (this.status === 'draft') return false;
    this.status = 'draft';
    this.updatedAt = now;
    this.revision += 1;
    return true;
  }

  moveTo(position: number): void {
    this.position = position;
    this.revision += 1;
  }

  /** Drafts are for editors only; a visitor asking for one hears that it does not exist. */
  isPublic(): boolean {
    return this.status === 'published';
  }

  private write(content: ArticleContent, body: RenderedBody): void {
    this.categoryId = content.categoryId;
    this.locale = content.locale;
    this.slug = content.slug;
    this.title = content.title;
    this.summary = content.summary;
    this.keywords = content.keywords;
    this.bodyMarkdown = content.bodyMarkdown;
    this.bodyHtml = body.html;
    this.bodyText = body.text;
  }
}

/** What a list or a search shows of an article. */
export interface ArticleSummary {
  readonly id: string;
  readonly categoryId: string;
  readonly locale: Locale;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly status: ArticleStatus;
  readonly position: number;
  readonly updatedAt: Date;
  readonly helpfulCount: number;
  readonly notHelpfulCount: number;
}

export function summaryOf(a: HelpArticle): ArticleSummary {
  return { id: a.id, categoryId: a.categoryId, locale: a.locale, slug: a.slug, title: a.title, summary: a.summary, status: a.status, position: a.position, updatedAt: a.updatedAt, helpfulCount: a.helpfulCount, notHelpfulCount: a.notHelpfulCount };
}

export type RevisionAction = 'created' | 'edited' | 'published' | 'unpublished' | 'moved' | 'related' | 'deleted';

/** Every change of an article, as it was after the change: what an editor can look back at. */
export interface ArticleRevision {
  readonly id: string;
  readonly articleId: string;
  readonly number: number;
  readonly action: RevisionAction;
  readonly staffId: string;
  readonly at: Date;
  readonly snapshot: {
    readonly title: string;
    readonly slug: string;
    readonly summary: string;
    readonly keywords: string;
    readonly bodyMarkdown: string;
    readonly categoryId: string;
    readonly locale: Locale;
    readonly status: ArticleStatus;
    readonly position: number;
    readonly related: readonly string[];
  };
}
