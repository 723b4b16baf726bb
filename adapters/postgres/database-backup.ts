import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MIGRATIONS } from '../../migrations/index.js';
import { createOrm } from '../mikro-orm/orm.js';

/**
 * A backup is a folder: `manifest.json` and one gzipped binary COPY per table of the `public` schema, all read in
 * one snapshot. It holds the portal's data, not its job queue: pg-boss rebuilds its schema on start, and mail not yet
 * delivered is queued again by the portal itself. Restoring rebuilds the schema with the migrations the backup was
 * made at, loads the rows in the order of their foreign keys, then applies any newer migrations. No superuser is
 * needed: the database's owner (the portal's own role) does both.
 */
export interface BackupManifest {
  readonly format: 'portal-backup';
  readonly version: 1;
  readonly createdAt: string;
  readonly migrations: readonly string[];
  readonly tables: ReadonlyArray<{ readonly name: string; readonly file: string; readonly columns: readonly string[] }>;
  readonly sequences: ReadonlyArray<{ readonly name: string; readonly value: string; readonly called: boolean }>;
}

const MIGRATIONS_TABLE = 'schema_migrations';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * The tables of `public`, parents before the tables that reference them. A table referencing itself, and deferrable
 * references (checked at commit: how a cycle such as quote ↔ renewal is built), do not order anything.
 */
async function tablesInLoadOrder(client: pg.Client): Promise<Array<{ name: string; columns: string[] }>> {
  const tables = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      group by c.relname order by c.relname`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `select distinct c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid and not k.condeferrable`,
  );
  const parents = new Map(tables.rows.map((t) => [t.name, new Set<string>()]));
  for (const e of edges.rows) parents.get(e.child)?.add(e.parent);
  const ordered: Array<{ name: string; columns: string[] }> = [];
  const placed = new Set<string>();
  while (ordered.length < tables.rows.length) {
    const ready = tables.rows.filter((t) => !placed.has(t.name) && [...parents.get(t.name)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error('the tables reference each other in a cycle: cannot order them for loading');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t.name);
    }
  }
  return ordered;
}

/** Writes a backup of the database at `url` into `folder` (new or empty); returns what it holds. */
export async function backupDatabase(url: string, folder: string, now = new Date()): Promise<BackupManifest> {
  if (existsSync(folder) && readdirSync(folder).length > 0) throw new Error(`${folder} is not empty: name a new folder for the backup`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const client = await connect(url);
  try {
    await client.query('begin isolation level repeatable read read only');
    const migrated = await client.query(`select to_regclass('public.${MIGRATIONS_TABLE}') is not null as yes`);
    if (!migrated.rows[0]?.yes) throw new Error('This database holds no portal data yet: start the portal once, then back it up');
    const tables = await tablesInLoadOrder(client);
    const written: Array<BackupManifest['tables'][number]> = [];
    for (const table of tables) {
      const file = `${table.name}.copy.gz`;
      const columns = table.columns.map((c) => client.escapeIdentifier(c)).join(', ');
      await pipeline(client.query(copyTo(`copy (select ${columns} from ${client.escapeIdentifier(table.name)}) to stdout (format binary)`)), createGzip(), createWriteStream(join(folder, file), { mode: 0o600 }));
      written.push({ name: table.name, file, columns: table.columns });
    }
    const sequences = await client.query<{ name: string; value: string | null; start: string }>(
      `select sequencename as name, last_value::text as value, start_value::text as start from pg_sequences where schemaname = 'public' order by 1`,
    );
    const migrations = await client.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE} order by id`);
    await client.query('commit');
    const manifest: BackupManifest = {
      format: 'portal-backup',
      version: 1,
      createdAt: now.toISOString(),
      migrations: migrations.rows.map((m) => m.name),
      tables: written,
      sequences: sequences.rows.map((s) => ({ name: s.name, value: s.value ?? s.start, called: s.value !== null })),
    };
    writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await client.end();
  }
}

export function readManifest(folder: string): BackupManifest {
  const file = join(folder, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${folder} holds no portal backup (manifest.json is missing)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 'portal-backup' || manifest.version !== 1) throw new Error(`${folder} is not a backup this version of the portal can read`);
  const known = MIGRATIONS.map((m) => m.name);
  if (manifest.migrations.some((name, i) => known[i] !== name)) throw new Error(`${folder} was made by a newer or different version of the portal: restore it with that version`);
  return manifest;
}

async function migrateTo(url: string, last: string | undefined): Promise<void> {
  const orm = await createOrm(url, { poolMax: 2 });
  try {
    if (last === undefined) await orm.migrator.up();
    else await orm.migrator.up({ to: last });
  } finally {
    await orm.close(true);
  }
}

/**
 * Replaces everything in the database at `url` with the backup in `folder`. The portal must be stopped: its
 * tables are dropped and rebuilt. The rows go in one transaction.
 */
export async function restoreDatabase(url: string, folder: string): Promise<BackupManifest> {
  const manifest = readManifest(folder);
  const client = await connect(url);
  try {
    await client.query('begin');
    await client.query('drop schema if exists pgboss cascade');
    await client.query('drop schema public cascade');
    await client.query('create schema public');
    await client.query('commit');
    await migrateTo(url, manifest.migrations.at(-1));
    await client.query('begin');
    await client.query('set constraints all deferred');
    const names = manifest.tables.map((t) => client.escapeIdentifier(t.name));
    if (names.length) await client.query(`truncate ${names.join(', ')}`);
    // User triggers guard issued invoices against change; the rows coming back are the ones they guarded.
    for (const name of names) await client.query(`alter table ${name} disable trigger user`);
    for (const table of manifest.tables) {
      const columns = table.columns.map((c) => client.escapeIdentifier(c)).join(', ');
      await pipeline(createReadStream(join(folder, table.file)), createGunzip(), client.query(copyFrom(`copy ${client.escapeIdentifier(table.name)} (${columns}) from stdin (format binary)`)));
    }
    // The deferred references are checked now, with every row in place; then the guards go back on.
    await client.query('set constraints all immediate');
    for (const name of names) await client.query(`alter table ${name} enable trigger user`);
    for (const s of manifest.sequences) await client.query('select setval($1::regclass, $2::bigint, $3)', [client.escapeIdentifier(s.name), s.value, s.called]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  await migrateTo(url, undefined);
  return manifest;
}
