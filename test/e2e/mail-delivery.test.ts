import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSettings, startPgBoss } from '../../adapters/pg-boss/pg-boss-job-queue.js';
import { SmtpMailer } from '../../adapters/smtp/smtp-mailer.js';
import { composeMail } from '../../application/mail/mail-content.js';
import { queueMail } from '../../application/mail/queue-mail.js';
import { UndeliveredMail } from '../../application/mail/undelivered-mail.js';
import { startJobHandlers } from '../../web/real-services.js';
import { givenOwner } from '../support/builders.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
beforeAll(async () => {
  portal = await postgresPortal();
});
afterAll(async () => {
  await portal.close();
});

async function queued(subject: string) {
  const { account } = await givenOwner(portal.services);
  return portal.services.uow.run((scope) => queueMail(scope, portal.services, { to: `${subject}@firma.hr`, topic: 'general', accountId: account.id, content: composeMail({ subject, greeting: 'Poštovani,', paragraphs: ['Tekst.'], footer: '' }) }));
}

const status = async (id: string) => (await portal.sql<{ status: string; attempts: number; last_error: string | null }>('select status, attempts, last_error from mail_messages where id = $1', [id]))[0]!;

describe('mail delivery on PostgreSQL and SMTP', () => {
  it('gives every install the retry settings: at most 15 minutes apart for more than three days, then the dead-letter queue', async () => {
    // An install made by an earlier version: its queue has the old budget and no dead letters.
    await portal.boss.updateQueue('mail.deliver', { retryLimit: 8, retryDelay: 30, retryDelayMax: null, deadLetter: null });
    const again = await startPgBoss(portal.databaseUrl, { supervise: false });
    try {
      const settings = (await queueSettings(again, 'mail.deliver'))!;
      expect([settings.retryBackoff, settings.retryDelayMax, settings.deadLetter]).toEqual([true, 900, 'mail.undeliverable']);
      // With the backoff capped at 15 minutes, the retries last more than three days.
      expect(settings.retryLimit! * 900).toBeGreaterThan(3 * 86_400);
      expect(await queueSettings(again, 'mail.undeliverable')).not.toBeNull();
    } finally {
      await again.stop({ graceful: false, close: true });
    }
  });

  it('sends a mail whose sender died mid-send again, once, with the same Message-ID', async () => {
    const mail = await queued('prekinuta');
    await expect.poll(async () => (await status(mail.id)).status).toBe('sent');
    // As if a sender had claimed it and died: the row says "sending" since long ago, and no job is left.
    await portal.sql(`update mail_messages set status = 'sending', claimed_at = now() - interval '1 hour' where id = $1`, [mail.id]);
    portal.clock.set(new Date(Date.now()));
    expect(await new UndeliveredMail(portal.services).sweep()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => status(mail.id)).toMatchObject({ status: 'sent', attempts: 2 });
    await expect.poll(() => portal.catcher.list().filter((m) => m.messageId === `<${mail.id}@localhost>`).length).toBe(2);
  });

  it('keeps a refused mail failed and retrying (never lost), and undeliverable once the retries are spent', async () => {
    // A second worker set whose SMTP server refuses every mail (a port nobody listens on).
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('452 mailbox full'), { responseCode: 452 })) });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const refusing = new SmtpMailer(`smtp://127.0.0.1:${(closed.server.address() as AddressInfo).port}`, 'Portal <portal@localhost>');
    const outage = await postgresPortal({ workers: false });
    await startJobHandlers(outage.boss, outage.services, { mailer: refusing, messageIdDomain: 'localhost' });
    try {
      const { account } = await givenOwner(outage.services);
      const mail = await outage.services.uow.run((scope) => queueMail(scope, outage.services, { to: 'pun@firma.hr', topic: 'general', accountId: account.id, content: composeMail({ subject: 'Pun', greeting: 'Poštovani,', paragraphs: ['Tekst.'], footer: '' }) }));
      const row = async () => (await outage.sql<{ status: string; last_error: string | null }>('select status, last_error from mail_messages where id = $1', [mail.id]))[0]!;
      await expect.poll(row).toMatchObject({ status: 'failed' });
      expect((await row()).last_error).toMatch(/452/u);
      // The handler marks the mail failed before it throws; pg-boss records the job's retry after that.
      const job = async () => (await outage.sql<{ state: string }>(`select state from pgboss.job where name = 'mail.deliver' and data->>'mailId' = $1`, [mail.id]))[0]?.state;
      await expect.poll(job).toBe('retry');
      // The retries are spent (the dead-letter queue's job): undeliverable, listed for staff.
      await outage.boss.send('mail.undeliverable', { mailId: mail.id });
      await expect.poll(row).toMatchObject({ status: 'undeliverable' });
    } finally {
      await outage.close();
      refusing.close();
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    }
  });

  it('waits for a server that greets slowly as long as SMTP_GREETING_TIMEOUT_SECONDS says', async () => {
    const slow = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onConnect: (_s, cb) => void setTimeout(cb, 1500), onData: (stream, _s, cb) => stream.on('end', () => cb()).resume() });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const url = `smtp://127.0.0.1:${(slow.server.address() as AddressInfo).port}`;
    const envelope = { messageId: '<spor@localhost>', to: 'a@firma.hr', subject: 'S', text: 't', html: '<p>t</p>' };
    const impatient = new SmtpMailer(url, 'P <p@localhost>', { poolSize: 1, connectionTimeoutMs: 5000, greetingTimeoutMs: 300, socketTimeoutMs: 5000 });
    const patient = new SmtpMailer(url, 'P <p@localhost>', { poolSize: 1, connectionTimeoutMs: 5000, greetingTimeoutMs: 5000, socketTimeoutMs: 5000 });
    try {
      await expect(impatient.send(envelope)).rejects.toThrow(/greeting/iu);
      await expect(patient.send(envelope)).resolves.toBeUndefined();
    } finally {
      impatient.close();
      patient.close();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
