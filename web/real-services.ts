import { MikroOrmUnitOfWork } from '../adapters/mikro-orm/mikro-orm-unit-of-work.js';
import type { Orm } from '../adapters/mikro-orm/orm.js';
import { PgBossJobWorker, type PgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { PostgresRateLimiter } from '../adapters/postgres/postgres-rate-limiter.js';
import { PdfKitDocumentRenderer } from '../adapters/pdf/pdfkit-document-renderer.js';
import { XmlBuilderUblWriter } from '../adapters/ubl/xmlbuilder2-ubl-writer.js';
import { Argon2PasswordHasher } from '../adapters/system/argon2-password-hasher.js';
import { CryptoIds } from '../adapters/system/crypto-ids.js';
import { OsloTokens } from '../adapters/system/oslo-tokens.js';
import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { ZxcvbnCommonPasswords } from '../adapters/system/zxcvbn-common-passwords.js';
import type { Clock } from '../application/ports/clock.js';
import type { Mailer } from '../application/ports/mailer.js';
import type { SecretBox } from '../application/ports/secret-box.js';
import type { PortalSettings, Services } from '../application/shared/services.js';
import type { SessionLifetime } from '../domain/identity/session.js';
import { registerJobHandlers } from './jobs.js';
import { Camt053Reader } from '../adapters/camt/camt053-reader.js';

/** Every port on its production adapter. Used by the server and by the tests that run on PostgreSQL. */
export function realServices(deps: { orm: Orm; boss: PgBoss; clock: Clock; lifetime: SessionLifetime; settings: PortalSettings; secrets: SecretBox; outside: Pick<Services, 'fiscalizer' | 'exchange' | 'paymentReporter'> }): Services {
  const tokens = new OsloTokens();
  return {
    uow: new MikroOrmUnitOfWork(deps.orm, { boss: deps.boss, clock: deps.clock, tokens, lifetime: deps.lifetime }),
    clock: deps.clock,
    ids: new CryptoIds(),
    tokens,
    hasher: new Argon2PasswordHasher(),
    commonPasswords: new ZxcvbnCommonPasswords(),
    rateLimiter: new PostgresRateLimiter(deps.orm, deps.clock),
    totp: new OsloTotp(),
    secrets: deps.secrets,
    documents: new PdfKitDocumentRenderer(),
    einvoices: new XmlBuilderUblWriter(),
    settings: deps.settings,
    fiscalizer: deps.outside.fiscalizer,
    exchange: deps.outside.exchange,
    paymentReporter: deps.outside.paymentReporter,
    statements: new Camt053Reader(),
  };
}

/** The background work on pg-boss. */
export async function startJobHandlers(boss: PgBoss, services: Services, mail: { mailer: Mailer; messageIdDomain: string }): Promise<void> {
  await registerJobHandlers(new PgBossJobWorker(boss), services, mail);
}
