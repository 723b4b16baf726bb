import { createHash } from 'node:crypto';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import { decodeCursor, encodeCursor } from '../in-memory/keyset.js';

/** The ILIKE pattern of a case-insensitive "contains", with LIKE's own wildcards taken literally; null for no search. */
export function likePattern(search: string | null | undefined): string | null {
  return search ? `%${search.replace(/[\\%_]/gu, (c) => `\\${c}`)}%` : null;
}

export type Json = Record<string, unknown>;

/** One list as its repository pages it: a table, its time column, its conditions and what people may search in. */
export interface KeysetList {
  readonly table: string;
  readonly time: string;
  readonly where: readonly string[];
  readonly params: readonly unknown[];
  /** Columns a search looks in (a case-insensitive "contains"); none: the list is not searched. */
  readonly search?: readonly string[];
  /** Lists integrators sync carry updated_at. */
  readonly synced?: boolean;
  /** The list's one order when people cannot turn it (the email change queue is oldest first). */
  readonly order?: 'asc' | 'desc';
}

/**
 * The page's rows as `select <columns> from <table> t where … order by … limit n+1`, over the same (time, id) index and with
 * the same cursor as the repositories' keyset pages, so read models and repositories hand out interchangeable cursors.
 */
export function keysetSelect(list: KeysetList, page: PageRequest, columns = 't.*'): { sql: string; params: unknown[]; direction: 'asc' | 'desc' } {
  const where = [...list.where];
  const params = [...list.params];
  const direction = list.order ?? (page.oldestFirst ? 'asc' : 'desc');
  const after = decodeCursor(page.after);
  if (after) {
    params.push(after.at, after.id);
    where.push(`(t.${list.time}, t.id) ${direction === 'asc' ? '>' : '<'} ($${params.length - 1}, $${params.length})`);
  }
  if (list.synced && page.updatedSince) {
    params.push(page.updatedSince);
    where.push(`t.updated_at >= $${params.length}`);
  }
  const pattern = list.search?.length ? likePattern(page.search) : null;
  if (pattern) {
    params.push(pattern);
    where.push(`(${list.search!.map((c) => `t.${c} ilike $${params.length}`).join(' or ')})`);
  }
  params.push(page.limit + 1);
  const sql = `select ${columns} from ${list.table} t where ${where.length ? where.join(' and ') : 'true'} order by t.${list.time} ${direction}, t.id ${direction} limit $${params.length}`;
  return { sql, params, direction };
}

/** The page from the rows `keysetSelect` found (one more than the page, to know whether there is a next one). */
export function keysetPageOf<T>(rows: readonly Json[], time: string, page: PageRequest, map: (json: Json) => T): Page<T> {
  const items = rows.slice(0, page.limit).map(map);
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, next: last ? encodeCursor(new Date(last[time] as string), String(last['id'])) : null };
}

const NAMES = new Map<string, string>();

/** A statement built from parts is named by its text: each variant is prepared once per connection. */
export function statementName(prefix: string, sql: string): string {
  let name = NAMES.get(sql);
  if (!name) {
    name = `${prefix}-${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    NAMES.set(sql, name);
  }
  return name;
}
