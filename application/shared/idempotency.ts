import { fail, InvalidInput, type Result } from '../../domain/shared/result.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from './services.js';

/** A key the client chose for one request, and what it may be: short, plain characters. */
export function checkIdempotencyKey(raw: string | null | undefined): Result<string | null, InvalidInput> {
  const key = raw?.trim() || null;
  if (key && (key.length > 200 || !/^[\w.:-]+$/u.test(key))) return fail(new InvalidInput('idempotency.key', 'Idempotency-Key'));
  return { ok: true, value: key };
}

/** The same JSON for the same data whatever the order of its keys: what a request's fingerprint is made of. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export type Replay = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly resourceId: string };

/**
 * Takes an Idempotency-Key inside the use case's transaction. A new key (or one whose earlier request made nothing)
 * goes on; one that made something returns it; one sent with a different request is refused (422). Concurrent
 * requests with one key wait for each other on the key's row, so exactly one of them makes the thing.
 */
export async function takeIdempotencyKey(scope: TransactionScope, deps: Pick<Services, 'clock' | 'tokens'>, claim: { scope: string; key: string | null; request: unknown }): Promise<Result<Replay, InvalidInput>> {
  if (!claim.key) return { ok: true, value: { kind: 'new' } };
  const fingerprint = deps.tokens.hash(canonical(claim.request));
  const earlier = await scope.idempotency.claim(claim.scope, claim.key, fingerprint, deps.clock.now());
  if (!earlier) return { ok: true, value: { kind: 'new' } };
  if (earlier.fingerprint !== fingerprint) return fail(new InvalidInput('idempotency.key_reused', 'Idempotency-Key'));
  return { ok: true, value: earlier.resourceId ? { kind: 'replay', resourceId: earlier.resourceId } : { kind: 'new' } };
}

/** Records what a request with a key made, in the same transaction. */
export async function keepIdempotencyKey(scope: TransactionScope, claim: { scope: string; key: string | null }, resourceId: string): Promise<void> {
  if (claim.key) await scope.idempotency.complete(claim.scope, claim.key, resourceId);
}
