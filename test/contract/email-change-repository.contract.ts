import { describe, expect, it } from 'vitest';
import type { Services } from '../../application/shared/services.js';
import { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import { givenOwner, givenStaff, PASSWORD } from '../support/builders.js';
import { EmailChange } from '../../application/email-change/email-change.js';
import { PDF } from '../support/documents.js';
import { META } from '../support/in-memory-portal.js';

/** Email-change requests, their sealed documents and the retention purge behave the same on every adapter. */
export function describeEmailChangeRepositoryContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`email change repository: ${name}`, () => {
    const request = (services: Services, accountId: string, tag: string, at: Date) =>
      EmailChangeRequest.open({
        id: services.ids.newId(),
        accountId,
        oldEmail: 'old@x.hr',
        newEmail: `${tag}@x.hr`,
        channel: 'public',
        requestedByUserId: null,
        confirmTokenHash: `c-${tag}-${accountId}`,
        cancelTokenHash: `k-${tag}-${accountId}`,
        document: { type: 'image/png', bytes: 11, sha256: 'a'.repeat(64) },
        now: at,
      });

    it('stores the request with its document, finds it by either link, queues undecided ones oldest first', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const t0 = services.clock.now();
      const [a, b, c] = ['a', 'b', 'c'].map((tag, i) => request(services, account.id, tag, new Date(t0.getTime() + i * 1000)));
      await services.uow.run(async (scope) => {
        await scope.emailChanges.add(a!, 'sealed-a');
        await scope.emailChanges.add(b!, 'sealed-b');
        await scope.emailChanges.add(c!, 'sealed-c');
      });
      const staff = await givenStaff(services, ['verifier']);
      await services.uow.run(async (scope) => {
        expect((await scope.emailChanges.findByConfirmHash(`c-b-${account.id}`))?.id).toBe(b!.id);
        expect((await scope.emailChanges.findByCancelHash(`k-c-${account.id}`))?.newEmail).toBe('c@x.hr');
        expect(await scope.emailChanges.document(a!.id)).toBe('sealed-a');
        const found = (await scope.emailChanges.findById(b!.id))!;
        found.confirm(services.clock.now());
        await scope.emailChanges.save(found);
        const rejected = (await scope.emailChanges.findById(c!.id))!;
        rejected.reject(staff.id, 'no', services.clock.now());
        await scope.emailChanges.save(rejected);
      });
      await services.uow.run(async (scope) => {
        expect(await scope.emailChanges.findByConfirmHash(`c-b-${account.id}`)).toBeNull();
        expect(await scope.emailChanges.countAwaitingReview()).toBeGreaterThanOrEqual(1);
        expect((await scope.emailChanges.listUndecidedForAccount(account.id)).map((r) => r.newEmail)).toEqual(['b@x.hr', 'a@x.hr']);
        const first = await scope.emailChanges.listQueue({ limit: 1 });
        const all: string[] = [...first.items.map((r) => r.id)];
        let next = first.next;
        while (next) {
          const more = await scope.emailChanges.listQueue({ limit: 1, after: next });
          all.push(...more.items.map((r) => r.id));
          next = more.next;
        }
        const mine = all.filter((id) => id === a!.id || id === b!.id || id === c!.id);
        expect(mine).toEqual([a!.id, b!.id]);
      });
    });

    it('leaves one open request of the owner when three are made at once; the others are superseded', async () => {
      const { services } = await make();
      const { user, account } = await givenOwner(services);
      const actor = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
      const emailChange = new EmailChange(services);
      const ask = (to: string) => emailChange.requestAsOwner(actor, account.id, { password: PASSWORD, newEmail: to, document: PDF }, META);
      const results = await Promise.all([ask('prva@x.hr'), ask('druga@x.hr'), ask('treca@x.hr')]);
      expect(results.every((r) => r.ok)).toBe(true);
      const statuses = await Promise.all(results.map((r) => services.uow.run(async (scope) => (r.ok ? (await scope.emailChanges.findById(r.value.id))!.status : null))));
      expect(statuses.sort()).toEqual(['awaiting_confirmation', 'superseded', 'superseded']);
    });

    it('keeps a public submission with its sealed document until it is taken, once', async () => {
      const { services } = await make();
      const submission = { id: services.ids.newId(), oib: '69435151530', newEmail: 'nova@x.hr', document: { type: 'application/pdf' as const, bytes: 10, sha256: 'c'.repeat(64) }, locale: 'en' as const, clientAddress: '198.51.100.4', userAgent: 'ua', createdAt: services.clock.now() };
      await services.uow.run((scope) => scope.emailChanges.addSubmission(submission, 'sealed-doc'));
      const taken = await services.uow.run((scope) => scope.emailChanges.takeSubmission(submission.id));
      expect(taken).toEqual({ submission, sealedDocument: 'sealed-doc' });
      expect(await services.uow.run((scope) => scope.emailChanges.takeSubmission(submission.id))).toBeNull();
    });

    it('purges documents of decided requests older than the cutoff and of long-unconfirmed ones, keeping the record', async () => {
      const { services } = await make();
      const { account } = await givenOwner(services);
      const staff = await givenStaff(services, ['verifier']);
      const t0 = services.clock.now();
      const decided = request(services, account.id, 'd', t0);
      decided.reject(staff.id, 'no', t0);
      const open = request(services, account.id, 'o', t0);
      const recent = request(services, account.id, 'r', new Date(t0.getTime() + 10 * 86_400_000));
      recent.reject(staff.id, 'no', new Date(t0.getTime() + 10 * 86_400_000));
      await services.uow.run(async (scope) => {
        for (const r of [decided, open, recent]) await scope.emailChanges.add(r, `sealed-${r.newEmail}`);
      });
      const at = new Date(t0.getTime() + 31 * 86_400_000);
      const purged = await services.uow.run((scope) => scope.emailChanges.purgeDocuments(new Date(t0.getTime() + 86_400_000), at));
      expect(purged).toBe(2);
      await services.uow.run(async (scope) => {
        expect(await scope.emailChanges.document(decided.id)).toBeNull();
        expect(await scope.emailChanges.document(open.id)).toBeNull();
        expect(await scope.emailChanges.document(recent.id)).toBe('sealed-r@x.hr');
        const kept = (await scope.emailChanges.findById(decided.id))!;
        expect([kept.status, kept.documentSha256, kept.documentDeletedAt?.getTime()]).toEqual(['rejected', 'a'.repeat(64), at.getTime()]);
      });
      expect(await services.uow.run((scope) => scope.emailChanges.purgeDocuments(new Date(t0.getTime() + 86_400_000), at))).toBe(0);
    });
  });
}
