import { InMemoryEInvoiceExchange } from '../adapters/in-memory/in-memory-einvoice-exchange.js';
import { InMemoryFiscalizer } from '../adapters/in-memory/in-memory-fiscalizer.js';
import { InMemoryPaymentReporter } from '../adapters/in-memory/in-memory-payment-reporter.js';
import type { Orm } from '../adapters/mikro-orm/orm.js';
import type { PgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { AesGcmSecretBox } from '../adapters/system/aes-gcm-secret-box.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import type { Services } from '../application/shared/services.js';
import { loadConfig } from '../web/config.js';
import { realServices } from '../web/real-services.js';

/**
 * The portal's real services for a benchmark, on its database: pages are measured here, not the Tax Administration,
 * so its services stay in memory; a fixed key seals what needs sealing.
 */
export function benchServices(orm: Orm, boss: PgBoss, appUrl: string): Services {
  const billing = loadConfig({}).billing;
  return realServices({
    orm,
    boss,
    clock: new SystemClock(),
    lifetime: { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 },
    secrets: new AesGcmSecretBox({ bench: Buffer.alloc(32, 9) }, 'bench'),
    settings: { appUrl, productName: 'Bench', nameservers: ['ns1.bench'], serviceHost: 'bench', billing, documentRetentionDays: 30 },
    outside: { fiscalizer: new InMemoryFiscalizer(billing.seller.oib), exchange: new InMemoryEInvoiceExchange(), paymentReporter: new InMemoryPaymentReporter(billing.seller.oib) },
  });
}
