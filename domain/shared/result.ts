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

export class InvalidInput extends DomainFailure {
  readonly kind = 'invalid' as const;
  constructor(code: string, readonly field?: string, details?: Record<string, string | number>) {
    super(code, details);
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
