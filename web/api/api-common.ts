import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../../domain/authorization/actor.js';
import { isCursor, MAX_PAGE_SIZE, type Paging } from '../../application/shared/paging.js';
import type { AppEnv } from '../http/env.js';
import { problemResponse } from './problem.js';

/** What every part of the JSON API shares: the problem schema, authentication gates and paging shapes. */
export const unauthenticated = (c: Context<AppEnv>) => problemResponse(c, { type: 'about:blank#unauthenticated', title: c.get('t')('error.unauthenticated'), status: 401, code: 'unauthenticated' });

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank#forbidden' }),
    title: z.string().openapi({ example: 'Za ovo nemate ovlasti.' }),
    status: z.number().int().openapi({ example: 403 }),
    code: z.string().openapi({ description: 'Stable code of the failure, the same in every language', example: 'forbidden' }),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional().openapi({ description: 'What is wrong with which field (422)' }),
  })
  .openapi('Problem', { description: 'An error answer (RFC 9457, application/problem+json); `title` is in the language of the request.' });

/** The client caller of the API: a signed-in user (session cookie) or a client API token. */
export const clientActor = (c: Context<AppEnv>): Actor | null => c.get('apiActor');
/** The staff caller of the API: a staff session (password and TOTP) or a staff API token. */
export const staffActor = (c: Context<AppEnv>): Actor | null => c.get('apiStaff') ?? null;

/** Who is not signed in (and sent no valid token) hears 401 before anything of the request is read. */
export const requireCaller: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('apiActor') ? next() : unauthenticated(c));
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.get('apiStaff') ? next() : unauthenticated(c));

/** Either the portal session cookie or a client API token; both are limited by the same policy. */
export const CLIENT_AUTH: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];
/** Only a signed-in person (never a token): the owner's own matters. */
export const SESSION_AUTH: Array<Record<string, string[]>> = [{ session: [] }];
export const STAFF_AUTH: Array<Record<string, string[]>> = [{ staffSession: [] }, { staffBearer: [] }];
/** Staff matters that only a signed-in staff member may touch (never a token). */
export const STAFF_SESSION_AUTH: Array<Record<string, string[]>> = [{ staffSession: [] }];

/** Route settings by who may call: security as documented, and the gate that answers 401 first. */
export const client = { security: CLIENT_AUTH, middleware: requireCaller };
export const sessionOnly = { security: SESSION_AUTH, middleware: requireCaller };
export const staff = { tags: ['staff'], security: STAFF_AUTH, middleware: requireStaff };
export const staffSessionOnly = { tags: ['staff'], security: STAFF_SESSION_AUTH, middleware: requireStaff };

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
export const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
export const binary = (type: string, description: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary', description }) } });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable().openapi({ description: 'Cursor of the next page (pass it as ?after=), null on the last page' }) });

/** A timestamp in UTC (RFC 3339). */
export const timestamp = () => z.iso.datetime().openapi({ example: '2026-11-25T09:00:00.000Z' });
/** A calendar day (YYYY-MM-DD). */
export const day = () => z.iso.date().openapi({ example: '2026-12-10' });

const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' }, example: '3f2b9c1e-8d4a-4f6b-9a0c-2e7d5b1a6c44' });
export const pathIds = <K extends string>(...names: K[]) => z.object(Object.fromEntries(names.map((n) => [n, uuidParam(n)])) as Record<K, ReturnType<typeof uuidParam>>);
export const accountParams = pathIds('accountId');

/** `after` (a cursor the previous page gave) and `limit` (1…100) on every list. */
export const listQuery = z.object({
  after: z
    .string()
    .max(200)
    .refine(isCursor, { message: 'cursor.invalid' })
    .optional()
    .openapi({ param: { name: 'after', in: 'query' }, description: 'The `next` cursor of the previous page. Any other value is refused (422).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: `Items per page, 1 to ${MAX_PAGE_SIZE} (each list has its own default)`, example: 25 }),
});
export const afterQuery = listQuery;

/** Lists integrators sync take `updated_since` too: what changed at or after that moment. */
export const syncQuery = listQuery.extend({
  updated_since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      param: { name: 'updated_since', in: 'query' },
      description: 'Only what changed at or after this moment (each item says when: `updatedAt`). To sync, pass the time your previous sync started, a minute earlier for safety.',
      example: '2026-11-25T09:00:00Z',
    }),
});

export const pagingOf = (query: { after?: string | undefined; limit?: number | undefined; updated_since?: string | undefined }): Paging => ({
  after: query.after ?? null,
  limit: query.limit,
  updatedSince: query.updated_since ? new Date(query.updated_since) : null,
});

export const denied = { 401: { description: 'Not signed in', content: problemContent }, 403: { description: 'Not allowed', content: problemContent } };

/** The Idempotency-Key header of a POST that creates money, documents or tickets. */
export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .regex(/^[\w.:-]+$/)
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'Any unique string (a UUID, say). Sent again with the same request, the answer is what the first one made, never a second one; sent with a different request, 422. Concurrent requests with one key make one thing.',
      example: '5b0f3c0e-2f6d-4a47-8a8f-1c2d3e4f5a6b',
    }),
});
