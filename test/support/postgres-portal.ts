import { createOrm, execute, type Orm } from '../../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../../adapters/pg-boss/pg-boss-job-queue.js';
import { realServices, startJobHandlers } from '../../web/real-services.js';
import { PostgresDatabaseHealth } from '../../adapters/postgres/postgres-database-health.js';
import { SmtpCatcher } from '../../adapters/smtp/smtp-catcher.js';
import { SmtpMailer } from '../../adapters/smtp/smtp-mailer.js';
import { FixedClock } from '../../adapters/system/system-clock.js';
import { createTestDatabase } from './database.js';
import { inMemoryOutside, LIFETIME, SETTINGS, TEST_SECRETS } from './in-memory-portal.js';
import type { Services } from '../../application/shared/services.js';

/** Every port on its real adapter: PostgreSQL through MikroORM, pg-boss, Argon2, SMTP to a catcher. */
export async function postgresPortal(options: { start?: Date; workers?: boolean; outside?: Pick<Services, 'fiscalizer' | 'exchange' | 'paymentReporter'> } = {}) {
  const databaseUrl = await createTestDatabase();
  const orm: Orm = await createOrm(databaseUrl, { poolMax: 5 });
  const boss = await startPgBoss(databaseUrl, { supervise: false });
  const clock = new FixedClock(options.start ?? new Date());
  const outside = options.outside ?? inMemoryOutside(() => clock.now());
  const services = realServices({ orm, boss, clock, lifetime: LIFETIME, settings: SETTINGS, secrets: TEST_SECRETS, outside });
  const catcher = new SmtpCatcher();
  const smtp = await catcher.start();
  const mailer = new SmtpMailer(smtp.url, 'Portal <portal@localhost>');
  if (options.workers ?? true) await startJobHandlers(boss, services, { mailer, messageIdDomain: 'localhost' });
  return {
    databaseUrl,
    orm,
    boss,
    services,
    outside,
    clock,
    catcher,
    mailer,
    database: new PostgresDatabaseHealth(databaseUrl),
    sql: <T = Record<string, unknown>>(text: string, params: unknown[] = []) => execute<T>(orm.em.fork(), text, params),
    async close() {
      await boss.stop({ graceful: false, close: true });
      mailer.close();
      await catcher.stop();
      await orm.close(true);
    },
  };
}

export type PostgresPortal = Awaited<ReturnType<typeof postgresPortal>>;
