import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env.js';
import { failurePage } from './render.js';
import { validated } from './validate.js';

/** A malformed id in a path is a page that does not exist, not a validation error. */
export const notFound = (c: Context<AppEnv>) => failurePage(c, { kind: 'not_found', code: 'not_found', details: {} });

export const accountParam = validated('param', z.object({ accountId: z.uuid() }), notFound);
