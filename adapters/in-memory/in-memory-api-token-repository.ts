import type { ApiTokenRepository } from '../../application/ports/repositories.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import { copy } from './copy.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(token: ApiToken): Promise<void> {
    if ([...this.store.apiTokens.values()].some((t) => t.tokenHash === token.tokenHash)) throw new Error('duplicate token');
    this.store.apiTokens.set(token.id, copy(token));
  }
  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    const found = [...this.store.apiTokens.values()].find((t) => t.tokenHash === tokenHash);
    return found ? copy(found) : null;
  }
  async listForAccount(accountId: string): Promise<ApiToken[]> {
    return [...this.store.apiTokens.values()].filter((t) => t.accountId === accountId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map(copy);
  }
  async revoke(id: string, accountId: string, at: Date): Promise<boolean> {
    const found = this.store.apiTokens.get(id);
    if (!found || found.accountId !== accountId || found.revokedAt) return false;
    const revoked = copy(found);
    revoked.revokedAt = at;
    this.store.apiTokens.set(id, revoked);
    return true;
  }
  async touch(id: string, at: Date): Promise<void> {
    const found = this.store.apiTokens.get(id);
    if (!found) return;
    const touched = copy(found);
    touched.lastUsedAt = at;
    this.store.apiTokens.set(id, touched);
  }
}
