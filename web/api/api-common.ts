import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { problemResponse } from './problem.js';

/** What every part of the JSON API shares: the problem schema, authentication gates and paging shapes. */
export const unauthenticated = (c: Context<AppEnv>) => problemResponse(c, { type: 'about:blank#unauthenticated', title: c.var.t('error.unauthenticated'), status: 401, code: 'unauthenticated' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Who is not signed in (and sent no valid token) hears 401 before anything of the request is read. */
export const requireCaller: MiddlewareHandler<AppEnv> = async (c, next) => (c.var.apiActor ? next() : unauthenticated(c));
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => (c.var.staffAuth ? next() : unauthenticated(c));

/** Either the portal session cookie or an API token; both are limited by the same policy. */
export const CLIENT_AUTH: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().nullable().openapi({ description: 'Cursor for the next page (pass as ?after=), null on the last' }) });

export const accountParams = z.object({ accountId: z.uuid().openapi({ param: { name: 'accountId', in: 'path' } }) });
export const afterQuery = z.object({ after: z.string().max(200).optional().openapi({ param: { name: 'after', in: 'query' } }) });
export const denied = { 401: { description: 'Not signed in', content: problemContent }, 403: { description: 'Not allowed for this account', content: problemContent } };
