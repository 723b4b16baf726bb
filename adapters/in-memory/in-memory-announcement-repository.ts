import type { AnnouncementRepository } from '../../application/ports/help-repository.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Announcement } from '../../domain/help/announcement.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { pageDescending } from './keyset.js';

export class InMemoryAnnouncementRepository implements AnnouncementRepository {
  constructor(private readonly store: InMemoryStore) {}

  private page(filter: (a: Announcement) => boolean, request: PageRequest): Page<Announcement> {
    const result = pageDescending([...this.store.announcements.values()].filter(filter), (a) => ({ at: a.publishedAt, id: a.id }), request);
    return { items: result.items.map(copy), next: result.next };
  }
  async add(announcement: Announcement): Promise<void> {
    this.store.announcements.set(announcement.id, copy(announcement));
  }
  async save(announcement: Announcement): Promise<void> {
    this.store.announcements.set(announcement.id, copy(announcement));
  }
  async findById(id: string): Promise<Announcement | null> {
    const found = this.store.announcements.get(id);
    return found ? copy(found) : null;
  }
  async lockForMailing(id: string): Promise<Announcement | null> {
    return this.findById(id);
  }
  async listPublished(request: PageRequest): Promise<Page<Announcement>> {
    return this.page((a) => a.withdrawnAt === null, request);
  }
  async listAll(request: PageRequest): Promise<Page<Announcement>> {
    return this.page(() => true, request);
  }
  async listUnreadFor(userId: string, since: Date, limit: number): Promise<Announcement[]> {
    return this.page((a) => a.withdrawnAt === null && a.publishedAt.getTime() >= since.getTime() && !this.store.announcementReads.has(`${a.id}|${userId}`), { limit }).items as Announcement[];
  }
  async markRead(announcementId: string, userId: string, at: Date): Promise<void> {
    const key = `${announcementId}|${userId}`;
    if (!this.store.announcementReads.has(key)) this.store.announcementReads.set(key, at);
  }
  async audience(after: string | null, limit: number): Promise<ClientAccount[]> {
    return [...this.store.accounts.values()]
      .filter((a) => after === null || a.id > after)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
}
