import type { DatabaseHealth } from '../ports/unit-of-work.js';

export interface Health {
  readonly ok: boolean;
  readonly database: { readonly ok: boolean; readonly latencyMs: number | null };
}

export class CheckHealth {
  constructor(private readonly deps: { database: DatabaseHealth }) {}

  async execute(): Promise<Health> {
    try {
      const latencyMs = await this.deps.database.ping();
      return { ok: true, database: { ok: true, latencyMs } };
    } catch {
      return { ok: false, database: { ok: false, latencyMs: null } };
    }
  }
}
