import type { ArticleListFilter, HelpRepository, SearchQuery, VoteCounts } from '../../application/ports/help-repository.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { ArticleRevision, ArticleStatus, ArticleSummary, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { Locale } from '../../domain/identity/locale.js';
import { decodePositionCursor, encodePositionCursor } from '../in-memory/position-cursor.js';
import { HelpArticleSchema, HelpCategorySchema } from './help-schemas.js';
import { execute, type Em } from './orm.js';
import type { NotifiedCache } from '../postgres/notified-cache.js';
import { changeTag } from '../postgres/change-tags.js';
import { rowMapper } from './row-mapper.js';

const toCategory = rowMapper(HelpCategorySchema);


interface SummaryRow {
  id: string;
  category_id: string;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  position: number;
  updated_at: string | Date;
  helpful_count: number;
  not_helpful_count: number;
}

const SUMMARY = 'a.id, a.category_id, a.locale, a.slug, a.title, a.summary, a.status, a.position, a.updated_at, a.helpful_count, a.not_helpful_count';

const summaryOf = (r: SummaryRow): ArticleSummary => ({
  id: r.id,
  categoryId: r.category_id,
  locale: r.locale,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  status: r.status,
  position: Number(r.position),
  updatedAt: new Date(r.updated_at),
  helpfulCount: Number(r.helpful_count),
  notHelpfulCount: Number(r.not_helpful_count),
});

/**
 * The help search: every word as a prefix in the full text (unaccented; English stemmed; the title and keywords
 * weigh most), or else the whole query close to the unaccented title (trigrams, for a typo). The two are separate
 * arms of a union, each planned on its own (the trigram arm from its GIN index), each ranked by its own measure;
 * only the best page is joined back for the summaries. The query is made first ($1 tsquery, $2 folded
 * text), so the planner sees real values and no row calls the query builder again. $3 locale, $4 limit.
 */
export const SEARCH_SQL = `with hits as (
    select id, position, ts_rank_cd(search_vector, $1::tsquery) as rank from help_articles
     where locale = $3 and status = 'published' and search_vector @@ $1::tsquery
    union all
    select id, position, word_similarity($2, search_title) as rank from help_articles
     where locale = $3 and status = 'published' and search_title %> $2 and not coalesce(search_vector @@ $1::tsquery, false)
  ), best as (select id, rank from hits order by rank desc, position, id limit $4)
  select ${SUMMARY} from best b join help_articles a on a.id = b.id order by b.rank desc, a.position, a.id`;

/**
 * Help articles in PostgreSQL. Search is full text over a generated tsvector (unaccented; English stemmed) with
 * every query word taken as a prefix, or a trigram match of the unaccented title: both answered from GIN indexes.
 */
export class MikroOrmHelpRepository implements HelpRepository {
  /** Given the read cache (outside a transaction only), the front page's categories and articles are kept until a change. */
  constructor(
    private readonly em: Em,
    private readonly cache: NotifiedCache<unknown> | null = null,
  ) {}

  /** The kept value under `key`, else `read` kept under the help centre's tag (a notice of any change to its tables). */
  private async kept<T extends object>(key: string, read: () => Promise<T>): Promise<T> {
    const frozenRead = async () => Object.freeze(await read());
    return this.cache ? ((await this.cache.through(key, frozenRead, () => [changeTag.help])) as T) : frozenRead();
  }

  async addCategory(category: HelpCategory): Promise<void> {
    this.em.persist(category);
    await this.em.flush();
  }
  async saveCategory(category: HelpCategory): Promise<void> {
    this.em.persist(category);
    await this.em.flush();
  }
  findCategoryById(id: string): Promise<HelpCategory | null> {
    return this.em.findOne(HelpCategorySchema, { id });
  }
  findCategoryBySlug(slug: string): Promise<HelpCategory | null> {
    return this.em.findOne(HelpCategorySchema, { slug });
  }
  /** For showing (every help page lists them): built from the rows, not loaded into the ORM. */
  listCategories(): Promise<HelpCategory[]> {
    return this.kept('help categories', async () => (await execute(this.em, 'select * from help_categories order by position, id limit 200')).map((row) => Object.freeze(toCategory(row))));
  }

  async add(article: HelpArticle): Promise<void> {
    this.em.persist(article);
    await this.em.flush();
  }
  async save(article: HelpArticle): Promise<void> {
    this.em.persist(article);
    await this.em.flush();
  }
  async remove(id: string): Promise<void> {
    // Related links and votes go with it (on delete cascade); revisions stay as the record.
    const article = await this.findById(id);
    if (!article) return;
    this.em.remove(article);
    await this.em.flush();
  }
  findById(id: string): Promise<HelpArticle | null> {
    return this.em.findOne(HelpArticleSchema, { id });
  }
  findBySlug(slug: string): Promise<HelpArticle | null> {
    return this.em.findOne(HelpArticleSchema, { slug });
  }

  async listByCategory(filter: ArticleListFilter, page: PageRequest): Promise<Page<ArticleSummary>> {
    const after = decodePositionCursor(page.after);
    const rows = await execute<SummaryRow>(
      this.em,
      `select ${SUMMARY} from help_articles a
        where a.category_id = $1 and a.locale = $2 ${filter.publishedOnly ? "and a.status = 'published'" : ''}
          and ($3::integer is null or (a.position, a.id) > ($3, $4::uuid))
        order by a.position, a.id limit $5`,
      [filter.categoryId, filter.locale, after?.position ?? null, after?.id ?? null, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map(summaryOf);
    const last = items[items.length - 1];
    return { items, next: rows.length > page.limit && last ? encodePositionCursor(last.position, last.id) : null };
  }

  listFirstPublished(locale: Locale, perCategory: number): Promise<ArticleSummary[]> {
    return this.kept(`help first ${locale} ${perCategory}`, async () => {
      // One index range per category, never a scan of every article.
      const rows = await execute<SummaryRow>(
        this.em,
        `select ${SUMMARY} from help_categories c
          cross join lateral (select * from help_articles x where x.category_id = c.id and x.locale = $1 and x.status = 'published' order by x.position, x.id limit $2) a
          order by c.position, c.id, a.position, a.id`,
        [locale, perCategory],
      );
      return rows.map((row) => Object.freeze(summaryOf(row)));
    });
  }

  async findNeighbour(article: HelpArticle, direction: 'up' | 'down'): Promise<HelpArticle | null> {
    const [row] = await execute<{ id: string }>(
      this.em,
      direction === 'up'
        ? 'select id from help_articles where category_id = $1 and locale = $2 and (position, id) < ($3, $4::uuid) order by position desc, id desc limit 1'
        : 'select id from help_articles where category_id = $1 and locale = $2 and (position, id) > ($3, $4::uuid) order by position, id limit 1',
      [article.categoryId, article.locale, article.position, article.id],
    );
    return row ? this.findById(row.id) : null;
  }

  async nextPosition(categoryId: string, locale: Locale): Promise<number> {
    const [row] = await execute<{ next: number }>(this.em, 'select coalesce(max(position), 0) + 1 as next from help_articles where category_id = $1 and locale = $2', [categoryId, locale]);
    return Number(row?.next ?? 1);
  }

  async search(query: SearchQuery): Promise<ArticleSummary[]> {
    const [made] = await execute<{ tsquery: string | null; folded: string }>(this.em, 'select help_query($1, $2)::text as tsquery, help_fold($1) as folded', [query.text.slice(0, 200), query.locale]);
    if (!made?.folded.trim()) return [];
    // No words left (only punctuation or English stop words): an empty tsquery matches nothing, trigrams may still.
    const rows = await execute<SummaryRow>(this.em, SEARCH_SQL, [made.tsquery ?? '', made.folded, query.locale, query.limit]);
    return rows.map(summaryOf);
  }

  async listRelated(articleId: string, status: ArticleStatus | null): Promise<ArticleSummary[]> {
    const rows = await execute<SummaryRow>(
      this.em,
      `select ${SUMMARY} from help_related r join help_articles a on a.id = r.related_id
        where r.article_id = $1 and ($2::text is null or a.status = $2) order by r.position limit 50`,
      [articleId, status],
    );
    return rows.map(summaryOf);
  }
  async setRelated(articleId: string, relatedIds: readonly string[]): Promise<void> {
    await execute(this.em, 'delete from help_related where article_id = $1', [articleId]);
    if (!relatedIds.length) return;
    await execute(
      this.em,
      'insert into help_related (article_id, related_id, position) select $1, r.id, r.n from unnest($2::uuid[]) with ordinality as r (id, n)',
      [articleId, [...relatedIds]],
    );
  }
  async summariesByIds(ids: readonly string[]): Promise<ArticleSummary[]> {
    if (!ids.length) return [];
    const rows = await execute<SummaryRow>(this.em, `select ${SUMMARY} from help_articles a where a.id = any($1::uuid[]) limit 200`, [[...ids]]);
    const byId = new Map(rows.map((r) => [r.id, summaryOf(r)]));
    return ids.map((id) => byId.get(id)).filter((s): s is ArticleSummary => !!s);
  }

  async addRevision(r: ArticleRevision): Promise<void> {
    await execute(this.em, 'insert into help_revisions (id, article_id, number, action, staff_id, at, snapshot) values ($1, $2, $3, $4, $5, $6, $7)', [r.id, r.articleId, r.number, r.action, r.staffId, r.at, JSON.stringify(r.snapshot)]);
  }
  async listRevisions(articleId: string, page: PageRequest): Promise<Page<ArticleRevision>> {
    const before = page.after && /^\d+$/u.test(page.after) ? Number(page.after) : 2_147_483_647;
    const rows = await execute<{ id: string; article_id: string; number: number; action: ArticleRevision['action']; staff_id: string; at: string | Date; snapshot: ArticleRevision['snapshot'] }>(
      this.em,
      'select * from help_revisions where article_id = $1 and number < $2 order by number desc limit $3',
      [articleId, before, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map((r) => ({ id: r.id, articleId: r.article_id, number: Number(r.number), action: r.action, staffId: r.staff_id, at: new Date(r.at), snapshot: r.snapshot }));
    return { items, next: rows.length > page.limit ? String(items[items.length - 1]!.number) : null };
  }

  async recordVote(articleId: string, voterHash: string, helpful: boolean, at: Date): Promise<VoteCounts | null> {
    // One statement: the vote is inserted only if new, and only then are the counts moved.
    const [row] = await execute<{ helpful_count: number; not_helpful_count: number }>(
      this.em,
      `with vote as (insert into help_votes (article_id, voter_hash, helpful, created_at) values ($1, $2, $3, $4) on conflict do nothing returning helpful)
       update help_articles a set helpful_count = a.helpful_count + (case when v.helpful then 1 else 0 end),
                                  not_helpful_count = a.not_helpful_count + (case when v.helpful then 0 else 1 end)
         from vote v where a.id = $1
       returning a.helpful_count, a.not_helpful_count`,
      [articleId, voterHash, helpful, at],
    );
    return row ? { helpfulCount: Number(row.helpful_count), notHelpfulCount: Number(row.not_helpful_count) } : null;
  }
  async hasVoted(articleId: string, voterHash: string): Promise<boolean> {
    const rows = await execute(this.em, 'select 1 from help_votes where article_id = $1 and voter_hash = $2', [articleId, voterHash]);
    return rows.length > 0;
  }
}
