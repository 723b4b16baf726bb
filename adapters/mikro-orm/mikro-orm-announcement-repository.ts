import type { AnnouncementRepository } from '../../application/ports/help-repository.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Announcement } from '../../domain/help/announcement.js';
import { AnnouncementSchema } from './help-schemas.js';
import { keysetPage } from './mikro-orm-repositories.js';
import { execute, type Em } from './orm.js';
import { ClientAccountSchema } from './schemas.js';

export class MikroOrmAnnouncementRepository implements AnnouncementRepository {
  constructor(private readonly em: Em) {}

  private page(where: Record<string, unknown>, page: PageRequest): Promise<Page<Announcement>> {
    return keysetPage(
      (keyset, limit) => this.em.find(AnnouncementSchema, { ...where, ...keyset }, { orderBy: { publishedAt: 'desc', id: 'desc' }, limit }),
      'publishedAt',
      (a) => ({ at: a.publishedAt, id: a.id }),
      page,
    );
  }
  async add(announcement: Announcement): Promise<void> {
    this.em.persist(announcement);
    await this.em.flush();
  }
  async save(announcement: Announcement): Promise<void> {
    this.em.persist(announcement);
    await this.em.flush();
  }
  findById(id: string): Promise<Announcement | null> {
    return this.em.findOne(AnnouncementSchema, { id });
  }
  async lockForMailing(id: string): Promise<Announcement | null> {
    await execute(this.em, 'select 1 from announcements where id = $1 for update', [id]);
    return this.em.findOne(AnnouncementSchema, { id }, { refresh: true });
  }
  listPublished(page: PageRequest): Promise<Page<Announcement>> {
    return this.page({ withdrawnAt: null }, page);
  }
  listAll(page: PageRequest): Promise<Page<Announcement>> {
    return this.page({}, page);
  }
  async listUnreadFor(userId: string, since: Date, limit: number): Promise<Announcement[]> {
    const rows = await execute<{ id: string }>(
      this.em,
      `select a.id from announcements a
        where a.withdrawn_at is null and a.published_at >= $2
          and not exists (select 1 from announcement_reads r where r.user_id = $1 and r.announcement_id = a.id)
        order by a.published_at desc, a.id desc limit $3`,
      [userId, since, limit],
    );
    if (!rows.length) return [];
    const found = await this.em.find(AnnouncementSchema, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { publishedAt: 'desc', id: 'desc' } });
    return found;
  }
  async markRead(announcementId: string, userId: string, at: Date): Promise<void> {
    await execute(this.em, 'insert into announcement_reads (announcement_id, user_id, read_at) values ($1, $2, $3) on conflict do nothing', [announcementId, userId, at]);
  }
  audience(after: string | null, limit: number): Promise<ClientAccount[]> {
    return this.em.find(ClientAccountSchema, after ? { id: { $gt: after } } : {}, { orderBy: { id: 'asc' }, limit });
  }
}
