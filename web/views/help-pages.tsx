import type { FC } from 'hono/jsx';
import type { ArticleView, HelpHome } from '../../application/help/help-center.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { ArticleSummary } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import { formatDate } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, Notice, type PageContext } from './layout.js';

const SearchForm: FC<{ page: PageContext; q?: string }> = ({ page, q }) => (
  <form method="get" action="/help/search" class="card" role="search">
    <label for="f-q">{page.t('help.search')}</label> <input id="f-q" name="q" type="search" value={q ?? ''} maxlength={200} /> <button type="submit">{page.t('help.searchButton')}</button>
    <p class="hint">{page.t('help.searchHint')}</p>
  </form>
);

const ArticleList: FC<{ articles: readonly ArticleSummary[] }> = ({ articles }) => (
  <ul class="articles">
    {articles.map((a) => (
      <li>
        <a href={`/help/articles/${a.slug}`}>{a.title}</a>
        {a.summary ? <p class="lead">{a.summary}</p> : null}
      </li>
    ))}
  </ul>
);

export const HelpHomePage: FC<{ page: PageContext; home: HelpHome }> = ({ page, home }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('help.title')}>
      <h1>{t('help.title')}</h1>
      <p class="lead">{t('help.lead')}</p>
      <SearchForm page={page} />
      <div class="grid">
        {home.categories.map((c) => {
          const articles = home.articles.filter((a) => a.categoryId === c.id);
          return articles.length ? (
            <section class="card" data-category={c.slug}>
              <h2>
                <a href={`/help/categories/${c.slug}`}>{c.name(locale)}</a>
              </h2>
              {c.description(locale) ? <p class="lead">{c.description(locale)}</p> : null}
              <ArticleList articles={articles} />
            </section>
          ) : null;
        })}
      </div>
    </Layout>
  );
};

export const HelpCategoryPage: FC<{ page: PageContext; category: HelpCategory; articles: readonly ArticleSummary[]; next: string | null }> = ({ page, category, articles, next }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={category.name(locale)}>
      <p>
        <a href="/help">{t('help.back')}</a>
      </p>
      <h1>{category.name(locale)}</h1>
      {category.description(locale) ? <p class="lead">{category.description(locale)}</p> : null}
      {articles.length ? <ArticleList articles={articles} /> : <Notice kind="info">{t('help.empty')}</Notice>}
      {next ? (
        <p>
          <a href={`/help/categories/${category.slug}?after=${encodeURIComponent(next)}`}>{t('help.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};

export const HelpSearchPage: FC<{ page: PageContext; q: string; results: readonly ArticleSummary[]; error?: string | undefined }> = ({ page, q, results, error }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('help.search')}>
      <p>
        <a href="/help">{t('help.back')}</a>
      </p>
      <h1>{t('help.results', { q })}</h1>
      <SearchForm page={page} q={q} />
      {error ? <Notice kind="error">{error}</Notice> : results.length ? <ArticleList articles={results} /> : <Notice kind="info">{t('help.noResults', { q })}</Notice>}
    </Layout>
  );
};

/** The article, its vote box and its related articles. The body is HTML made safe when it was saved. */
export const HelpArticlePage: FC<{ page: PageContext; view: ArticleView; notice?: 'thanks' | 'already' | undefined }> = ({ page, view, notice }) => {
  const { t, locale } = page;
  const { article, category, related, voted } = view;
  return (
    <Layout page={page} title={article.title}>
      <p>
        <a href="/help">{t('help.back')}</a>
        {category ? (
          <>
            {' › '}
            <a href={`/help/categories/${category.slug}`}>{category.name(locale)}</a>
          </>
        ) : null}
      </p>
      <article lang={article.locale} class="card">
        <h1>{article.title}</h1>
        {!article.isPublic() ? <Notice kind="info">{t('help.draft')}</Notice> : null}
        <p class="lead">
          <time datetime={article.updatedAt.toISOString()}>{t('help.updated', { date: formatDate(article.updatedAt, locale) })}</time>
        </p>
        <div class="help-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </article>
      <section class="card" id="vote" aria-labelledby="vote-question">
        <h2 id="vote-question">{t('help.vote.question')}</h2>
        {notice === 'thanks' ? <Notice kind="success">{t('help.vote.thanks')}</Notice> : null}
        {notice === 'already' || (voted && notice !== 'thanks') ? <Notice kind="info">{t('help.vote.already')}</Notice> : null}
        {voted || notice ? null : (
          <form method="post" novalidate action={`/help/articles/${article.slug}/vote`} class="vote">
            <button type="submit" name="helpful" value="yes">
              {t('help.vote.yes')}
            </button>
            <button type="submit" name="helpful" value="no" class="secondary">
              {t('help.vote.no')}
            </button>
          </form>
        )}
        <p class="lead" data-votes>
          {t('help.vote.counts', { yes: article.helpfulCount, no: article.notHelpfulCount })}
        </p>
      </section>
      {related.length ? (
        <section class="card">
          <h2>{t('help.related')}</h2>
          <ArticleList articles={related} />
        </section>
      ) : null}
    </Layout>
  );
};

export const AnnouncementCard: FC<{ page: PageContext; announcement: Announcement; markRead?: boolean }> = ({ page, announcement, markRead }) => {
  const { t, locale } = page;
  return (
    <article class="card announcement" data-announcement={announcement.id}>
      <h2>
        <span class="badge">{t(`announcement.kind.${announcement.kind}` as MessageKey)}</span> {announcement.title(locale)}
      </h2>
      <p class="lead">
        <time datetime={announcement.publishedAt.toISOString()}>{formatDate(announcement.publishedAt, locale)}</time>
      </p>
      <p class="notice-text">{announcement.body(locale)}</p>
      {markRead ? (
        <form method="post" novalidate action={`/announcements/${announcement.id}/read`} class="inline">
          <button type="submit" class="secondary">
            {t('announcements.markRead')}
          </button>
        </form>
      ) : null}
    </article>
  );
};

/** The unread announcements at the top of the dashboard. */
export const DashboardNotices: FC<{ page: PageContext; announcements: readonly Announcement[] }> = ({ page, announcements }) =>
  announcements.length ? (
    <section aria-label={page.t('announcements.title')}>
      {announcements.map((a) => (
        <AnnouncementCard page={page} announcement={a} markRead />
      ))}
    </section>
  ) : null;

export const AnnouncementsPage: FC<{ page: PageContext; announcements: readonly Announcement[]; next: string | null }> = ({ page, announcements, next }) => {
  const { t } = page;
  return (
    <Layout page={page} title={t('announcements.title')}>
      <h1>{t('announcements.title')}</h1>
      <p class="lead">{t('announcements.lead')}</p>
      {announcements.length ? announcements.map((a) => <AnnouncementCard page={page} announcement={a} />) : <Notice kind="info">{t('announcements.none')}</Notice>}
      {next ? (
        <p>
          <a href={`/announcements?after=${encodeURIComponent(next)}`}>{t('announcements.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};
