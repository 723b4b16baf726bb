import type pg from 'pg';

/** How long a connection that broke may stay checked out before the pool takes it back. */
const RECLAIM_AFTER_MS = 1_000;

/**
 * Gives the pool back a connection that broke while checked out and that its holder never returned. kysely's
 * controlled transaction releases its connection only when ROLLBACK succeeds, and on a broken connection it cannot:
 * each such transaction would keep a slot of the pool for ever, and after a database restart or a network fault the
 * pool would run dry. A broken connection still held a second later is released, destroyed.
 */
export function reclaimBrokenConnections(pool: pg.Pool): void {
  const held = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => held.add(client));
  pool.on('release', (_error, client) => held.delete(client));
  pool.on('remove', (client) => held.delete(client as pg.PoolClient));
  pool.on('connect', (client) => {
    client.on('end', () => {
      setTimeout(() => {
        const checkedOut = client as pg.PoolClient;
        if (!held.has(checkedOut)) return;
        held.delete(checkedOut);
        try {
          checkedOut.release(true);
        } catch {
          // Released meanwhile by its holder: nothing to take back.
        }
      }, RECLAIM_AFTER_MS).unref();
    });
  });
}
