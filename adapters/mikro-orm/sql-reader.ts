import type pg from 'pg';
import { execute, type Em } from './orm.js';

/** Sends one read statement: named (prepared once per connection) on the pool outside a transaction, else inside it. */
export type SqlReader = <T = Record<string, unknown>>(name: string, sql: string, params: readonly unknown[]) => Promise<T[]>;

export function sqlReader(em: Em, pool: pg.Pool | null): SqlReader {
  if (!pool) return (_name, sql, params) => execute(em, sql, params);
  return async <T>(name: string, sql: string, params: readonly unknown[]) => (await pool.query({ name, text: sql, values: [...params] })).rows as T[];
}
