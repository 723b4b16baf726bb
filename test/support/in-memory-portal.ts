import { InMemoryCommonPasswords, InMemoryPasswordHasher } from '../../adapters/in-memory/in-memory-password-hasher.js';
import { InMemoryJobWorker } from '../../adapters/in-memory/in-memory-job-queue.js';
import { InMemoryMailer } from '../../adapters/in-memory/in-memory-mailer.js';
import { InMemoryRateLimiter } from '../../adapters/in-memory/in-memory-rate-limiter.js';
import { InMemoryDatabaseHealth, InMemoryStore, InMemoryUnitOfWork } from '../../adapters/in-memory/in-memory-unit-of-work.js';
import { CryptoIds } from '../../adapters/system/crypto-ids.js';
import { AesGcmSecretBox } from '../../adapters/system/aes-gcm-secret-box.js';
import { InMemoryDocumentRenderer } from '../../adapters/in-memory/in-memory-document-renderer.js';
import { InMemoryEInvoiceWriter } from '../../adapters/in-memory/in-memory-einvoice-writer.js';
import { OsloTokens } from '../../adapters/system/oslo-tokens.js';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { FixedClock } from '../../adapters/system/system-clock.js';
import { registerJobHandlers } from '../../web/jobs.js';
import { InMemoryWebhookSender } from '../../adapters/in-memory/in-memory-webhook-sender.js';
import type { Services } from '../../application/shared/services.js';
import { InMemoryFiscalizer } from '../../adapters/in-memory/in-memory-fiscalizer.js';
import { InMemoryEInvoiceExchange } from '../../adapters/in-memory/in-memory-einvoice-exchange.js';
import { InMemoryPaymentReporter } from '../../adapters/in-memory/in-memory-payment-reporter.js';
import { Camt053Reader } from '../../adapters/camt/camt053-reader.js';

export const LIFETIME = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
export const APP_URL = 'http://localhost:3000';
export const SETTINGS = {
  appUrl: APP_URL,
  productName: 'Portal',
  nameservers: ['ns1.test.hr', 'ns2.test.hr'],
  serviceHost: 'server1.test.hr',
  documentRetentionDays: 30,
  billing: {
    seller: { name: 'Hosting Prodavatelj d.o.o.', oib: '12345678903', street: 'Radnička cesta 80', postalCode: '10000', city: 'Zagreb', country: 'HR' },
    iban: 'HR1210010051863000160',
    premises: 'WEB1',
    device: '1',
    paymentTermDays: 15,
    operator: { name: 'Portal (automatski)', oib: '69435151530' },
    renewal: { quoteDaysBefore: 30, reminderDaysBefore: 7, graceDays: 15 },
  },
};
/** The outside services in memory: fiscalization, the intermediary and payment reporting, each with a test handle. */
export function inMemoryOutside(now: () => Date = () => new Date()) {
  return { fiscalizer: new InMemoryFiscalizer(SETTINGS.billing.seller.oib), exchange: new InMemoryEInvoiceExchange(now), paymentReporter: new InMemoryPaymentReporter(SETTINGS.billing.seller.oib) };
}

export const TEST_SECRETS = new AesGcmSecretBox({ old: Buffer.alloc(32, 1), test: Buffer.alloc(32, 7) }, 'test');

/** Every port on its in-memory adapter, a clock the test moves, and a worker the test drains. */
export function inMemoryPortal(start = new Date('2026-11-25T09:00:00Z')) {
  const clock = new FixedClock(start);
  const tokens = new OsloTokens();
  const store = new InMemoryStore();
  const uow = new InMemoryUnitOfWork(store, { clock, tokens, lifetime: LIFETIME });
  const outside = inMemoryOutside(() => clock.now());
  const services: Services = {
    ...outside,
    statements: new Camt053Reader(),
    uow,
    clock,
    ids: new CryptoIds(),
    tokens,
    hasher: new InMemoryPasswordHasher(),
    commonPasswords: new InMemoryCommonPasswords(),
    rateLimiter: new InMemoryRateLimiter(clock),
    totp: new OsloTotp(),
    secrets: TEST_SECRETS,
    documents: new InMemoryDocumentRenderer(),
    einvoices: new InMemoryEInvoiceWriter(),
    settings: SETTINGS,
  };
  const mailer = new InMemoryMailer();
  const worker = new InMemoryJobWorker(store);
  const webhookSender = new InMemoryWebhookSender();
  void registerJobHandlers(worker, services, { mailer, messageIdDomain: 'localhost' }, { webhookSender });
  /** What reached the transport (after running the queued jobs), optionally only to one address: the real mail, secrets in place. */
  const inbox = async (to?: string) => {
    await worker.drain();
    return mailer.sent.filter((m) => to === undefined || m.to === to);
  };
  return { services, clock, store, mailer, worker, inbox, webhookSender, database: new InMemoryDatabaseHealth(), outside };
}

export type InMemoryPortal = ReturnType<typeof inMemoryPortal>;

export const META = { clientAddress: '203.0.113.7', userAgent: 'vitest', locale: 'hr' as const };
