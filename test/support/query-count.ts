import pg from 'pg';

/** How many SQL statements `run` sends through node-postgres (pg-boss's own polling is left out). */
export async function countQueries(run: () => Promise<void>): Promise<number> {
  const original = pg.Client.prototype.query;
  let queries = 0;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (!/pgboss/iu.test(text)) queries += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return queries;
}
