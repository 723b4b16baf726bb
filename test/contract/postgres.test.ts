import { afterAll, describe, expect, it } from 'vitest';
import { issueInvoice } from '../../application/billing/issue-invoice.js';
import { email, givenOwner } from '../support/builders.js';
import { OutgoingMail, STALE_CLAIM_MS } from '../../domain/mail/outgoing-mail.js';
import { User } from '../../domain/identity/user.js';
import { SmtpCatcher } from '../../adapters/smtp/smtp-catcher.js';
import { SmtpMailer } from '../../adapters/smtp/smtp-mailer.js';
import { Argon2PasswordHasher } from '../../adapters/system/argon2-password-hasher.js';
import { ZxcvbnCommonPasswords } from '../../adapters/system/zxcvbn-common-passwords.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';
import { describeMailerContract } from './mailer.contract.js';
import { describeCommonPasswordsContract, describePasswordHasherContract } from './password-hasher.contract.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { describeSessionManagerContract } from './session-manager.contract.js';
import { describeUnitOfWorkContract } from './unit-of-work.contract.js';
import { describeJobQueueContract } from './job-queue.contract.js';
import { PgBossJobWorker } from '../../adapters/pg-boss/pg-boss-job-queue.js';
import { describeBackofficeRepositoriesContract } from './backoffice-repositories.contract.js';
import { describeBillingRepositoriesContract } from './billing-repositories.contract.js';
import { describeOrderingRepositoriesContract } from './ordering-repositories.contract.js';
import { describeContactRepositoryContract } from './contact-repository.contract.js';
import { describeEmailChangeRepositoryContract } from './email-change-repository.contract.js';
import { describeTicketRepositoryContract } from './ticket-repository.contract.js';
import { describePortalReadsContract } from './portal-reads.contract.js';
import { describeBackOfficeReadsContract } from './back-office-reads.contract.js';
import { describeHelpRepositoryContract } from './help-repository.contract.js';
import { describeIntegrationRepositoriesContract } from './integration-repositories.contract.js';

const open: PostgresPortal[] = [];
async function fresh(): Promise<PostgresPortal> {
  const portal = await postgresPortal({ workers: false });
  open.push(portal);
  return portal;
}
afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
});

describeUnitOfWorkContract('MikroORM + pg-boss on PostgreSQL', async () => {
  const portal = await fresh();
  return {
    services: portal.services,
    queuedJobs: async (name) => Number((await portal.sql<{ n: string }>(`select count(*) as n from pgboss.job where name = $1 and state = 'created'`, [name]))[0]?.n),
  };
});

describeSessionManagerContract('Lucia on PostgreSQL', async () => {
  const portal = await fresh();
  return {
    uow: portal.services.uow,
    clock: portal.clock,
    storedIds: async () => (await portal.sql<{ id: string }>('select id from sessions')).map((r) => r.id),
    expireIdle: async (id) => void (await portal.sql(`update sessions set expires_at = $2 where id = $1`, [id, new Date(portal.clock.now().getTime() - 86_400_000)])),
    storedExpiry: async (id) => {
      const [row] = await portal.sql<{ expires_at: string | Date }>('select expires_at from sessions where id = $1', [id]);
      return row ? new Date(row.expires_at) : null;
    },
  };
});

describeRateLimiterContract('PostgreSQL', async () => {
  const portal = await fresh();
  return { limiter: portal.services.rateLimiter, clock: portal.clock };
});

describePasswordHasherContract('Argon2id', () => new Argon2PasswordHasher(), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/u);
describeCommonPasswordsContract('zxcvbn list', () => new ZxcvbnCommonPasswords());

describeMailerContract('SMTP (nodemailer to smtp-server)', async () => {
  const catcher = new SmtpCatcher();
  const { url } = await catcher.start();
  const mailer = new SmtpMailer(url, 'Portal <portal@localhost>');
  return {
    mailer,
    received: async (messageId) => {
      const mail = await catcher.waitFor((m) => m.messageId === messageId);
      return { to: mail.to[0] ?? '', subject: mail.subject, text: mail.text, html: mail.html };
    },
    close: async () => {
      mailer.close();
      await catcher.stop();
    },
  };
});

describeOrderingRepositoriesContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeContactRepositoryContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeEmailChangeRepositoryContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeTicketRepositoryContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeHelpRepositoryContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeIntegrationRepositoriesContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeBillingRepositoriesContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describeBackofficeRepositoriesContract('MikroORM on PostgreSQL', async () => ({ services: (await fresh()).services }));

describe('PostgreSQL guards issued invoices', () => {
  it('refuses to change or delete an issued invoice, but records payments on it', async () => {
    const portal = await fresh();
    const { account } = await givenOwner(portal.services);
    const invoice = await portal.services.uow.run((s) => issueInvoice(s, portal.services, { account, process: 'P1', operator: { name: 'Ana', oib: '69435151530' }, lines: [{ description: 'x', unitPriceCents: 100, quantity: 1, vatRatePercent: 25, vatCategory: 'S', exemption: null, kpdCode: '63.10.12', unitCode: 'C62', periodStart: null, periodEnd: null }] }));
    await expect(portal.sql('update invoices set gross_cents = 1 where id = $1', [invoice.id])).rejects.toThrow(/cannot change/u);
    await expect(portal.sql(`update invoices set buyer = '{}' where id = $1`, [invoice.id])).rejects.toThrow(/cannot change/u);
    await expect(portal.sql('delete from invoices where id = $1', [invoice.id])).rejects.toThrow(/cannot be deleted/u);
    await expect(portal.sql(`update invoices set due_date = due_date + 1 where id = $1`, [invoice.id])).rejects.toThrow(/cannot change/u);
    await expect(portal.sql(`update invoice_documents set bytes = 'x' where invoice_id = $1`, [invoice.id])).rejects.toThrow(/cannot be changed/u);
    await expect(portal.sql('delete from invoice_documents where invoice_id = $1', [invoice.id])).rejects.toThrow(/cannot be changed or deleted/u);
    await expect(portal.sql(`insert into invoice_documents (invoice_id, kind, media_type, bytes, sha256, stored_at) values ($1, 'pdf', 'x', 'x', repeat('0', 64), now())`, [invoice.id])).rejects.toThrow(/invoice_documents_sha256_matches|duplicate/u);
    await portal.sql('update invoices set paid_cents = 125 where id = $1', [invoice.id]);
    expect((await portal.sql<{ paid_cents: number }>('select paid_cents from invoices where id = $1', [invoice.id]))[0]?.paid_cents).toBe(125);
  });
});

describeJobQueueContract('pg-boss on PostgreSQL', async () => {
  const portal = await fresh();
  return {
    uow: portal.services.uow,
    worker: new PgBossJobWorker(portal.boss),
    database: portal.database,
    settle: async (until) => {
      const deadline = Date.now() + 15_000;
      while (!until() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      // A little longer, so a job that should not exist has had its chance to show up.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    },
  };
});

describePortalReadsContract('PostgreSQL', async () => ({ services: (await fresh()).services }));
describeBackOfficeReadsContract('PostgreSQL', async () => ({ services: (await fresh()).services }));

describe('UnitOfWork.single on PostgreSQL', () => {
  it('commits its one statement on its own, with no transaction around it', async () => {
    const portal = await fresh();
    const { services } = portal;
    const { account } = await givenOwner(services);
    const mail = OutgoingMail.compose({ id: services.ids.newId(), accountId: account.id, topic: 'general', to: 'ana@firma.hr', subject: 'S', text: 't', html: '<p>t</p>', now: services.clock.now() });
    await services.uow.run((scope) => scope.mails.add(mail));
    const now = services.clock.now();
    // Work that fails after its statement: in `run` the claim would roll back; here it was already committed.
    await expect(
      services.uow.single(async (scope) => {
        await scope.mails.claimForDelivery(mail.id, now, new Date(now.getTime() - STALE_CLAIM_MS));
        throw new Error('after the statement');
      }),
    ).rejects.toThrow('after the statement');
    expect((await portal.sql<{ status: string }>('select status from mail_messages where id = $1', [mail.id]))[0]?.status).toBe('sending');
  });

  it('refuses work that leaves an entity to write or a job to enqueue, and writes neither', async () => {
    const portal = await fresh();
    const { services } = portal;
    const jobs = async () => Number((await portal.sql<{ n: string }>(`select count(*) as n from pgboss.job where name = 'mail.deliver'`))[0]?.n);
    const before = await jobs();
    const user = User.create({ id: services.ids.newId(), email: email('single@firma.hr'), name: 'Jedna', locale: 'hr', now: services.clock.now() });
    await expect(services.uow.single((scope) => scope.users.add(user))).rejects.toThrow('belongs in run');
    await expect(services.uow.single((scope) => scope.jobs.enqueue('mail.deliver', { mailId: services.ids.newId() }))).rejects.toThrow('belongs in run');
    expect(await portal.sql('select id from users where id = $1', [user.id])).toEqual([]);
    expect(await jobs()).toBe(before);
  });
});
