import { describe, expect, it } from 'vitest';
import { AccountMails } from '../../application/accounts/account-mails.js';
import { CheckHealth } from '../../application/health/check-health.js';
import { RequestPasswordReset } from '../../application/identity/request-password-reset.js';
import { DeliverMail } from '../../application/mail/deliver-mail.js';
import { givenOwner } from '../support/builders.js';
import { inMemoryPortal, META } from '../support/in-memory-portal.js';

describe('mail delivery', () => {
  it('sends a queued mail once, even when its job runs again', async () => {
    const portal = inMemoryPortal();
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    await new RequestPasswordReset(portal.services).deliver({ email: 'ana@firma.hr', meta: META });
    const mailId = [...portal.store.mails.keys()][0]!;
    const deliver = new DeliverMail({ ...portal.services, mailer: portal.mailer, messageIdDomain: 'localhost' });
    expect(await deliver.execute(mailId)).toBe('sent');
    expect(await deliver.execute(mailId)).toBe('skipped');
    expect(portal.mailer.sent).toHaveLength(1);
    expect(portal.mailer.sent[0]!.messageId).toBe(`<${mailId}@localhost>`);
    expect(portal.store.mails.get(mailId)?.status).toBe('sent');
  });

  it('keeps a refused mail for the retry and sends it when SMTP answers again', async () => {
    const portal = inMemoryPortal();
    await givenOwner(portal.services, { email: 'ana@firma.hr' });
    await new RequestPasswordReset(portal.services).execute({ email: 'ana@firma.hr' }, META);
    portal.mailer.failWith = new Error('451 try later');
    expect(await portal.worker.drain()).toBe(1);
    const mail = [...portal.store.mails.values()][0]!;
    expect([mail.status, mail.lastError]).toEqual(['failed', '451 try later']);
    portal.mailer.failWith = null;
    expect(await portal.worker.drain()).toBe(0);
    expect(portal.mailer.sent).toHaveLength(1);
  });

  it('rolls back the mail and its job with the change that failed', async () => {
    const portal = inMemoryPortal();
    await expect(
      portal.services.uow.run(async (scope) => {
        await scope.jobs.enqueue('mail.deliver', { mailId: 'x' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(portal.store.jobs).toHaveLength(0);
  });
});

describe('email history', () => {
  it('keeps a reset mail out of the account history: only its addressee sees it, redacted; another account sees nothing', async () => {
    const portal = inMemoryPortal();
    const ana = await givenOwner(portal.services, { email: 'ana@firma.hr' });
    const ivo = await givenOwner(portal.services, { email: 'ivo@druga.hr' });
    await new RequestPasswordReset(portal.services).execute({ email: 'ana@firma.hr' }, META);
    await portal.worker.drain();
    const anaActor = { kind: 'user' as const, userId: ana.user.id, memberships: [{ accountId: ana.account.id, role: 'owner' as const, permissions: [] }] };
    const ivoActor = { kind: 'user' as const, userId: ivo.user.id, memberships: [{ accountId: ivo.account.id, role: 'owner' as const, permissions: [] }] };
    const mails = new AccountMails(portal.services);
    const list = await mails.list(anaActor, ana.account.id, {});
    expect(list.ok && list.value.items).toEqual([]);
    const own = await mails.listPersonal(anaActor, {});
    expect(own.ok && own.value.items.map((m) => m.to)).toEqual(['ana@firma.hr']);
    const mailId = own.ok ? own.value.items[0]!.id : '';
    expect(await mails.show(anaActor, ana.account.id, mailId)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const shown = await mails.showPersonal(anaActor, mailId);
    expect(shown.ok && shown.value.shownText()).toMatch(/\/password-reset\/••••••••/u);
    expect(await mails.showPersonal(ivoActor, mailId)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect((await mails.list(ivoActor, ana.account.id, {})).ok).toBe(false);
    const [delivered] = await portal.inbox('ana@firma.hr');
    expect(delivered!.text).toMatch(/\/password-reset\/[a-z2-7]{32}/u);
    expect(portal.store.mails.get(mailId)!.sealedSecret).toBeNull();
    expect(JSON.stringify([...portal.store.mails.values()])).not.toContain(/\/password-reset\/([a-z2-7]{32})/u.exec(delivered!.text)![1]);
  });
});

describe('health', () => {
  it('reports the database down without throwing', async () => {
    const portal = inMemoryPortal();
    const health = new CheckHealth({ database: portal.database });
    expect((await health.execute()).ok).toBe(true);
    portal.database.down = true;
    expect(await health.execute()).toEqual({ ok: false, database: { ok: false, latencyMs: null } });
  });
});

describe('nightly purge', () => {
  it('deletes expired sessions and day-old rate windows, and nothing live', async () => {
    const { PurgeExpiredRecords } = await import('../../application/maintenance/purge-expired-records.js');
    const portal = inMemoryPortal();
    const live = await portal.services.uow.run((scope) => scope.sessions.create('user', 'u1', META));
    await portal.services.rateLimiter.consume('old', { limit: 1, windowSeconds: 60 });
    portal.clock.advance(25 * 3_600_000);
    const fresh = await portal.services.uow.run((scope) => scope.sessions.create('user', 'u2', META));
    await portal.services.rateLimiter.consume('new', { limit: 1, windowSeconds: 60 });
    expect(await new PurgeExpiredRecords(portal.services).execute()).toEqual({ sessions: 1, rateWindows: 1, documents: 0 });
    expect([...portal.store.sessions.keys()]).toEqual([fresh.session.id]);
    expect(portal.store.sessions.has(live.session.id)).toBe(false);
  });
});
