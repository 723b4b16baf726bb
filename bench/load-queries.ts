import { InMemoryEInvoiceExchange } from '../adapters/in-memory/in-memory-einvoice-exchange.js';
import { InMemoryFiscalizer } from '../adapters/in-memory/in-memory-fiscalizer.js';
import { InMemoryPaymentReporter } from '../adapters/in-memory/in-memory-payment-reporter.js';
import { createOrm } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { PostgresDatabaseHealth } from '../adapters/postgres/postgres-database-health.js';
import { AesGcmSecretBox } from '../adapters/system/aes-gcm-secret-box.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import { createApp } from '../web/app.js';
import { loadConfig } from '../web/config.js';
import { realServices } from '../web/real-services.js';
import { buildUseCases } from '../web/use-cases.js';
import { countQueries } from '../test/support/query-count.js';

/**
 * The same app in this process on the same database, only to count the SQL statements a page sends (the load runs
 * against the real server, where statements cannot be counted from outside).
 */
export async function inProcessQueryCounter(databaseUrl: string, appUrl: string) {
  const billing = loadConfig({}).billing;
  const orm = await createOrm(databaseUrl);
  const boss = await startPgBoss(databaseUrl, { supervise: false });
  const services = realServices({
    orm,
    boss,
    clock: new SystemClock(),
    lifetime: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    secrets: new AesGcmSecretBox({ bench: Buffer.alloc(32, 9) }, 'bench'),
    settings: { appUrl, productName: 'Bench', nameservers: ['ns1.bench'], serviceHost: 'bench', billing, documentRetentionDays: 30 },
    outside: { fiscalizer: new InMemoryFiscalizer(billing.seller.oib), exchange: new InMemoryEInvoiceExchange(), paymentReporter: new InMemoryPaymentReporter(billing.seller.oib) },
  });
  const app = createApp({ useCases: buildUseCases(services, { database: new PostgresDatabaseHealth(databaseUrl) }), appUrl, secureCookies: false, trustProxy: false, log: () => undefined });
  return {
    async count(path: string, cookie: string): Promise<number> {
      // Warm once (a first request may prepare statements or load the catalog), then count.
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
