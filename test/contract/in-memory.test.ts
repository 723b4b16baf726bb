import { InMemoryCommonPasswords, InMemoryPasswordHasher } from '../../adapters/in-memory/in-memory-password-hasher.js';
import { InMemoryMailer } from '../../adapters/in-memory/in-memory-mailer.js';
import { InMemoryRateLimiter } from '../../adapters/in-memory/in-memory-rate-limiter.js';
import { FixedClock } from '../../adapters/system/system-clock.js';
import { inMemoryPortal } from '../support/in-memory-portal.js';
import { describeMailerContract } from './mailer.contract.js';
import { describeCommonPasswordsContract, describePasswordHasherContract } from './password-hasher.contract.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { describeSessionManagerContract } from './session-manager.contract.js';
import { describeUnitOfWorkContract } from './unit-of-work.contract.js';
import { describeJobQueueContract } from './job-queue.contract.js';
import { InMemoryJobWorker } from '../../adapters/in-memory/in-memory-job-queue.js';
import { describeBillingRepositoriesContract } from './billing-repositories.contract.js';
import { describeOrderingRepositoriesContract } from './ordering-repositories.contract.js';
import { describeContactRepositoryContract } from './contact-repository.contract.js';
import { describeEmailChangeRepositoryContract } from './email-change-repository.contract.js';
import { describeTicketRepositoryContract } from './ticket-repository.contract.js';
import { describePortalReadsContract } from './portal-reads.contract.js';
import { describeBackOfficeReadsContract } from './back-office-reads.contract.js';
import { describeHelpRepositoryContract } from './help-repository.contract.js';
import { describeIntegrationRepositoriesContract } from './integration-repositories.contract.js';
import { describeBackofficeRepositoriesContract } from './backoffice-repositories.contract.js';

describeUnitOfWorkContract('in-memory', async () => {
  const portal = inMemoryPortal();
  return { services: portal.services, queuedJobs: async (name) => portal.store.jobs.filter((j) => j.name === name).length };
});

describeSessionManagerContract('in-memory', async () => {
  const portal = inMemoryPortal();
  return {
    uow: portal.services.uow,
    clock: portal.clock,
    storedIds: async () => [...portal.store.sessions.keys()],
    expireIdle: async (id) => {
      const session = portal.store.sessions.get(id);
      if (session) portal.store.sessions.set(id, { ...session, expiresAt: new Date(portal.clock.now().getTime() - 86_400_000) });
    },
    storedExpiry: async (id) => portal.store.sessions.get(id)?.expiresAt ?? null,
  };
});

describeRateLimiterContract('in-memory', async () => {
  const clock = new FixedClock(new Date('2026-11-25T09:00:00Z'));
  return { limiter: new InMemoryRateLimiter(clock), clock };
});

describePasswordHasherContract('in-memory', () => new InMemoryPasswordHasher());
describeCommonPasswordsContract('in-memory', () => new InMemoryCommonPasswords());

describeMailerContract('in-memory', async () => {
  const mailer = new InMemoryMailer();
  return {
    mailer,
    received: async (messageId) => {
      const found = mailer.sent.find((m) => m.messageId === messageId);
      if (!found) throw new Error('not sent');
      return found;
    },
    close: async () => undefined,
  };
});

describeOrderingRepositoriesContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeContactRepositoryContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeEmailChangeRepositoryContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeTicketRepositoryContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeHelpRepositoryContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeBillingRepositoriesContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describeJobQueueContract('in-memory', async () => {
  const portal = inMemoryPortal();
  const worker = new InMemoryJobWorker(portal.store);
  return { uow: portal.services.uow, worker, database: portal.database, settle: async () => void (await worker.drain()) };
});

describeIntegrationRepositoriesContract('in-memory', async () => ({ services: inMemoryPortal().services }));

describePortalReadsContract('in-memory', async () => ({ services: inMemoryPortal().services }));
describeBackOfficeReadsContract('in-memory', async () => ({ services: inMemoryPortal().services }));
describeBackofficeRepositoriesContract('in-memory', async () => ({ services: inMemoryPortal().services }));
