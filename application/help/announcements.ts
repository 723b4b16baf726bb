import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { Announcement, checkAnnouncement, type AnnouncementInput } from '../../domain/help/announcement.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { mailAccount } from '../mail/mail-account.js';
import { zagrebDate } from '../mail/mail-content.js';
import type { Page } from '../ports/repositories.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { announcementMail } from './announcement-mail.js';
import { pageRequest, type Paging } from '../shared/paging.js';

/** How long an unread announcement stays on the dashboard, and how many at most. */
export const DASHBOARD_DAYS = 60;
export const DASHBOARD_LIMIT = 5;
/** Accounts mailed per job: each batch is one transaction, and the next batch is its own job. */
export const MAIL_BATCH = 100;

/** Dated notices to every client: published by staff, on the dashboard until read, listed for all, optionally mailed. */
export class Announcements {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'settings' | 'secrets'>) {}

  mayPublish(actor: Actor): boolean {
    return can(actor, { type: 'staff.announcements' }).allowed;
  }

  async publish(actor: Actor, input: AnnouncementInput & { mail: boolean }, meta: RequestMeta): Promise<Result<Announcement, DomainFailure>> {
    if (!this.mayPublish(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const fields = checkAnnouncement(input);
    if (!fields.ok) return fields;
    return this.deps.uow.run(async (scope) => {
      const announcement = Announcement.publish({ id: this.deps.ids.newId(), fields: fields.value, staffId: actor.staffId, mail: input.mail, now: this.deps.clock.now() });
      await scope.announcements.add(announcement);
      // The mailing starts only if this commits; it goes a batch of accounts at a time.
      if (input.mail) await scope.jobs.enqueue('announcements.mail', { announcementId: announcement.id });
      await audit(scope, this.deps, meta, { action: 'staff.announcement_published', actorKind: 'staff', actorId: actor.staffId, details: { announcement: announcement.id, title: announcement.titleHr, mailed: input.mail } });
      return ok(announcement);
    });
  }

  async withdraw(actor: Actor, id: string, meta: RequestMeta): Promise<Result<Announcement, DomainFailure>> {
    if (!this.mayPublish(actor) || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const announcement = await scope.announcements.findById(id);
      if (!announcement) return fail(new NotFound('not_found'));
      if (announcement.withdraw(this.deps.clock.now())) {
        await scope.announcements.save(announcement);
        await audit(scope, this.deps, meta, { action: 'staff.announcement_withdrawn', actorKind: 'staff', actorId: actor.staffId, details: { announcement: announcement.id, title: announcement.titleHr } });
      }
      return ok(announcement);
    });
  }

  /** What everybody may read. */
  list(after: string | null): Promise<Page<Announcement>> {
    return this.deps.uow.run((scope) => scope.announcements.listPublished({ after, limit: 20 }));
  }

  async staffList(actor: Actor, after: string | null | Paging): Promise<Result<Page<Announcement>, DomainFailure>> {
    if (!this.mayPublish(actor)) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.announcements.listAll(pageRequest(after, 20))));
  }

  /** The notices the signed-in person has not yet marked read (none for anybody else). */
  async unread(actor: Actor): Promise<readonly Announcement[]> {
    if (!can(actor, { type: 'announcements.read' }).allowed || actor.kind !== 'user') return [];
    const since = new Date(this.deps.clock.now().getTime() - DASHBOARD_DAYS * 86_400_000);
    return this.deps.uow.read((scope) => scope.announcements.listUnreadFor(actor.userId, since, DASHBOARD_LIMIT));
  }

  async markRead(actor: Actor, id: string): Promise<Result<null, DomainFailure>> {
    if (!can(actor, { type: 'announcements.read' }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      if (!(await scope.announcements.findById(id))) return fail(new NotFound('not_found'));
      await scope.announcements.markRead(id, actor.userId, this.deps.clock.now());
      return ok(null);
    });
  }

  /**
   * One batch of the mailing (a job): the next accounts after the cursor, each mailed through mailAccount to its
   * address and its "general" subscribers. The row is locked and the cursor moves in the same transaction as the
   * mails, so a retried or doubled job never mails an account twice. Returns how many accounts were mailed.
   */
  async mailBatch(announcementId: string): Promise<number> {
    return this.deps.uow.run(async (scope) => {
      const announcement = await scope.announcements.lockForMailing(announcementId);
      if (!announcement?.mailed || announcement.withdrawnAt) return 0;
      const accounts = await scope.announcements.audience(announcement.mailCursor, MAIL_BATCH);
      const link = `${this.deps.settings.appUrl}/announcements`;
      for (const account of accounts) {
        await mailAccount(scope, this.deps, {
          account,
          topic: 'general',
          compose: (locale) => announcementMail[locale]({ product: this.deps.settings.productName, title: announcement.title(locale), body: announcement.body(locale), date: zagrebDate(announcement.publishedAt), link }),
        });
      }
      if (accounts.length) {
        announcement.mailCursor = accounts[accounts.length - 1]!.id;
        await scope.announcements.save(announcement);
      }
      if (accounts.length === MAIL_BATCH) await scope.jobs.enqueue('announcements.mail', { announcementId });
      return accounts.length;
    });
  }
}
