import { describe, expect, it } from 'vitest';
import type { Services } from '../../application/shared/services.js';
import { MAIL_SUMMARY, OutgoingMail, STALE_CLAIM_MS, type MailTopic } from '../../domain/mail/outgoing-mail.js';
import type { PageRequest } from '../../application/ports/repositories.js';
import { mailHistoryFilter, type MailAbout, type MailHistoryFilter } from '../../domain/authorization/policy.js';
import type { AccessScope } from '../../domain/authorization/actor.js';
import type { Permission } from '../../domain/authorization/permission.js';
import { User } from '../../domain/identity/user.js';
import { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import { email, givenOwner, givenStaff } from '../support/builders.js';

export interface UnitOfWorkProbe {
  readonly services: Services;
  /** Jobs of a name that are waiting to run. */
  queuedJobs(name: string): Promise<number>;
}

/** Repositories, transactions and the job queue: what every use case relies on. */
export function describeUnitOfWorkContract(name: string, make: () => Promise<UnitOfWorkProbe>) {
  describe(`UnitOfWork and repositories: ${name}`, () => {
    it('stores and finds users, accounts and staff', async () => {
      const { services } = await make();
      const { user, account } = await givenOwner(services, { email: 'ana@firma.hr' });
      const staff = await givenStaff(services, ['billing', 'verifier']);
      await services.uow.run(async (scope) => {
        expect((await scope.users.findByEmail('ana@firma.hr'))?.id).toBe(user.id);
        expect((await scope.users.findById(user.id))?.passwordHash).toBe(user.passwordHash);
        expect(await scope.users.findByEmail('nobody@firma.hr')).toBeNull();
        expect((await scope.accounts.findByOib(account.oib))?.id).toBe(account.id);
        expect((await scope.accounts.listOwnedBy(user.id)).map((a) => a.name)).toEqual([account.name]);
        const found = await scope.staff.findByEmail(staff.email);
        expect(found?.roles).toEqual(['billing', 'verifier']);
        expect(found?.hasRole('verifier')).toBe(true);
        expect(found?.createdAt).toBeInstanceOf(Date);
      });
    });

    it('saves changes to a loaded entity', async () => {
      const { services } = await make();
      const { user } = await givenOwner(services, { email: 'ana@firma.hr' });
      await services.uow.run(async (scope) => {
        const loaded = await scope.users.findById(user.id);
        loaded!.preferLocale('en');
        await scope.users.save(loaded!);
      });
      expect(await services.uow.run(async (scope) => (await scope.users.findById(user.id))?.locale)).toBe('en');
    });

    it('refuses a second user with the same address and keeps nothing of that transaction', async () => {
      const { services } = await make();
      await givenOwner(services, { email: 'ana@firma.hr' });
      const now = services.clock.now();
      const before = await services.uow.run(async (scope) => (await scope.users.findByEmail('other@firma.hr')) === null);
      expect(before).toBe(true);
      await expect(
        services.uow.run(async (scope) => {
          await scope.users.add(User.create({ id: services.ids.newId(), email: email('other@firma.hr'), name: 'Other', locale: 'hr', now }));
          await scope.users.add(User.create({ id: services.ids.newId(), email: email('ana@firma.hr'), name: 'Dup', locale: 'hr', now }));
        }),
      ).rejects.toThrow();
      expect(await services.uow.run((scope) => scope.users.findByEmail('other@firma.hr'))).toBeNull();
    });

    it('enqueues a job only when the transaction commits', async () => {
      const probe = await make();
      const before = await probe.queuedJobs('mail.deliver');
      await expect(
        probe.services.uow.run(async (scope) => {
          await scope.jobs.enqueue('mail.deliver', { mailId: probe.services.ids.newId() });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await probe.queuedJobs('mail.deliver')).toBe(before);
      await probe.services.uow.run((scope) => scope.jobs.enqueue('mail.deliver', { mailId: probe.services.ids.newId() }));
      expect(await probe.queuedJobs('mail.deliver')).toBe(before + 1);
    });

    it('spends reset links: only unused ones are revoked, and a used one stays used', async () => {
      const { services } = await make();
      const { user } = await givenOwner(services);
      const now = services.clock.now();
      await services.uow.run(async (scope) => {
        await scope.resetTokens.add(PasswordResetToken.issue({ tokenHash: 'a'.repeat(64), userId: user.id, now }));
        await scope.resetTokens.add(PasswordResetToken.issue({ tokenHash: 'b'.repeat(64), userId: user.id, now }));
      });
      await services.uow.run((scope) => scope.resetTokens.revokeUnusedFor(user.id, now));
      await services.uow.run(async (scope) => {
        expect((await scope.resetTokens.findByHash('a'.repeat(64)))?.isUsable(now)).toBe(false);
        expect((await scope.resetTokens.findByHash('b'.repeat(64)))?.usedAt?.getTime()).toBe(now.getTime());
        expect(await scope.resetTokens.findByHash('c'.repeat(64))).toBeNull();
      });
    });

    it('claims a mail for delivery once, then marks it sent or failed', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const mail = OutgoingMail.compose({ id: services.ids.newId(), accountId: account.id, topic: 'general', to: 'ana@firma.hr', subject: 'Š', text: 'č', html: '<p>ć</p>', now: services.clock.now() });
      await services.uow.run((scope) => scope.mails.add(mail));
      const t0 = services.clock.now().getTime();
      // As delivery claims and marks: one statement each, committed on its own (`single`).
      const claim = (at: number) => services.uow.single((scope) => scope.mails.claimForDelivery(mail.id, new Date(at), new Date(at - STALE_CLAIM_MS)));
      const first = await claim(t0);
      expect([first?.status, first?.attempts, first?.subject, first?.claimedAt?.getTime()]).toEqual(['sending', 1, 'Š', t0]);
      expect(await claim(t0 + 1000)).toBeNull();
      await services.uow.single((scope) => scope.mails.markFailed(mail.id, 'refused'));
      expect((await services.uow.run((scope) => scope.mails.findById(mail.id)))?.status).toBe('failed');
      expect((await claim(t0 + 2000))?.attempts).toBe(2);
      // Its sender died while sending: once the claim is stale, it is taken again, and the history says why.
      expect(await claim(t0 + 2000 + STALE_CLAIM_MS - 1)).toBeNull();
      const again = await claim(t0 + 3000 + STALE_CLAIM_MS);
      expect([again?.attempts, again?.lastError]).toEqual([3, 'delivery interrupted; sending again']);
      await services.uow.single((scope) => scope.mails.markSent(mail.id, services.clock.now()));
      expect(await claim(t0 + 10 * STALE_CLAIM_MS)).toBeNull();
      expect((await services.uow.run((scope) => scope.mails.findById(mail.id)))?.status).toBe('sent');
      expect(await services.uow.run((scope) => scope.mails.markUndeliverable(mail.id, 'late'))).toBe(false);
    });

    it('lists of the shared history only what a member may read: its topics, and for a scoped member its own part', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const [svcA, svcB, dom] = [services.ids.newId(), services.ids.newId(), services.ids.newId()];
      const t0 = services.clock.now().getTime();
      const mail = (subject: string, topic: MailTopic, about: MailAbout | null, i: number) =>
        OutgoingMail.compose({ id: services.ids.newId(), accountId: account.id, topic, to: 'a@firma.hr', subject, text: 't', html: '', about, now: new Date(t0 + i * 1000) });
      await services.uow.run(async (scope) => {
        const all = [
          mail('opća', 'general', null, 0),
          mail('račun', 'billing', null, 1),
          mail('usluga A', 'services', { serviceIds: [svcA] }, 2),
          mail('usluga B', 'services', { serviceIds: [svcB] }, 3),
          mail('narudžba', 'services', null, 4),
          mail('domena', 'domains', { domainIds: [dom] }, 5),
          mail('upit o A', 'support', { ticket: { openedByUserId: 'drugi', serviceId: svcA, domainId: null } }, 6),
          mail('upit o B', 'support', { ticket: { openedByUserId: 'drugi', serviceId: svcB, domainId: null } }, 7),
          mail('moj upit', 'support', { ticket: { openedByUserId: 'ja', serviceId: null, domainId: null } }, 8),
        ];
        for (const m of all) await scope.mails.add(m);
      });
      const member = (permissions: Permission[], scope: AccessScope | null) => mailHistoryFilter({ kind: 'user', userId: 'ja', memberships: [{ accountId: account.id, role: 'contact', permissions, scope }] }, account.id);
      const subjects = async (filter: MailHistoryFilter | null, limit = 100) => {
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await services.uow.run((scope) => scope.mails.listForAccount(account.id, { after, limit }, filter));
          seen.push(...page.items.map((m) => m.subject));
          after = page.next;
        } while (after);
        return seen.reverse();
      };
      expect(await subjects(null)).toHaveLength(9);
      expect(await subjects(member(['emails'], null))).toEqual(['opća']);
      expect(await subjects(member(['emails', 'invoices', 'services', 'domains', 'tickets'], null))).toHaveLength(9);
      const scoped = member(['emails', 'invoices', 'services', 'domains', 'tickets'], { serviceIds: [svcA], domainIds: [] });
      expect(await subjects(scoped, 2)).toEqual(['opća', 'račun', 'usluga A', 'upit o A', 'moj upit']);
      // The history page's summaries: the same mails and cursors under every filter, with only what the list shows.
      for (const [filter, expectedPages] of [[null, 5], [member(['emails'], null), 1], [scoped, 3]] as const) {
        for (const oldestFirst of [false, true]) {
          let after: string | null = null;
          let pages = 0;
          do {
            const request: PageRequest = { after, limit: 2, oldestFirst };
            const whole = await services.uow.run((scope) => scope.mails.listForAccount(account.id, request, filter));
            const summary = await services.uow.run((scope) => scope.mails.listSummariesForAccount(account.id, request, filter));
            expect(summary.next).toBe(whole.next);
            expect(summary.items).toEqual(whole.items.map((m) => Object.fromEntries(MAIL_SUMMARY.map((k) => [k, m[k]]))));
            expect(summary.items.every((m) => Object.isFrozen(m) && !('text' in m))).toBe(true);
            after = whole.next;
            pages += 1;
          } while (after);
          expect(pages).toBe(expectedPages);
        }
      }
    });

    it('sweeps interrupted and orphaned mail back to delivery, gives up undeliverable mail, and sends it again on request', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const t0 = services.clock.now().getTime();
      const compose = (subject: string, at: number, sealedSecret: string | null = null) =>
        OutgoingMail.compose({ id: services.ids.newId(), accountId: account.id, topic: 'general', to: 'ana@firma.hr', subject, text: sealedSecret ? 'link {{secret}}' : 'tekst', html: '', sealedSecret, now: new Date(at) });
      const interrupted = compose('prekinuta', t0);
      const orphan = compose('izgubljena', t0 - 3_600_000);
      const fresh = compose('svježa', t0);
      const dying = compose('tajna', t0, 'sealed-secret');
      await services.uow.run(async (scope) => {
        for (const m of [interrupted, orphan, fresh, dying]) await scope.mails.add(m);
        await scope.mails.claimForDelivery(interrupted.id, new Date(t0), new Date(t0 - STALE_CLAIM_MS));
        await scope.mails.claimForDelivery(dying.id, new Date(t0), new Date(t0 - STALE_CLAIM_MS));
        await scope.mails.markFailed(dying.id, '550 no such user');
      });
      const later = t0 + STALE_CLAIM_MS + 1000;
      const swept = await services.uow.run((scope) => scope.mails.sweep(new Date(later - STALE_CLAIM_MS), new Date(later - 30 * 60_000), 100));
      expect(swept.sort()).toEqual([interrupted.id, orphan.id].sort());
      expect((await services.uow.run((scope) => scope.mails.findById(interrupted.id)))).toMatchObject({ status: 'queued', lastError: 'delivery interrupted; sending again' });

      expect(await services.uow.run((scope) => scope.mails.markUndeliverable(dying.id, 'gave up'))).toBe(true);
      const dead = (await services.uow.run((scope) => scope.mails.findById(dying.id)))!;
      expect([dead.status, dead.sealedSecret, dead.canBeSentAgain()]).toEqual(['undeliverable', null, false]);
      expect(await services.uow.run((scope) => scope.mails.countUndeliverable())).toBe(1);
      const listed = await services.uow.run((scope) => scope.mails.listUndelivered({ limit: 10 }));
      expect(listed.items.map((m) => m.subject)).toEqual(['tajna']);
      expect((await services.uow.run((scope) => scope.mails.requeue(dying.id)))?.status).toBe('queued');
      expect(await services.uow.run((scope) => scope.mails.requeue(fresh.id))).toBeNull();
    });

    it('pages mails and audit entries newest first with keyset cursors, never repeating or skipping', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const base = services.clock.now().getTime();
      const ids: string[] = [];
      await services.uow.run(async (scope) => {
        for (let i = 0; i < 7; i += 1) {
          // Two mails share each instant, so the id breaks the tie.
          const at = new Date(base - Math.floor(i / 2) * 1000);
          const mail = OutgoingMail.compose({ id: services.ids.newId(), accountId: account.id, topic: 'general', to: 'x@y.hr', subject: `m${i}`, text: '', html: '', now: at });
          ids.push(mail.id);
          await scope.mails.add(mail);
          await scope.audit.record({ id: services.ids.newId(), at, actorKind: 'system', actorId: null, accountId: account.id, action: `a${i}`, clientAddress: null, details: { i } });
        }
      });
      const seenMails: string[] = [];
      let after: string | null = null;
      do {
        const page = await services.uow.run((scope) => scope.mails.listForAccount(account.id, { after, limit: 3 }));
        expect(page.items.length).toBeLessThanOrEqual(3);
        seenMails.push(...page.items.map((m) => m.id));
        after = page.next;
      } while (after);
      expect(seenMails).toHaveLength(7);
      expect(new Set(seenMails)).toEqual(new Set(ids));
      const mails = await services.uow.run((scope) => scope.mails.listForAccount(account.id, { limit: 100 }));
      const times = mails.items.map((m) => m.createdAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      const first = await services.uow.run((scope) => scope.audit.list({ accountId: account.id }, { limit: 4 }));
      const second = await services.uow.run((scope) => scope.audit.list({ accountId: account.id }, { after: first.next, limit: 4 }));
      expect(first.items).toHaveLength(4);
      expect(second.items).toHaveLength(3);
      expect(second.next).toBeNull();
      expect([...first.items, ...second.items].map((e) => e.details.i).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(first.items[0]?.at).toBeInstanceOf(Date);
    });
  });
}
