import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type QueryResult } from 'kysely';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { NotifiedCache } from '../postgres/notified-cache.js';
import { reclaimBrokenConnections } from '../postgres/pool-guard.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { ALL_SCHEMAS, ClientAccountSchema, ContactSchema, StaffMemberSchema, UserSchema } from './schemas.js';
import { HELP_SCHEMAS } from './help-schemas.js';
import { INTEGRATION_SCHEMAS } from './integration-schemas.js';
import { BACKOFFICE_SCHEMAS } from './backoffice-schemas.js';

export type Orm = MikroORM;
export type Em = EntityManager;

const POOLS = new WeakMap<Orm, { reads: pg.Pool | null; numbers: pg.Pool; cache: NotifiedCache<unknown> }>();

/**
 * The pool the read models send their named statements to, outside any transaction (made with the ORM's pool, on its
 * first query; null before). Its connections plan each named statement once: `plan_cache_mode=force_generic_plan`.
 * Left to choose, PostgreSQL planned the dashboard's statement afresh on every execution (its generic plan looks
 * dearer on paper, with arrays for parameters), and planning cost more than running it: 0.65 ms of 0.8. The ORM's own
 * statements stay on the ORM's pool, planned as before.
 */
export function readsPoolOf(orm: Orm): pg.Pool | null {
  return POOLS.get(orm)?.reads ?? null;
}

export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/**
 * Two connections of their own for numbers that may skip (`Counters.reserve`): taken while the caller holds a
 * connection of the main pool in its transaction, so they must never wait for that pool.
 */
export function numbersPoolOf(orm: Orm): pg.Pool {
  const pools = POOLS.get(orm);
  if (!pools) throw new Error('an ORM made without createOrm');
  return pools.numbers;
}

/**
 * What every request would otherwise read again, kept in memory while the database announces every change behind it
 * (see the migration ChangeNotices): live sessions with their person (the one statement every signed-in request sent)
 * and the help centre's front page. A value is kept 30 seconds at most; the listening connection opens on first use.
 */
export function readCacheOf(orm: Orm): NotifiedCache<unknown> | null {
  return POOLS.get(orm)?.cache ?? null;
}

const SESSION_SOURCE_WRITES = new WeakSet<object>();

/**
 * Whether work on this entity manager wrote a user, client account, contact or staff member: what a kept session
 * carries. Told by the ORM's own events for those entities, so that a use case that only read them (a failed sign-in
 * looks the user up) leaves the sessions kept.
 */
export function wroteSessionSources(em: Em): boolean {
  return SESSION_SOURCE_WRITES.has(em);
}

const READ_CACHE = { channel: 'portal_changes', applicationName: 'portal read cache', ttlMs: 30_000, maxEntries: 20_000 } as const;

/** Connections per process: PostgreSQL does best with a few busy connections per core, shared by every worker. */
export const DEFAULT_POOL_MAX = 10;

export async function createOrm(databaseUrl: string, options: { debug?: boolean; poolMax?: number } = {}): Promise<Orm> {
  const created: { reads: pg.Pool | null } = { reads: null };
  const poolMax = options.poolMax ?? DEFAULT_POOL_MAX;
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [...ALL_SCHEMAS, ...HELP_SCHEMAS, ...INTEGRATION_SCHEMAS, ...BACKOFFICE_SCHEMAS],
    extensions: [Migrator],
    debug: options.debug ?? false,
    pool: { min: 0, max: poolMax },
    driverOptions: {
      onPoolCreated: (pool: pg.Pool) => {
        reclaimBrokenConnections(pool);
        // The same connections as the ORM's (its types: dates and times as text), planning named statements once.
        const reads = new pg.Pool({ connectionString: databaseUrl, max: poolMax, types: (pool as unknown as { options: pg.PoolConfig }).options.types, options: GENERIC_PLANS });
        reads.on('error', () => undefined); // An idle connection lost with the database: the next query says so.
        reclaimBrokenConnections(reads);
        created.reads = reads;
      },
    },
    allowGlobalContext: false,
    migrations: { migrationsList: MIGRATIONS, tableName: 'schema_migrations', transactional: true, allOrNothing: true, snapshot: false },
  });
  const numbers = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  numbers.on('error', () => undefined); // An idle connection lost with the database: the next query says so.
  const wrote = ({ em }: { em: object }) => void SESSION_SOURCE_WRITES.add(em);
  orm.em.getEventManager().registerSubscriber({ getSubscribedEntities: () => [UserSchema, ClientAccountSchema, ContactSchema, StaffMemberSchema], afterCreate: wrote, afterUpdate: wrote, afterDelete: wrote });
  const cache = new NotifiedCache<unknown>({ databaseUrl, ...READ_CACHE });
  POOLS.set(orm, Object.assign(created, { numbers, cache }));
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await cache.close();
    await numbers.end().catch(() => undefined);
    await created.reads?.end().catch(() => undefined);
    return close(force);
  };
  return orm;
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

/**
 * Runs SQL with server-side parameters ($1, $2…) on the entity manager's connection, inside its
 * transaction when it has one. pg-boss sends its own SQL through here too.
 */
export async function execute<T = Record<string, unknown>>(em: Em, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const runner: { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> } = em.getTransactionContext() ?? em.getConnection().getClient();
  const result = await runner.executeQuery(CompiledQuery.raw(sql, [...params]));
  return result.rows as T[];
}
