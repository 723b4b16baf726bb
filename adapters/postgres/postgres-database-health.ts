import type { DatabaseHealth } from '../../application/ports/unit-of-work.js';
import { execute, type Orm } from '../mikro-orm/orm.js';

export class PostgresDatabaseHealth implements DatabaseHealth {
  constructor(private readonly orm: Orm) {}

  async ping(): Promise<number> {
    const started = performance.now();
    await execute(this.orm.em.fork(), 'select 1');
    return Math.round((performance.now() - started) * 10) / 10;
  }
}
