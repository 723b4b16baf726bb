import type { EmailChangeRepository, Page, PageRequest } from '../../application/ports/repositories.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { PublicSubmission } from '../../domain/email-change/public-submission.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';
import { decodeCursor, encodeCursor } from './keyset.js';

const UNDECIDED = ['awaiting_confirmation', 'awaiting_review'];

export class InMemoryEmailChangeRepository implements EmailChangeRepository {
  constructor(private readonly store: InMemoryStore) {}
  private all(): EmailChangeRequest[] {
    return [...this.store.emailChanges.values()];
  }
  private one(found: EmailChangeRequest | undefined): EmailChangeRequest | null {
    return found ? copy(found) : null;
  }
  async add(request: EmailChangeRequest, sealedDocument: string): Promise<void> {
    this.store.emailChanges.set(request.id, copy(request));
    this.store.emailChangeDocuments.set(request.id, sealedDocument);
  }
  async save(request: EmailChangeRequest): Promise<void> {
    this.store.emailChanges.set(request.id, copy(request));
  }
  async findById(id: string): Promise<EmailChangeRequest | null> {
    return this.one(this.store.emailChanges.get(id));
  }
  async findByConfirmHash(tokenHash: string): Promise<EmailChangeRequest | null> {
    return this.one(this.all().find((r) => r.confirmTokenHash === tokenHash));
  }
  async findByCancelHash(tokenHash: string): Promise<EmailChangeRequest | null> {
    return this.one(this.all().find((r) => r.cancelTokenHash === tokenHash));
  }
  async lockAccount(): Promise<void> {
    // The in-memory unit of work runs one use case at a time: nothing can interleave.
  }
  async addSubmission(submission: PublicSubmission, sealedDocument: string): Promise<void> {
    this.store.emailChangeSubmissions.set(submission.id, { submission: structuredClone(submission), sealedDocument });
  }
  async takeSubmission(id: string): Promise<{ submission: PublicSubmission; sealedDocument: string } | null> {
    const found = this.store.emailChangeSubmissions.get(id);
    this.store.emailChangeSubmissions.delete(id);
    return found ? structuredClone(found) : null;
  }
  async listUndecidedForAccount(accountId: string): Promise<EmailChangeRequest[]> {
    return this.all()
      .filter((r) => r.accountId === accountId && UNDECIDED.includes(r.status))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map(copy);
  }
  async listQueue(page: PageRequest): Promise<Page<EmailChangeRequest>> {
    const after = decodeCursor(page.after);
    const rest = this.all()
      .filter((r) => UNDECIDED.includes(r.status))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .filter((r) => !after || r.createdAt.getTime() > after.at.getTime() || (r.createdAt.getTime() === after.at.getTime() && r.id > after.id));
    const items = rest.slice(0, page.limit).map(copy);
    const last = items.at(-1);
    return { items, next: rest.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }
  async countAwaitingReview(): Promise<number> {
    return this.all().filter((r) => r.status === 'awaiting_review').length;
  }
  async document(requestId: string): Promise<string | null> {
    return this.store.emailChangeDocuments.get(requestId) ?? null;
  }
  async purgeDocuments(before: Date, at: Date): Promise<number> {
    let purged = 0;
    for (const r of this.all()) {
      const stale = r.decidedAt ? r.decidedAt.getTime() < before.getTime() : r.status === 'awaiting_confirmation' && r.createdAt.getTime() < before.getTime();
      if (!stale || !this.store.emailChangeDocuments.has(r.id)) continue;
      this.store.emailChangeDocuments.delete(r.id);
      this.store.emailChanges.set(r.id, Object.assign(copy(r), { documentDeletedAt: at }));
      purged += 1;
    }
    return purged;
  }
}
