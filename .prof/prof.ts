import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../adapters/postgres/embedded-database.js';
import { createOrm, migrate } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { seedCatalog } from '../application/catalog/demo-catalog.js';
import { SeedDemoData, DEMO } from '../application/demo/seed-demo-data.js';
import { MarkdownItRenderer } from '../adapters/markdown/markdown-it-renderer.js';
import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { inProcessQueryCounter } from '../bench/load-queries.js';
import { seedTo } from '../bench/load-seed.js';
import { createApp } from '../web/app.js';

const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'pg'), persistent: false, database: 'bench', fsync: false });
const url = embedded.url;
// seed with a throwaway app built the same way
const c0 = await inProcessQueryCounter(url, 'http://localhost:3000');
await c0.close();
