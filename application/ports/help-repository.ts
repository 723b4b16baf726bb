import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { ArticleRevision, ArticleStatus, ArticleSummary, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { Page, PageRequest } from './repositories.js';

export interface ArticleListFilter {
  readonly categoryId: string;
  readonly locale: Locale;
  /** Only published articles (what visitors see), or every article (editors). */
  readonly publishedOnly: boolean;
}

export interface VoteCounts {
  readonly helpfulCount: number;
  readonly notHelpfulCount: number;
}

export interface SearchQuery {
  readonly text: string;
  readonly locale: Locale;
  readonly limit: number;
}

/** Help articles, their categories, revisions, related links and votes. */
export interface HelpRepository {
  addCategory(category: HelpCategory): Promise<void>;
  saveCategory(category: HelpCategory): Promise<void>;
  findCategoryById(id: string): Promise<HelpCategory | null>;
  findCategoryBySlug(slug: string): Promise<HelpCategory | null>;
  /** Every category in order (a help centre has tens, not thousands). */
  listCategories(): Promise<HelpCategory[]>;

  add(article: HelpArticle): Promise<void>;
  save(article: HelpArticle): Promise<void>;
  remove(id: string): Promise<void>;
  findById(id: string): Promise<HelpArticle | null>;
  findBySlug(slug: string): Promise<HelpArticle | null>;
  /** The articles of a category in one language, by position, a keyset page at a time. */
  listByCategory(filter: ArticleListFilter, page: PageRequest): Promise<Page<ArticleSummary>>;
  /** The first `perCategory` published articles of every category in one language: the help centre's front page. */
  listFirstPublished(locale: Locale, perCategory: number): Promise<ArticleSummary[]>;
  /** The neighbour of a position in the same category and language (for moving an article up or down). */
  findNeighbour(article: HelpArticle, direction: 'up' | 'down'): Promise<HelpArticle | null>;
  /** The position after the last article of a category in a language. */
  nextPosition(categoryId: string, locale: Locale): Promise<number>;
  /**
   * Published articles of one language matching every word of the query, whatever its letters' marks or case,
   * best first: a match in the title ranks above one only in the text. At most `limit`.
   */
  search(query: SearchQuery): Promise<ArticleSummary[]>;

  /** The related articles in the order the editor chose; `status` limits them (visitors see published ones only). */
  listRelated(articleId: string, status: ArticleStatus | null): Promise<ArticleSummary[]>;
  setRelated(articleId: string, relatedIds: readonly string[]): Promise<void>;
  summariesByIds(ids: readonly string[]): Promise<ArticleSummary[]>;

  addRevision(revision: ArticleRevision): Promise<void>;
  /** Newest first (by number; the cursor is the last number shown). */
  listRevisions(articleId: string, page: PageRequest): Promise<Page<ArticleRevision>>;

  /**
   * Records one vote of a voter (a keyed hash, never the voter itself) and moves the article's counts in the
   * same statement, returning them; null, and nothing changes, when that voter already voted on that article.
   */
  recordVote(articleId: string, voterHash: string, helpful: boolean, at: Date): Promise<VoteCounts | null>;
  hasVoted(articleId: string, voterHash: string): Promise<boolean>;
}

export interface AnnouncementRepository {
  add(announcement: Announcement): Promise<void>;
  save(announcement: Announcement): Promise<void>;
  findById(id: string): Promise<Announcement | null>;
  /** Holds the announcement's row for the rest of the transaction (one mailing batch at a time). */
  lockForMailing(id: string): Promise<Announcement | null>;
  /** Not withdrawn, newest first. */
  listPublished(page: PageRequest): Promise<Page<Announcement>>;
  /** Everything, withdrawn too, newest first (staff). */
  listAll(page: PageRequest): Promise<Page<Announcement>>;
  /** Published since `since`, not withdrawn and not yet read by the user: the dashboard's notices. */
  listUnreadFor(userId: string, since: Date, limit: number): Promise<Announcement[]>;
  markRead(announcementId: string, userId: string, at: Date): Promise<void>;
  /** Client accounts by id after `after`: who an announcement is mailed to, a batch at a time. */
  audience(after: string | null, limit: number): Promise<ClientAccount[]>;
}
