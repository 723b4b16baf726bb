import type { Context } from 'hono';
import type { DomainFailure } from '../../domain/shared/result.js';
import type { AppEnv } from '../http/env.js';
import { fieldErrorsOf, problemOf, type Problem } from '../http/failures.js';

export function problemResponse(_c: Context<AppEnv>, problem: Problem): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' } });
}

export function failureResponse(c: Context<AppEnv>, failure: DomainFailure): Response {
  const response = problemResponse(c, problemOf(failure, c.var.t));
  if (failure.kind === 'rate_limited') response.headers.set('retry-after', String(failure.details.seconds ?? 60));
  return response;
}

export function validationProblem(c: Context<AppEnv>, issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>): Response {
  const errors = fieldErrorsOf(issues, c.var.t);
  return problemResponse(c, { type: 'about:blank#validation', title: c.var.t('validation.invalid'), status: 422, code: 'validation', errors });
}
