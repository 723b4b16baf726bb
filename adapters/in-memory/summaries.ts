import type { Page } from '../../application/ports/repositories.js';

/** The same page with only the named properties of each item, frozen as the PostgreSQL adapters' summaries are. */
export function summaries<T, K extends keyof T>(page: Page<T>, keys: readonly K[]): Page<Readonly<Pick<T, K>>> {
  return { ...page, items: page.items.map((item) => Object.freeze(Object.fromEntries(keys.map((k) => [k, item[k]]))) as Readonly<Pick<T, K>>) };
}

/** The page whole, or its summaries (see ReadDetail). */
export function read<T, K extends keyof T>(detail: 'summary' | 'full', page: Page<T>, keys: readonly K[]): Page<T | Readonly<Pick<T, K>>> {
  return detail === 'full' ? page : summaries(page, keys);
}
