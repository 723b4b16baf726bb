import type { Page, PageRequest } from '../../application/ports/repositories.js';

/** Keyset cursor over (time desc, id desc): the same cursor format as the PostgreSQL adapters. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  // An id that is no UUID would reach PostgreSQL as one and fail there: such a cursor is no cursor.
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u.test(id) || Number.isNaN(at.getTime())) return null;
  return { at, id };
}

/** Whether an item's words (`text`) contain the search, in any case, as the PostgreSQL adapters' ILIKE does. */
export function matchesSearch(search: string | null | undefined, text: () => string): boolean {
  return !search || text().toLowerCase().includes(search.toLowerCase());
}

export function pageDescending<T>(all: readonly T[], key: (item: T) => { at: Date; id: string }, page: PageRequest, text?: (item: T) => string): Page<T> {
  const after = decodeCursor(page.after);
  const since = page.updatedSince;
  // Only lists of things that carry updatedAt are ever asked for what changed since.
  const recent = since ? all.filter((item) => ((item as { updatedAt?: Date }).updatedAt?.getTime() ?? 0) >= since.getTime()) : all;
  const items = text && page.search ? recent.filter((item) => matchesSearch(page.search, () => text(item))) : recent;
  const sign = page.oldestFirst ? -1 : 1;
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return sign * (kb.at.getTime() - ka.at.getTime() || (kb.id < ka.id ? -1 : kb.id > ka.id ? 1 : 0));
  });
  const rest = after
    ? sorted.filter((item) => {
        const k = key(item);
        const before = k.at.getTime() < after.at.getTime() || (k.at.getTime() === after.at.getTime() && k.id < after.id);
        const later = k.at.getTime() > after.at.getTime() || (k.at.getTime() === after.at.getTime() && k.id > after.id);
        return page.oldestFirst ? later : before;
      })
    : sorted;
  const pageItems = rest.slice(0, page.limit);
  const last = pageItems[pageItems.length - 1];
  const next = rest.length > page.limit && last ? encodeCursor(key(last).at, key(last).id) : null;
  return { items: pageItems, next };
}
