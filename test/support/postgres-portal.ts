import { createOrm, execute, type Orm } from '../../adapters/mikro-orm/orm.js';
import { MikroOrmUnitOfWork } from '../../adapters/mikro-orm/mikro-orm-unit-of-work.js';
import { PgBossJobWorker, startPgBoss } from '../../adapters/pg-boss/pg-boss-job-queue.js';
import { PostgresDatabaseHealth } from '../../adapters/postgres/postgres-database-health.js';
import { PostgresRateLimiter } from '../../adapters/postgres/postgres-rate-limiter.js';
import { SmtpCatcher } from '../../adapters/smtp/smtp-catcher.js';
import { SmtpMailer } from '../../adapters/smtp/smtp-mailer.js';
import { Argon2PasswordHasher } from '../../adapters/system/argon2-password-hasher.js';
import { CryptoIds } from '../../adapters/system/crypto-ids.js';
import { OsloTokens } from '../../adapters/system/oslo-tokens.js';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { FixedClock } from '../../adapters/system/system-clock.js';
import { ZxcvbnCommonPasswords } from '../../adapters/system/zxcvbn-common-passwords.js';
import { DeliverMail } from '../../application/mail/deliver-mail.js';
import type { Services } from '../../application/shared/services.js';
import { createTestDatabase } from './database.js';
import { APP_URL, LIFETIME } from './in-memory-portal.js';

/** Every port on its real adapter: PostgreSQL through MikroORM, pg-boss, Argon2, SMTP to a catcher. */
export async function postgresPortal(options: { start?: Date; workers?: boolean } = {}) {
  const databaseUrl = await createTestDatabase();
  const orm: Orm = await createOrm(databaseUrl, { poolMax: 5 });
  const boss = await startPgBoss(databaseUrl, { supervise: false });
  const clock = new FixedClock(options.start ?? new Date());
  const tokens = new OsloTokens();
  const services: Services = {
    uow: new MikroOrmUnitOfWork(orm, { boss, clock, tokens, lifetime: LIFETIME }),
    clock,
    ids: new CryptoIds(),
    tokens,
    hasher: new Argon2PasswordHasher(),
    commonPasswords: new ZxcvbnCommonPasswords(),
    rateLimiter: new PostgresRateLimiter(orm, clock),
    totp: new OsloTotp(),
    settings: { appUrl: APP_URL, productName: 'Portal' },
  };
  const catcher = new SmtpCatcher();
  const smtp = await catcher.start();
  const mailer = new SmtpMailer(smtp.url, 'Portal <portal@localhost>');
  if (options.workers ?? true) {
    const deliver = new DeliverMail({ ...services, mailer, messageIdDomain: 'localhost' });
    await new PgBossJobWorker(boss).handle('mail.deliver', async ({ mailId }) => void (await deliver.execute(mailId)));
  }
  return {
    databaseUrl,
    orm,
    boss,
    services,
    clock,
    catcher,
    mailer,
    database: new PostgresDatabaseHealth(orm),
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
