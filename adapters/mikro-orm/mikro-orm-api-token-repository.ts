import type { ApiTokenRepository } from '../../application/ports/repositories.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import { execute, type Em } from './orm.js';
import { ApiTokenSchema } from './schemas.js';

export class MikroOrmApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly em: Em) {}
  async add(token: ApiToken): Promise<void> {
    this.em.persist(token);
    await this.em.flush();
  }
  findByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.em.findOne(ApiTokenSchema, { tokenHash });
  }
  listForAccount(accountId: string): Promise<ApiToken[]> {
    return this.em.find(ApiTokenSchema, { accountId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  }
  async revoke(id: string, accountId: string, at: Date): Promise<boolean> {
    const rows = await execute(this.em, 'update api_tokens set revoked_at = $1 where id = $2 and account_id = $3 and revoked_at is null returning id', [at, id, accountId]);
    return rows.length === 1;
  }
  async touch(id: string, at: Date): Promise<void> {
    await execute(this.em, 'update api_tokens set last_used_at = $1 where id = $2', [at, id]);
  }
}
