import type { FC } from 'hono/jsx';
import type { PageContext } from './layout.js';

/** The query of a list page with one parameter changed (sorting and paging keep the filter and the search). */
export function withQuery(base: string, changes: Readonly<Record<string, string | null | undefined>>): string {
  const [path, query = ''] = base.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Paging of a keyset list: back to the first page, and on to the next one while there is one. */
export const Paging: FC<{ page: PageContext; base: string; next: string | null; after?: string | null | undefined }> = ({ page, base, next, after }) =>
  next || after ? (
    <nav class="paging" aria-label={page.t('list.pages')}>
      {after ? <a href={withQuery(base, { after: null })}>{`« ${page.t('list.first')}`}</a> : null}
      {next ? (
        <a href={withQuery(base, { after: next })} rel="next">
          {`${page.t('list.next')} »`}
        </a>
      ) : null}
    </nav>
  ) : null;

/** A column header that sorts the list by it (newest or oldest first); the current order is marked for screen readers. */
export const SortHeader: FC<{ page: PageContext; base: string; label: string; order: 'newest' | 'oldest' }> = ({ page, base, label, order }) => (
  <th scope="col" aria-sort={order === 'oldest' ? 'ascending' : 'descending'}>
    <a class="sort" href={withQuery(base, { order: order === 'oldest' ? 'newest' : 'oldest', after: null })} title={page.t('list.sortBy', { column: label })}>
      {label}
    </a>
  </th>
);

/** The search above a list that grows; it keeps the list's filter. */
export const ListSearch: FC<{ page: PageContext; action: string; q: string; label: string; keep?: Readonly<Record<string, string>> }> = ({ page, action, q, label, keep }) => (
  <form method="get" action={action} class="list-tools" role="search">
    {Object.entries(keep ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <label for="f-list-q" class="visually-hidden">
      {label}
    </label>
    <input id="f-list-q" name="q" type="search" value={q} maxlength={100} placeholder={label} />
    <button type="submit">{page.t('list.searchButton')}</button>
    {q ? <a href={withQuery(action, { ...keep })}>{page.t('list.clear')}</a> : null}
  </form>
);
