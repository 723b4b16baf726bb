import pg from 'pg';
import type { DatabaseHealth } from '../../application/ports/unit-of-work.js';

/** How long a probe may take before the database counts as away. */
const PROBE_TIMEOUT_MS = 2_000;
/** Probes answered from one real round trip at most this often, so that /healthz can be polled hard. */
const PROBE_EVERY_MS = 1_000;

/**
 * A real round trip on a fresh connection, bounded in time: a database that still serves the pool's old connections
 * but refuses new ones (shutting down, out of connections) is reported as down. At most one probe a second; callers
 * in between share its answer.
 */
export class PostgresDatabaseHealth implements DatabaseHealth {
  private last: { at: number; result: Promise<number> } | null = null;

  constructor(private readonly databaseUrl: string) {}

  ping(): Promise<number> {
    const now = Date.now();
    if (this.last && now - this.last.at < PROBE_EVERY_MS) return this.last.result;
    const result = this.probe();
    this.last = { at: now, result };
    // A rejected probe is shared too, but never left unhandled.
    result.catch(() => undefined);
    return result;
  }

  private async probe(): Promise<number> {
    const started = performance.now();
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS, statement_timeout: PROBE_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return Math.round((performance.now() - started) * 10) / 10;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
