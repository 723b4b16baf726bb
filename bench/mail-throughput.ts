/**
 * `npm run bench:mail`: how fast the portal drains a backlog of mail. Queues BENCH_MAILS (10 000) mails as the use
 * cases do (a row and a pg-boss job in one transaction), then starts the real mail workers (pg-boss, pooled SMTP)
 * against a local SMTP sink that counts Message-IDs, and times the drain. Reports mails/s, duplicates and losses.
 * BENCH_DATABASE_URL to use a server of your own; otherwise embedded PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smtpSink } from './smtp-sink.js';
import { InMemoryEInvoiceExchange } from '../adapters/in-memory/in-memory-einvoice-exchange.js';
import { InMemoryFiscalizer } from '../adapters/in-memory/in-memory-fiscalizer.js';
import { InMemoryPaymentReporter } from '../adapters/in-memory/in-memory-payment-reporter.js';
import { createOrm, execute, migrate } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { startEmbeddedDatabase } from '../adapters/postgres/embedded-database.js';
import { SmtpMailer } from '../adapters/smtp/smtp-mailer.js';
import { AesGcmSecretBox } from '../adapters/system/aes-gcm-secret-box.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import { composeMail } from '../application/mail/mail-content.js';
import { queueMail } from '../application/mail/queue-mail.js';
import { loadConfig } from '../web/config.js';
import { realServices, startJobHandlers } from '../web/real-services.js';

const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);

async function main(): Promise<void> {
  let url = process.env.BENCH_DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'portal-bench-mail-'));
    const embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'pgdata'), persistent: false, database: 'bench', fsync: false });
    url = embedded.url;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const orm = await createOrm(url, { poolMax: 20 });
  await migrate(orm);
  const boss = await startPgBoss(url, { supervise: false });
  const settings = { appUrl: 'http://localhost:3000', productName: 'Bench', nameservers: ['ns1.bench'], serviceHost: 'bench', billing: loadConfig({}).billing, documentRetentionDays: 30 };
  const oib = settings.billing.seller.oib;
  const outside = { fiscalizer: new InMemoryFiscalizer(oib), exchange: new InMemoryEInvoiceExchange(), paymentReporter: new InMemoryPaymentReporter(oib) };
  const services = realServices({ orm, boss, clock: new SystemClock(), lifetime: { idleMs: 1_800_000, absoluteMs: 43_200_000 }, secrets: new AesGcmSecretBox({ bench: Buffer.alloc(32, 9) }, 'bench'), settings, outside });
  const smtp = await smtpSink();
  const mailer = new SmtpMailer(smtp.url, 'Bench <bench@localhost>', { ...loadConfig({}).smtp });

  const content = composeMail({ subject: 'Obavijest o održavanju', greeting: 'Poštovani,', paragraphs: ['U subotu od 2 do 4 sata poslužitelji se održavaju.'], footer: 'Portal' });
  const queuedAt = performance.now();
  for (let done = 0; done < MAILS; done += 500) {
    await services.uow.run(async (scope) => {
      for (let i = done; i < Math.min(done + 500, MAILS); i += 1) await queueMail(scope, services, { to: `klijent-${i}@bench.hr`, topic: 'general', content });
    });
  }
  console.log(`queued ${MAILS} mails in ${((performance.now() - queuedAt) / 1000).toFixed(1)} s`);

  const started = performance.now();
  await startJobHandlers(boss, services, { mailer, messageIdDomain: 'bench' });
  const em = orm.em.fork();
  for (;;) {
    const [left] = await execute<{ n: string }>(em, `select count(*) as n from mail_messages where status <> 'sent'`);
    if (Number(left!.n) === 0) break;
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(await execute(em, `select status, count(*) from mail_messages group by status`)), JSON.stringify(await execute(em, `select state, count(*) from pgboss.job where name = 'mail.deliver' group by state`)));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const unique = [...smtp.seen.keys()].filter((id) => id !== 'none').length;
  const duplicates = [...smtp.seen.values()].reduce((n, times) => n + times - 1, 0);
  console.log(`drained ${MAILS} mails in ${seconds.toFixed(1)} s: ${(MAILS / seconds).toFixed(0)} mails/s`);
  console.log(`received ${unique} distinct Message-IDs; duplicates ${duplicates}; lost ${MAILS - unique}`);

  await boss.stop({ graceful: false, close: true });
  mailer.close();
  await smtp.stop();
  await orm.close(true);
  await stop();
  if (duplicates > 0 || unique !== MAILS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
