export interface RateRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  readonly retryAfterSeconds: number;
  /** Attempts left in the current window (0 once refused), and seconds until the window starts again. */
  readonly remaining: number;
  readonly resetSeconds: number;
}

/** Counts attempts per key in a fixed window. Committed on its own: a refused attempt still counts. */
export interface RateLimiter {
  consume(key: string, rule: RateRule): Promise<RateDecision>;
  reset(key: string): Promise<void>;
  /** Forgets windows that started before `before`. */
  purge(before: Date): Promise<number>;
}
