import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { ArticleSummary, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import { looksAutomated, voterKey, type Voter, type VoteOutcome } from '../../domain/help/vote.js';
import type { Locale } from '../../domain/identity/locale.js';
import { fail, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import type { RateRule } from '../ports/rate-limiter.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

/**
 * Votes: a visitor who clears cookies is still one client address, so an address may vote a few times on one
 * article a day and a few dozen times an hour in all; beyond that nothing is counted.
 */
export const HELP_RATES = {
  votesPerAddress: { limit: 40, windowSeconds: 60 * 60 },
  votesPerArticleAndAddress: { limit: 5, windowSeconds: 24 * 60 * 60 },
  searchesPerAddress: { limit: 120, windowSeconds: 60 },
} as const satisfies Record<string, RateRule>;

export const FRONT_PAGE_PER_CATEGORY = 6;
const CATEGORY_PAGE = 50;
const SEARCH_LIMIT = 20;
const RELATED_LIMIT = 8;

export interface HelpHome {
  readonly categories: readonly HelpCategory[];
  /** The first articles of each category, in category order. */
  readonly articles: readonly ArticleSummary[];
}

export interface ArticleView {
  readonly article: HelpArticle;
  readonly category: HelpCategory | null;
  readonly related: readonly ArticleSummary[];
  /** Whether this visitor has voted on the article already (the form is then not offered again). */
  readonly voted: boolean;
}

/** The public help centre: what anybody may read, search and vote on. Drafts exist only for editors. */
export class HelpCenter {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'secrets' | 'rateLimiter'>) {}

  // The public pages only read (outside a transaction: no begin and commit around their statements).
  home(locale: Locale): Promise<HelpHome> {
    return this.deps.uow.read(async (scope) => ({ categories: await scope.help.listCategories(), articles: await scope.help.listFirstPublished(locale, FRONT_PAGE_PER_CATEGORY) }));
  }

  category(slug: string, locale: Locale, after: string | null | Paging): Promise<Result<{ category: HelpCategory; categories: readonly HelpCategory[]; page: Page<ArticleSummary> }, DomainFailure>> {
    return this.deps.uow.read(async (scope) => {
      const categories = await scope.help.listCategories();
      const category = categories.find((c) => c.slug === slug);
      if (!category) return fail(new NotFound('not_found'));
      const page = await scope.help.listByCategory({ categoryId: category.id, locale, publishedOnly: true }, pageRequest(after, CATEGORY_PAGE));
      return ok({ category, categories, page });
    });
  }

  /** An article by its address; a draft only for an editor (a preview), anybody else hears it does not exist. */
  article(actor: Actor, slug: string, voter: Voter | null): Promise<Result<ArticleView, DomainFailure>> {
    return this.deps.uow.read(async (scope) => {
      const article = await scope.help.findBySlug(slug);
      if (!article || (!article.isPublic() && !can(actor, { type: 'staff.help' }).allowed)) return fail(new NotFound('not_found'));
      const category = await scope.help.findCategoryById(article.categoryId);
      const related = (await scope.help.listRelated(article.id, 'published')).slice(0, RELATED_LIMIT);
      const voted = voter ? await scope.help.hasVoted(article.id, this.deps.secrets.pseudonym(voterKey(article.id, voter))) : false;
      return ok({ article, category, related, voted });
    });
  }

  async search(text: string, locale: Locale, meta: RequestMeta): Promise<Result<readonly ArticleSummary[], DomainFailure>> {
    const query = text.trim();
    if (query.length > 200) return fail(new InvalidInput('help.query', 'q'));
    if (!query) return ok([]);
    const limited = await checkRates(this.deps.rateLimiter, [[`help.search:${this.deps.secrets.pseudonym(addressBlock(meta.clientAddress))}`, HELP_RATES.searchesPerAddress]]);
    if (limited) return fail(limited);
    return ok(await this.deps.uow.read((scope) => scope.help.search({ text: query, locale, limit: SEARCH_LIMIT })));
  }

  /**
   * "Did this help?": one vote per visitor and article. The voter is kept only as a keyed hash; a repeated vote, or
   * one from a crawler or script, is answered with the counts as they are and changes nothing.
   */
  async vote(slug: string, helpful: boolean, voter: Voter, meta: RequestMeta): Promise<Result<VoteOutcome, DomainFailure>> {
    const address = this.deps.secrets.pseudonym(`address|${addressBlock(meta.clientAddress)}`);
    const limited = await checkRates(this.deps.rateLimiter, [
      [`help.vote:${address}`, HELP_RATES.votesPerAddress],
      [`help.vote:${slug.slice(0, 120)}:${address}`, HELP_RATES.votesPerArticleAndAddress],
    ]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const article = await scope.help.findBySlug(slug);
      if (!article?.isPublic()) return fail(new NotFound('not_found'));
      const unchanged = { counted: false, helpfulCount: article.helpfulCount, notHelpfulCount: article.notHelpfulCount };
      if (looksAutomated(meta.userAgent)) return ok(unchanged);
      const counts = await scope.help.recordVote(article.id, this.deps.secrets.pseudonym(voterKey(article.id, voter)), helpful, this.deps.clock.now());
      return ok(counts ? { counted: true, ...counts } : unchanged);
    });
  }
}
