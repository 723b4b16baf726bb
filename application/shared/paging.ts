import type { PageRequest } from '../ports/repositories.js';

/** The largest page any list gives, whatever is asked: a page always costs a bounded query. */
export const MAX_PAGE_SIZE = 100;

/** Where a list continues and how much of it to give; a bare cursor (or null) keeps the list's own page size. */
export interface Paging {
  readonly after: string | null;
  readonly limit?: number | undefined;
  /** Only what changed at or after this moment, on the lists that have it. */
  readonly updatedSince?: Date | null | undefined;
  /** Oldest first instead of the list's newest first. */
  readonly oldestFirst?: boolean | undefined;
  /** Only what contains these words (number, subject, name, address), on the lists people search. */
  readonly search?: string | null | undefined;
}

/** The page to read: the caller's size clamped to 1…MAX_PAGE_SIZE, or the list's default. */
export function pageRequest(paging: string | null | Paging, fallback: number): PageRequest {
  if (paging === null || typeof paging === 'string') return { after: paging, limit: fallback };
  const limit = paging.limit === undefined ? fallback : Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(paging.limit)));
  const search = paging.search?.trim().slice(0, 100) || null;
  return { after: paging.after, limit, updatedSince: paging.updatedSince ?? null, ...(paging.oldestFirst ? { oldestFirst: true } : {}), ...(search ? { search } : {}) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/u;

/**
 * Whether a string is a cursor some list gave out: base64url of "<time or position>|<uuid>". A cursor that is not
 * one is refused rather than read as "from the start", which would make a sync loop over the first page forever.
 */
export function isCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,200}$/u.test(cursor)) return false;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [key, id, ...rest] = decoded.split('|');
  if (rest.length || !id || !UUID.test(id) || key === undefined) return false;
  return (ISO.test(key) && !Number.isNaN(new Date(key).getTime())) || /^\d{1,9}$/u.test(key);
}
