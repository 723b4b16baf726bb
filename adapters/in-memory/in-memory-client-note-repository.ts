import type { ClientNoteRepository } from '../../application/ports/repositories.js';
import type { ClientNote } from '../../domain/backoffice/client-note.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryClientNoteRepository implements ClientNoteRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(note: ClientNote): Promise<void> {
    this.store.clientNotes.set(note.id, copy(note));
  }
  async listForAccount(accountId: string, limit: number): Promise<ClientNote[]> {
    return [...this.store.clientNotes.values()]
      .filter((n) => n.accountId === accountId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
}
