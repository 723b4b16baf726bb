import type { ClientNoteRepository } from '../../application/ports/repositories.js';
import type { ClientNote } from '../../domain/backoffice/client-note.js';
import { ClientNoteSchema } from './backoffice-schemas.js';
import type { Em } from './orm.js';

export class MikroOrmClientNoteRepository implements ClientNoteRepository {
  constructor(private readonly em: Em) {}
  async add(note: ClientNote): Promise<void> {
    this.em.persist(note);
    await this.em.flush();
  }
  listForAccount(accountId: string, limit: number): Promise<ClientNote[]> {
    return this.em.find(ClientNoteSchema, { accountId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }
}
