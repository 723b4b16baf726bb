import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import type { AppEnv } from './env.js';
import { fieldErrorsOf } from './failures.js';

export type Issues = ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>;

/**
 * zod validation for every input. Without a handler of its own, bad input gets a 422 with the
 * field errors in the user's language: never zod's raw report.
 */
export function validated<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  onInvalid?: (c: Context<AppEnv>, issues: Issues) => Response | Promise<Response>,
) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const ctx = c as unknown as Context<AppEnv>;
    if (onInvalid) return onInvalid(ctx, result.error.issues);
    const errors = fieldErrorsOf(result.error.issues, ctx.get('t'));
    return new Response(JSON.stringify({ type: 'about:blank#validation', title: ctx.get('t')('validation.invalid'), status: 422, code: 'validation', errors }), {
      status: 422,
      headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    });
  });
}
