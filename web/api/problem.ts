import type { Context } from 'hono';
import type { DomainFailure } from '../../domain/shared/result.js';
import type { AppEnv } from '../http/env.js';
import { fieldErrorsOf, problemOf, type Problem } from '../http/failures.js';
import { failureMessage } from '../i18n/translate.js';

export function problemResponse(_c: Context<AppEnv>, problem: Problem): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' } });
}

export function failureResponse(c: Context<AppEnv>, failure: DomainFailure): Response {
  const response = problemResponse(c, problemOf(failure, c.get('t')));
  if (failure.kind === 'rate_limited') response.headers.set('retry-after', String(failure.details.seconds ?? 60));
  return response;
}

/** A refinement names its failure code as its message (`cursor.invalid`): that code and its text are answered. */
const OWN_CODE = /^[a-z_]+\.[a-z_]+$/u;

export function validationProblem(c: Context<AppEnv>, issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>): Response {
  const own = issues.find((i) => i.code === 'custom' && OWN_CODE.test(i.message));
  if (own) {
    const message = failureMessage(c.get('t'), own.message);
    const field = own.path.map(String).join('.') || 'body';
    return problemResponse(c, { type: `about:blank#${own.message}`, title: message, status: 422, code: own.message, errors: [{ field, code: own.message, message }] });
  }
  const errors = fieldErrorsOf(issues, c.get('t'));
  return problemResponse(c, { type: 'about:blank#validation', title: c.get('t')('validation.invalid'), status: 422, code: 'validation', errors });
}
