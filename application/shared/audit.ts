import type { ActorKind } from '../../domain/audit/audit-entry.js';
import type { Services } from './services.js';
import type { RequestMeta } from './request-meta.js';
import type { TransactionScope } from '../ports/unit-of-work.js';

export async function audit(
  scope: TransactionScope,
  services: Pick<Services, 'clock' | 'ids'>,
  meta: RequestMeta,
  entry: { action: string; actorKind: ActorKind; actorId?: string | null; accountId?: string | null; details?: Record<string, string | number | boolean | null> },
): Promise<void> {
  await scope.audit.record({
    id: services.ids.newId(),
    at: services.clock.now(),
    actorKind: entry.actorKind,
    actorId: entry.actorId ?? null,
    accountId: entry.accountId ?? null,
    action: entry.action,
    clientAddress: meta.clientAddress,
    // What a key did is told apart from what the person who made it did.
    details: meta.viaTokenId ? { ...entry.details, viaToken: meta.viaTokenId } : (entry.details ?? {}),
  });
}
