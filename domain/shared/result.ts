/** Expected outcomes of a use case: a value or a domain failure. Bugs are thrown, never returned. */
export type Result<T, E = DomainFailure> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

export type FailureKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

/** A failure the user can be told about. `code` is stable: it keys the message in every language. */
export abstract class DomainFailure {
  abstract readonly kind: FailureKind;
  constructor(
    readonly code: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {}
}

/** One wrong field of a form or request body. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly details?: Readonly<Record<string, string | number>>;
}

export class InvalidInput extends DomainFailure {
  readonly kind = 'invalid' as const;
  /** Every wrong field, this one first: a form shows them all at once instead of one per submit. */
  readonly problems: readonly FieldProblem[];
  constructor(code: string, readonly field?: string, details?: Record<string, string | number>, more: readonly FieldProblem[] = []) {
    super(code, details);
    this.problems = [...(field ? [{ field, code, details: details ?? {} }] : []), ...more.filter((p) => p.field !== field)];
  }

  /** All the problems as one failure (the first is its code and field); null when there are none. */
  static all(problems: readonly FieldProblem[]): InvalidInput | null {
    const [first, ...rest] = problems;
    return first ? new InvalidInput(first.code, first.field, { ...(first.details ?? {}) }, rest) : null;
  }
}

/**
 * Collects what is wrong with an input, so a use case checks every field before it answers. `take` keeps the value
 * of a check that passed and records the problems of one that did not.
 */
export class Problems {
  private readonly list: FieldProblem[] = [];

  take<T>(result: Result<T, InvalidInput>): T | undefined {
    if (result.ok) return result.value;
    this.add(result.error);
    return undefined;
  }

  add(failure: InvalidInput): void {
    for (const problem of failure.problems.length ? failure.problems : [{ field: failure.field ?? 'body', code: failure.code, details: failure.details }]) {
      if (!this.list.some((p) => p.field === problem.field)) this.list.push(problem);
    }
  }

  check(ok: boolean, code: string, field: string, details?: Record<string, string | number>): boolean {
    if (!ok) this.add(new InvalidInput(code, field, details));
    return ok;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  failure(): InvalidInput | null {
    return InvalidInput.all(this.list);
  }
}
export class Unauthenticated extends DomainFailure {
  readonly kind = 'unauthenticated' as const;
}
export class Forbidden extends DomainFailure {
  readonly kind = 'forbidden' as const;
}
export class NotFound extends DomainFailure {
  readonly kind = 'not_found' as const;
}
export class Conflict extends DomainFailure {
  readonly kind = 'conflict' as const;
}
export class RateLimited extends DomainFailure {
  readonly kind = 'rate_limited' as const;
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', { seconds: retryAfterSeconds });
  }
}
