import { createOrm, readCacheOf } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { PostgresDatabaseHealth } from '../adapters/postgres/postgres-database-health.js';
import { createApp } from '../web/app.js';
import { buildUseCases } from '../web/use-cases.js';
import { countQueries } from '../test/support/query-count.js';
import { benchServices } from './bench-services.js';

/**
 * The same app in this process on the same database, only to count the SQL statements a page sends (the load runs
 * against the real server, where statements cannot be counted from outside).
 */
export async function inProcessQueryCounter(databaseUrl: string, appUrl: string) {
  const orm = await createOrm(databaseUrl);
  const boss = await startPgBoss(databaseUrl, { supervise: false });
  const services = benchServices(orm, boss, appUrl);
  const app = createApp({ useCases: buildUseCases(services, { database: new PostgresDatabaseHealth(databaseUrl) }), appUrl, secureCookies: false, trustProxy: false, log: () => undefined });
  return {
    async count(path: string, cookie: string): Promise<number> {
      // Warm (a first request may prepare statements or load the catalog) until the read cache listens, as it does
      // under load, then count: what every later request of the same session costs.
      await (await app.request(path, { headers: cookie ? { cookie } : {} })).text();
      for (let i = 0; i < 500 && !readCacheOf(orm)?.listening; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await (await app.request(path, { headers: cookie ? { cookie } : {} })).text();
      let status = 0;
      const queries = await countQueries(async () => {
        const response = await app.request(path, { headers: cookie ? { cookie } : {} });
        await response.text();
        status = response.status;
      });
      if (status !== 200) throw new Error(`${path} answered ${status}`);
      return queries;
    },
    async close(): Promise<void> {
      await boss.stop({ graceful: false, close: true });
      await orm.close(true);
    },
  };
}
