import type { ArticleListFilter, HelpRepository, SearchQuery, VoteCounts } from '../../application/ports/help-repository.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import { summaryOf, type ArticleRevision, type ArticleStatus, type ArticleSummary, type HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { Locale } from '../../domain/identity/locale.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { byPosition, decodePositionCursor, encodePositionCursor } from './position-cursor.js';

/** Lower case without the marks of letters (č → c, đ → d): what the PostgreSQL adapter gets from unaccent. */
export function fold(text: string): string {
  return text.replace(/[đĐ]/gu, 'd').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const words = (text: string) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** What the PostgreSQL adapter does to a query word: Croatian drops a final vowel of a longer word, English a plural s. */
function queryStem(word: string, locale: Locale): string {
  if (locale === 'hr') return word.length >= 5 ? word.replace(/[aeiou]$/u, '') : word;
  return word.length >= 4 ? word.replace(/s$/u, '') : word;
}

/** The help centre in maps; search is a plain word-prefix match on folded text (no ranking by frequency). */
export class InMemoryHelpRepository implements HelpRepository {
  constructor(private readonly store: InMemoryStore) {}

  private articles(): HelpArticle[] {
    return [...this.store.helpArticles.values()];
  }

  async addCategory(category: HelpCategory): Promise<void> {
    if ([...this.store.helpCategories.values()].some((c) => c.slug === category.slug)) throw new Error('duplicate category slug');
    this.store.helpCategories.set(category.id, copy(category));
  }
  async saveCategory(category: HelpCategory): Promise<void> {
    if ([...this.store.helpCategories.values()].some((c) => c.slug === category.slug && c.id !== category.id)) throw new Error('duplicate category slug');
    this.store.helpCategories.set(category.id, copy(category));
  }
  async findCategoryById(id: string): Promise<HelpCategory | null> {
    const found = this.store.helpCategories.get(id);
    return found ? copy(found) : null;
  }
  async findCategoryBySlug(slug: string): Promise<HelpCategory | null> {
    const found = [...this.store.helpCategories.values()].find((c) => c.slug === slug);
    return found ? copy(found) : null;
  }
  async listCategories(): Promise<HelpCategory[]> {
    return [...this.store.helpCategories.values()].sort(byPosition).map(copy);
  }

  async add(article: HelpArticle): Promise<void> {
    if (this.articles().some((a) => a.slug === article.slug)) throw new Error('duplicate article slug');
    this.store.helpArticles.set(article.id, copy(article));
  }
  async save(article: HelpArticle): Promise<void> {
    if (this.articles().some((a) => a.slug === article.slug && a.id !== article.id)) throw new Error('duplicate article slug');
    // Counts move only through recordVote, as in PostgreSQL, so a stale copy never undoes a vote.
    const stored = this.store.helpArticles.get(article.id);
    this.store.helpArticles.set(article.id, Object.assign(copy(article), stored ? { helpfulCount: stored.helpfulCount, notHelpfulCount: stored.notHelpfulCount } : {}));
  }
  async remove(id: string): Promise<void> {
    this.store.helpArticles.delete(id);
    this.store.helpRelated = this.store.helpRelated.filter((r) => r.articleId !== id && r.relatedId !== id);
    for (const key of [...this.store.helpVotes.keys()]) if (key.startsWith(`${id}|`)) this.store.helpVotes.delete(key);
  }
  async findById(id: string): Promise<HelpArticle | null> {
    const found = this.store.helpArticles.get(id);
    return found ? copy(found) : null;
  }
  async findBySlug(slug: string): Promise<HelpArticle | null> {
    const found = this.articles().find((a) => a.slug === slug);
    return found ? copy(found) : null;
  }
  async listByCategory(filter: ArticleListFilter, page: PageRequest): Promise<Page<ArticleSummary>> {
    const after = decodePositionCursor(page.after);
    const all = this.articles()
      .filter((a) => a.categoryId === filter.categoryId && a.locale === filter.locale && (!filter.publishedOnly || a.isPublic()))
      .sort(byPosition)
      .filter((a) => !after || byPosition(a, after) > 0);
    const items = all.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items: items.map(summaryOf), next: all.length > page.limit && last ? encodePositionCursor(last.position, last.id) : null };
  }
  async listFirstPublished(locale: Locale, perCategory: number): Promise<ArticleSummary[]> {
    const articles = this.articles().filter((x) => x.locale === locale && x.isPublic()).sort(byPosition);
    return [...this.store.helpCategories.values()]
      .sort(byPosition)
      .flatMap((c) => articles.filter((a) => a.categoryId === c.id).slice(0, perCategory))
      .map(summaryOf);
  }
  async findNeighbour(article: HelpArticle, direction: 'up' | 'down'): Promise<HelpArticle | null> {
    const siblings = this.articles()
      .filter((a) => a.categoryId === article.categoryId && a.locale === article.locale && a.id !== article.id)
      .filter((a) => (direction === 'up' ? byPosition(a, article) < 0 : byPosition(a, article) > 0))
      .sort(byPosition);
    const found = direction === 'up' ? siblings[siblings.length - 1] : siblings[0];
    return found ? copy(found) : null;
  }
  async nextPosition(categoryId: string, locale: Locale): Promise<number> {
    const positions = this.articles().filter((a) => a.categoryId === categoryId && a.locale === locale).map((a) => a.position);
    return positions.length ? Math.max(...positions) + 1 : 1;
  }
  async search(query: SearchQuery): Promise<ArticleSummary[]> {
    const wanted = words(query.text.slice(0, 200)).map((w) => queryStem(w, query.locale));
    if (!wanted.length) return [];
    const scored = this.articles()
      .filter((a) => a.locale === query.locale && a.isPublic())
      .map((a) => {
        const title = words(`${a.title} ${a.keywords}`);
        const all = [...title, ...words(`${a.summary} ${a.bodyText}`)];
        const everyWord = wanted.every((w) => all.some((x) => x.startsWith(w)));
        const inTitle = wanted.filter((w) => title.some((x) => x.startsWith(w))).length;
        return { a, everyWord, inTitle };
      })
      .filter((x) => x.everyWord)
      .sort((x, y) => y.inTitle - x.inTitle || byPosition(x.a, y.a));
    return scored.slice(0, query.limit).map((x) => summaryOf(x.a));
  }

  async listRelated(articleId: string, status: ArticleStatus | null): Promise<ArticleSummary[]> {
    return this.store.helpRelated
      .filter((r) => r.articleId === articleId)
      .sort((a, b) => a.position - b.position)
      .map((r) => this.store.helpArticles.get(r.relatedId))
      .filter((a): a is HelpArticle => !!a && (status === null || a.status === status))
      .map(summaryOf);
  }
  async setRelated(articleId: string, relatedIds: readonly string[]): Promise<void> {
    this.store.helpRelated = [...this.store.helpRelated.filter((r) => r.articleId !== articleId), ...relatedIds.map((relatedId, i) => ({ articleId, relatedId, position: i + 1 }))];
  }
  async summariesByIds(ids: readonly string[]): Promise<ArticleSummary[]> {
    return ids.map((id) => this.store.helpArticles.get(id)).filter((a): a is HelpArticle => !!a).map(summaryOf);
  }

  async addRevision(revision: ArticleRevision): Promise<void> {
    if (this.store.helpRevisions.some((r) => r.articleId === revision.articleId && r.number === revision.number)) throw new Error('duplicate revision');
    this.store.helpRevisions.push(structuredClone(revision));
  }
  async listRevisions(articleId: string, page: PageRequest): Promise<Page<ArticleRevision>> {
    const before = page.after && /^\d+$/u.test(page.after) ? Number(page.after) : Number.MAX_SAFE_INTEGER;
    const all = this.store.helpRevisions.filter((r) => r.articleId === articleId && r.number < before).sort((a, b) => b.number - a.number);
    const items = all.slice(0, page.limit).map((r) => structuredClone(r));
    return { items, next: all.length > page.limit ? String(items[items.length - 1]!.number) : null };
  }

  async recordVote(articleId: string, voterHash: string, helpful: boolean): Promise<VoteCounts | null> {
    const key = `${articleId}|${voterHash}`;
    const article = this.store.helpArticles.get(articleId);
    if (!article || this.store.helpVotes.has(key)) return null;
    this.store.helpVotes.set(key, helpful);
    const counted = copy(article);
    if (helpful) counted.helpfulCount += 1;
    else counted.notHelpfulCount += 1;
    this.store.helpArticles.set(articleId, counted);
    return { helpfulCount: counted.helpfulCount, notHelpfulCount: counted.notHelpfulCount };
  }
  async hasVoted(articleId: string, voterHash: string): Promise<boolean> {
    return this.store.helpVotes.has(`${articleId}|${voterHash}`);
  }
}
