import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env.js';
import { failurePage } from './render.js';
import { validated } from './validate.js';

/** A malformed id in a path is a page that does not exist, not a validation error. */
export const notFound = (c: Context<AppEnv>) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });

export const accountParam = validated('param', z.object({ accountId: z.uuid() }), notFound);

/** A list page's query: where it continues, its order (newest first unless asked), and a search. */
export const listQuery = {
  after: z.string().max(200).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
  q: z.string().max(100).default(''),
};

/** The paging a list use case takes, from a list page's query. */
export function listPaging(query: { after?: string | undefined; order: 'newest' | 'oldest'; q: string }) {
  return { after: query.after ?? null, oldestFirst: query.order === 'oldest', search: query.q.trim() || null };
}
