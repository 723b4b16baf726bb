import { serve, type ServerType } from '@hono/node-server';
import { resolve } from 'node:path';
import { createOrm, migrate } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { isDatabaseUnavailable } from '../adapters/postgres/database-errors.js';
import { PostgresDatabaseHealth } from '../adapters/postgres/postgres-database-health.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../adapters/postgres/embedded-database.js';
import { SmtpCatcher, type MailInbox } from '../adapters/smtp/smtp-catcher.js';
import { SmtpMailer } from '../adapters/smtp/smtp-mailer.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import { MarkdownItRenderer } from '../adapters/markdown/markdown-it-renderer.js';
import { SeedDemoData, type DemoLogin } from '../application/demo/seed-demo-data.js';
import { SealStaffSecrets } from '../application/staff/seal-staff-secrets.js';
import type { Clock } from '../application/ports/clock.js';
import { createApp } from './app.js';
import { closeServer, hardenServer, SHUTDOWN_DEADLINE_MS } from './http/graceful-server.js';
import type { Config } from './config.js';
import { realServices, startJobHandlers } from './real-services.js';
import { loadSecretBox } from './secret-box.js';
import { buildUseCases } from './use-cases.js';
import { startOutsideServices, type OutsideServices } from './outside-services.js';
import { CryptoIds } from '../adapters/system/crypto-ids.js';

/**
 * How this process takes part: `all` is the whole portal in one process; with several web workers the `primary` owns
 * the embedded database, the migrations, the mail catcher, the local simulators and the job workers, and each
 * `worker` only serves HTTP over the same PostgreSQL (stateless: sessions, jobs and documents live there).
 */
export type PortalRole = 'all' | 'primary' | 'worker';

export interface RunningPortal {
  /** Where this process listens; empty for the primary of several workers, which does not serve HTTP. */
  readonly url: string;
  readonly catcher: SmtpCatcher | null;
  readonly databaseUrl: string;
  readonly demoLogins: DemoLogin[] | null;
  /** The Tax Administration's services and the intermediary (local simulators where not configured). */
  readonly outside: OutsideServices;
  /** The settings a web worker is started with, so that it uses what this primary started. */
  readonly workerEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The composition root: real adapters wired into the use cases, then the HTTP server. Anything not
 * configured is started here (embedded PostgreSQL, an in-process SMTP catcher).
 */
/** The longest one part of the portal may take to stop (the HTTP server's own deadline is shorter). */
const STOP_STEP_MS = SHUTDOWN_DEADLINE_MS + 5_000;

export interface StartOptions {
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
  readonly role?: PortalRole;
  /** A worker's copy of the primary's mail catcher, served at /dev/mail. */
  readonly inbox?: MailInbox | null;
  /**
   * Called on a primary as soon as the database is migrated and the job queue is there, with the settings of a web
   * worker: workers start (load their code, connect) while the primary goes on with the job workers and demo data.
   */
  readonly onDatabaseReady?: (workerEnv: Readonly<Record<string, string>>, catcher: SmtpCatcher | null) => void;
}

export async function startPortal(config: Config, options: StartOptions = {}): Promise<RunningPortal> {
  const role = options.role ?? 'all';
  const owner = role !== 'worker';
  const serving = role !== 'primary';
  // A worker says nothing of what the primary started and has already told.
  const log = options.log ?? (owner ? (line: string) => console.log(line) : () => undefined);
  const stops: Array<{ what: string; stop: () => Promise<void> }> = [];
  // Each part gets its time; one that does not finish (a connection gone astray) does not keep the rest from stopping.
  const stopAll = async () => {
    for (const { what, stop } of stops.reverse()) {
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_STEP_MS).unref());
      const outcome = await Promise.race([stop().then(() => 'done' as const, (error: unknown) => error), late]);
      if (outcome === 'late') console.error(`[stop] ${what} did not stop within ${STOP_STEP_MS / 1000} s; going on`);
      else if (outcome !== 'done') console.error(`[stop] ${what}:`, outcome instanceof Error ? outcome.message : outcome);
    }
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl && !owner) throw new Error('a web worker needs DATABASE_URL from its primary');
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: resolve(config.dataDir, 'postgres'), log });
      stops.push({ what: 'the embedded PostgreSQL', stop: () => embedded.stop() });
      databaseUrl = embedded.url;
      log(`PostgreSQL (embedded) in ${resolve(config.dataDir, 'postgres')}`);
    }
    let smtpUrl = config.smtpUrl;
    let catcher: SmtpCatcher | null = null;
    if (!smtpUrl && owner) {
      catcher = new SmtpCatcher();
      smtpUrl = (await catcher.start()).url;
      const started = catcher;
      stops.push({ what: 'the mail catcher', stop: () => started.stop() });
    }

    // The Tax Administration's services and the intermediary (local simulators where not configured): they stop after
    // the job workers, so a fiscalization under way gets its answer.
    const clock = options.clock ?? new SystemClock();
    // A worker is handed the simulators' addresses by its primary, so it starts none of its own.
    const outside = await startOutsideServices(config.outside, { clock, ids: new CryptoIds(), sellerOib: config.billing.seller.oib, dataDir: config.dataDir, log });
    stops.push({ what: 'the local simulators', stop: () => outside.stop() });

    const orm = await createOrm(databaseUrl);
    stops.push({ what: 'the database connections', stop: () => orm.close(true) });
    if (owner) {
      const applied = await migrate(orm);
      if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
    }
    // A web worker only enqueues jobs (in the transaction of the change); the primary works them.
    const boss = await startPgBoss(databaseUrl, owner ? {} : { supervise: false, manageQueues: false });
    // Jobs under way finish (a mail being sent, an import) before the database goes.
    stops.push({ what: owner ? 'the job workers' : 'the job queue', stop: () => boss.stop({ graceful: owner, timeout: SHUTDOWN_DEADLINE_MS, close: true }) });
    const workerEnv: Record<string, string> = { ...outside.workerEnv, DATABASE_URL: databaseUrl, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) };
    options.onDatabaseReady?.(workerEnv, catcher);

    const lifetime = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
    const services = realServices({
      orm,
      boss,
      clock,
      lifetime,
      secrets: loadSecretBox(config, log),
      outside,
      settings: { appUrl: config.appUrl, productName: config.productName, nameservers: config.nameservers, serviceHost: config.serviceHost, billing: config.billing, documentRetentionDays: config.documentRetentionDays },
    });
    let demoLogins: DemoLogin[] | null = null;
    if (owner) {
      const mailer = new SmtpMailer(smtpUrl!, config.mailFrom, config.smtp);
      stops.push({ what: 'the SMTP connections', stop: async () => mailer.close() });
      await startJobHandlers(boss, services, { mailer, messageIdDomain: new URL(config.appUrl).hostname });
      const sealed = await new SealStaffSecrets(services).execute();
      if (sealed) log(`Sealed the TOTP secrets of ${sealed} staff members stored in clear by an earlier version`);
      demoLogins = config.seedDemo ? (await new SeedDemoData(services, new MarkdownItRenderer()).execute()).logins : null;
    }
    if (!serving) return { url: '', catcher, databaseUrl, demoLogins, outside, workerEnv, stop: stopAll };

    const useCases = buildUseCases(services, { database: new PostgresDatabaseHealth(databaseUrl) });
    // The catcher's inbox holds every reset link: served only to this machine, never on a network address.
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
    const inbox = owner ? catcher : (options.inbox ?? null);
    if (catcher && !loopback) log(`Mail catcher: not served at /dev/mail because HOST=${config.host} is not a loopback address`);
    const app = createApp({ useCases, appUrl: config.appUrl, secureCookies: config.secureCookies, trustProxy: config.trustProxy, mailCatcher: loopback ? inbox : null, unavailable: isDatabaseUnavailable });

    // A port already taken is a failure to start (with everything started so far stopped), not an uncaught error.
    const server = await new Promise<ServerType>((resolveServer, rejectServer) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
        s.off('error', rejectServer);
        resolveServer(s);
      });
      s.once('error', rejectServer);
    });
    hardenServer(server);
    // The first thing to stop, the last thing started: requests in flight still have the database and mail.
    stops.push({ what: 'the HTTP server', stop: () => closeServer(server) });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, catcher, databaseUrl, demoLogins, outside, workerEnv, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
