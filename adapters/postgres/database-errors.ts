/** Connection-level failures of the socket (the database host is gone or refuses). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL's own: connection exceptions (class 08), shutting down or starting up (57P0x), no connections left. */
const UNAVAILABLE_STATES = /^(08|57P0[1-3]$|53300$)/u;
const UNAVAILABLE_TEXT = /connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (shutting down|starting up|in recovery mode)|server closed the connection/iu;

/**
 * Whether an error means "the database is away for now" (so the answer is 503, try again), not a bug. Walks the
 * chain of causes: the ORM and the pool wrap the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth += 1) {
    const x = e as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && (SOCKET_CODES.has(x.code) || UNAVAILABLE_STATES.test(x.code))) return true;
    if (typeof x.sqlState === 'string' && UNAVAILABLE_STATES.test(x.sqlState)) return true;
    if (typeof x.message === 'string' && UNAVAILABLE_TEXT.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}
