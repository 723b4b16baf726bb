import type { FC } from 'hono/jsx';
import type { EditorArticle, EditorOverview } from '../../application/help/help-editor.js';
import type { Announcement } from '../../domain/help/announcement.js';
import { ANNOUNCEMENT_KINDS } from '../../domain/help/announcement.js';
import type { HelpCategory } from '../../domain/help/category.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Errors } from './auth-pages.js';
import { Field, Layout, Notice, type PageContext } from './layout.js';

export type ArticleValues = Partial<Record<'categoryId' | 'locale' | 'slug' | 'title' | 'summary' | 'keywords' | 'bodyMarkdown', string>>;

const TextArea: FC<{ name: string; label: string; value?: string | undefined; error?: string | undefined; short?: boolean; maxlength: number }> = (p) => (
  <div class={`field${p.error ? ' invalid' : ''}`}>
    <label for={`f-${p.name}`}>{p.label}</label>
    <textarea id={`f-${p.name}`} name={p.name} class={p.short ? 'short' : undefined} maxlength={p.maxlength} aria-invalid={p.error ? 'true' : undefined}>
      {p.value ?? ''}
    </textarea>
    {p.error ? <p class="field-error">{p.error}</p> : null}
  </div>
);

const Select: FC<{ name: string; label: string; value?: string | undefined; options: ReadonlyArray<readonly [string, string]>; error?: string | undefined }> = (p) => (
  <div class={`field${p.error ? ' invalid' : ''}`}>
    <label for={`f-${p.name}`}>{p.label}</label>
    <select id={`f-${p.name}`} name={p.name}>
      {p.options.map(([value, label]) => (
        <option value={value} selected={value === p.value}>
          {label}
        </option>
      ))}
    </select>
    {p.error ? <p class="field-error">{p.error}</p> : null}
  </div>
);

const ArticleForm: FC<{ page: PageContext; action: string; categories: readonly HelpCategory[]; values: ArticleValues; errors?: Errors | undefined }> = ({ page, action, categories, values, errors = {} }) => {
  const { t, locale } = page;
  return (
    <form method="post" novalidate action={action} class="card help-editor">
      <Select name="categoryId" label={t('staff.help.category')} value={values.categoryId} options={categories.map((c) => [c.id, c.name(locale)] as const)} error={errors['categoryId']} />
      <Select name="locale" label={t('staff.help.locale')} value={values.locale ?? 'hr'} options={[['hr', 'Hrvatski'], ['en', 'English']]} error={errors['locale']} />
      <Field name="title" label={t('staff.help.fields.title')} value={values.title} error={errors['title']} maxlength={200} />
      <Field name="slug" label={t('staff.help.fields.slug')} value={values.slug} error={errors['slug']} maxlength={120} required={false} />
      <Field name="summary" label={t('staff.help.fields.summary')} value={values.summary} error={errors['summary']} maxlength={300} required={false} />
      <Field name="keywords" label={t('staff.help.fields.keywords')} value={values.keywords} error={errors['keywords']} maxlength={300} required={false} />
      <TextArea name="bodyMarkdown" label={t('staff.help.fields.body')} value={values.bodyMarkdown} error={errors['bodyMarkdown']} maxlength={50_000} />
      <button type="submit">{t('staff.help.save')}</button>
    </form>
  );
};

export const StaffHelpPage: FC<{ page: PageContext; overview: EditorOverview; error?: string | undefined; categoryErrors?: Errors | undefined }> = ({ page, overview, error, categoryErrors }) => {
  const { t, locale } = page;
  const { category, categories } = overview;
  const here = (after?: string) => `/staff/help?category=${category?.id ?? ''}&locale=${overview.locale}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
  return (
    <Layout page={page} title={t('staff.help.title')}>
      <h1>{t('staff.help.title')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {categories.length ? (
        <>
          <form method="get" action="/staff/help" class="card">
            <Select name="category" label={t('staff.help.category')} value={category?.id} options={categories.map((c) => [c.id, c.name(locale)] as const)} />
            <Select name="locale" label={t('staff.help.locale')} value={overview.locale} options={[['hr', 'Hrvatski'], ['en', 'English']]} />
            <button type="submit">{t('staff.help.show')}</button> <a href="/staff/help/articles/new" class="button">{t('staff.help.new')}</a>
          </form>
          {overview.page.items.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('staff.help.fields.title')}</th>
                  <th>{t('staff.help.status')}</th>
                  <th>{t('staff.help.votes')}</th>
                  <th>{t('staff.help.order')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.page.items.map((a) => (
                  <tr data-article={a.slug}>
                    <td>
                      <a href={`/staff/help/articles/${a.id}`}>{a.title}</a>
                    </td>
                    <td>{t(`staff.help.status.${a.status}` as MessageKey)}</td>
                    <td>
                      {a.helpfulCount} / {a.notHelpfulCount}
                    </td>
                    <td>
                      {(['up', 'down'] as const).map((direction) => (
                        <form method="post" novalidate action={`/staff/help/articles/${a.id}/move`} class="inline">
                          <input type="hidden" name="direction" value={direction} />
                          <button type="submit" class="link">
                            {t(`staff.help.${direction}`)}
                          </button>
                        </form>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Notice kind="info">{t('staff.help.none')}</Notice>
          )}
          {overview.page.next ? (
            <p>
              <a href={here(overview.page.next)}>{t('help.more')}</a>
            </p>
          ) : null}
        </>
      ) : (
        <Notice kind="info">{t('staff.help.noCategories')}</Notice>
      )}
      <h2>{t('staff.help.categories')}</h2>
      {categories.map((c) => (
        <CategoryForm page={page} action={`/staff/help/categories/${c.id}`} category={c} />
      ))}
      <h3>{t('staff.help.newCategory')}</h3>
      <CategoryForm page={page} action="/staff/help/categories" errors={categoryErrors} />
    </Layout>
  );
};

const CategoryForm: FC<{ page: PageContext; action: string; category?: HelpCategory; errors?: Errors | undefined }> = ({ page, action, category, errors = {} }) => {
  const { t } = page;
  const key = category?.id.slice(0, 8) ?? 'new';
  const field = (name: 'nameHr' | 'nameEn' | 'descriptionHr' | 'descriptionEn' | 'slug', max: number, required = false) => (
    <div class={`field${errors[name] ? ' invalid' : ''}`}>
      <label for={`f-${name}-${key}`}>{t(`staff.help.categoryFields.${name}`)}</label>
      <input id={`f-${name}-${key}`} name={name} value={category?.[name] ?? ''} maxlength={max} required={required} />
      {errors[name] ? <p class="field-error">{errors[name]}</p> : null}
    </div>
  );
  return (
    <form method="post" novalidate action={action} class="card" data-category-form={category?.slug ?? 'new'}>
      {field('nameHr', 100, true)}
      {field('nameEn', 100)}
      {field('descriptionHr', 300)}
      {field('descriptionEn', 300)}
      {field('slug', 80)}
      <div class="field">
        <label for={`f-position-${key}`}>{t('staff.help.categoryFields.position')}</label>
        <input id={`f-position-${key}`} name="position" type="number" min={0} max={100000} value={category ? String(category.position) : ''} />
      </div>
      <button type="submit">{category ? t('staff.help.save') : t('staff.help.addCategory')}</button>
    </form>
  );
};

export const StaffNewArticlePage: FC<{ page: PageContext; categories: readonly HelpCategory[]; values?: ArticleValues; errors?: Errors | undefined; error?: string | undefined }> = ({ page, categories, values, errors, error }) => (
  <Layout page={page} title={page.t('staff.help.new')}>
    <p>
      <a href="/staff/help">{page.t('staff.help.title')}</a>
    </p>
    <h1>{page.t('staff.help.new')}</h1>
    {error ? <Notice kind="error">{error}</Notice> : null}
    {categories.length ? <ArticleForm page={page} action="/staff/help/articles" categories={categories} values={values ?? {}} errors={errors} /> : <Notice kind="info">{page.t('staff.help.noCategories')}</Notice>}
  </Layout>
);

export const StaffArticlePage: FC<{ page: PageContext; edit: EditorArticle; values?: ArticleValues; errors?: Errors | undefined; error?: string | undefined; notice?: string | undefined; related?: string }> = ({ page, edit, values, errors, error, notice, related }) => {
  const { t, locale } = page;
  const { article } = edit;
  const base = `/staff/help/articles/${article.id}`;
  return (
    <Layout page={page} title={article.title}>
      <p>
        <a href={`/staff/help?category=${article.categoryId}&locale=${article.locale}`}>{t('staff.help.title')}</a> · <a href={`/help/articles/${article.slug}`}>{t('staff.help.open')}</a>
      </p>
      <h1>{article.title}</h1>
      <p>
        <span class="badge" data-status={article.status}>
          {t(`staff.help.status.${article.status}` as MessageKey)}
        </span>{' '}
        {t('help.updated', { date: formatDateTime(article.updatedAt, locale) })} · {t('staff.help.votes')}: {article.helpfulCount} / {article.notHelpfulCount}
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div class="subnav">
        <form method="post" novalidate action={`${base}/${article.status === 'published' ? 'unpublish' : 'publish'}`} class="inline">
          <button type="submit">{article.status === 'published' ? t('staff.help.unpublish') : t('staff.help.publish')}</button>
        </form>
        <form method="post" novalidate action={`${base}/delete`} class="inline">
          <button type="submit" class="secondary">
            {t('staff.help.delete')}
          </button>
        </form>
      </div>
      <ArticleForm page={page} action={base} categories={edit.categories} values={values ?? { ...article }} errors={errors} />
      <section class="card">
        <h2>{t('staff.help.preview')}</h2>
        <div class="help-body" lang={article.locale} dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </section>
      <form method="post" novalidate action={`${base}/related`} class="card help-editor">
        <TextArea name="related" label={t('staff.help.related')} value={related ?? edit.related.map((r) => r.slug).join('\n')} error={errors?.['related']} short maxlength={2000} />
        <button type="submit">{t('staff.help.saveRelated')}</button>
      </form>
      <section class="card">
        <h2>{t('staff.help.revisions')}</h2>
        <ul>
          {edit.revisions.items.map((r) => (
            <li>
              {t('staff.help.revision', { n: r.number, action: r.action })} · {formatDateTime(r.at, locale)} · {r.snapshot.title} ({r.snapshot.status})
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
};

export type AnnouncementValues = Partial<Record<'kind' | 'titleHr' | 'bodyHr' | 'titleEn' | 'bodyEn', string>>;

export const StaffAnnouncementsPage: FC<{ page: PageContext; announcements: readonly Announcement[]; next: string | null; values?: AnnouncementValues; errors?: Errors | undefined; notice?: string | undefined }> = ({ page, announcements, next, values = {}, errors = {}, notice }) => {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('staff.announcements.title')}>
      <h1>{t('staff.announcements.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form method="post" novalidate action="/staff/announcements" class="card help-editor">
        <h2>{t('staff.announcements.new')}</h2>
        <Select name="kind" label={t('staff.announcements.kind')} value={values.kind ?? 'news'} options={ANNOUNCEMENT_KINDS.map((k) => [k, t(`announcement.kind.${k}`)] as const)} error={errors['kind']} />
        <Field name="titleHr" label={t('staff.announcements.titleHr')} value={values.titleHr} error={errors['titleHr']} maxlength={200} />
        <TextArea name="bodyHr" label={t('staff.announcements.bodyHr')} value={values.bodyHr} error={errors['bodyHr']} short maxlength={5000} />
        <Field name="titleEn" label={t('staff.announcements.titleEn')} value={values.titleEn} error={errors['titleEn']} maxlength={200} required={false} />
        <TextArea name="bodyEn" label={t('staff.announcements.bodyEn')} value={values.bodyEn} error={errors['bodyEn']} short maxlength={5000} />
        <p>
          <label>
            <input type="checkbox" name="mail" value="on" /> {t('staff.announcements.mail')}
          </label>
        </p>
        <button type="submit">{t('staff.announcements.publish')}</button>
      </form>
      {announcements.map((a) => (
        <article class="card announcement">
          <h2>{a.title(locale)}</h2>
          <p class="lead">
            {t('staff.announcements.published', { date: formatDate(a.publishedAt, locale) })}
            {a.mailed ? ` · ${t('staff.announcements.mailed')}` : ''}
            {a.withdrawnAt ? ` · ${t('staff.announcements.withdrawn', { date: formatDate(a.withdrawnAt, locale) })}` : ''}
          </p>
          <p class="notice-text">{a.body(locale)}</p>
          {a.withdrawnAt ? null : (
            <form method="post" novalidate action={`/staff/announcements/${a.id}/withdraw`} class="inline">
              <button type="submit" class="secondary">
                {t('staff.announcements.withdraw')}
              </button>
            </form>
          )}
        </article>
      ))}
      {next ? (
        <p>
          <a href={`/staff/announcements?after=${encodeURIComponent(next)}`}>{t('announcements.more')}</a>
        </p>
      ) : null}
    </Layout>
  );
};
