import type { DomainFailure, FailureKind } from '../../domain/shared/result.js';
import { failureMessage, type Translate } from '../i18n/translate.js';

/** The one mapping from failure kind to HTTP status, for pages and the API alike. */
export const FAILURE_STATUS: Record<FailureKind, 401 | 403 | 404 | 409 | 422 | 429> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

export function problemOf(failure: DomainFailure, t: Translate): Problem {
  const message = failureMessage(t, failure.code, failure.details);
  const errors = fieldProblemsOf(failure, t);
  return {
    type: `about:blank#${failure.code}`,
    title: message,
    status: FAILURE_STATUS[failure.kind],
    code: failure.code,
    ...(errors.length ? { errors } : {}),
  };
}

/** Every wrong field a failure names, in the user's language (a use case reports them all at once). */
export function fieldProblemsOf(failure: DomainFailure, t: Translate): FieldError[] {
  const problems = 'problems' in failure && Array.isArray(failure.problems) ? (failure.problems as ReadonlyArray<{ field: string; code: string; details?: Record<string, string | number> }>) : [];
  if (problems.length) return problems.map((p) => ({ field: p.field, code: p.code, message: failureMessage(t, p.code, p.details ?? {}) }));
  const field = 'field' in failure && typeof failure.field === 'string' ? failure.field : undefined;
  return field ? [{ field, code: failure.code, message: failureMessage(t, failure.code, failure.details) }] : [];
}

/** Zod issues to field errors in the user's language: a missing value, a too long one, or an invalid one. */
export function fieldErrorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>, t: Translate): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || 'body';
    // zod 4 leaves the input out of its issues; a missing value says so in its message.
    const missing = issue.code === 'invalid_type' && /received undefined/u.test(issue.message);
    const code = missing ? 'required' : issue.code === 'too_big' ? 'too_long' : 'invalid';
    return { field, code, message: t(`validation.${code}` as const) };
  });
}
