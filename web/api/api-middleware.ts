import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Actor } from '../../domain/authorization/actor.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import type { AppEnv } from '../http/env.js';
import type { UseCases } from '../use-cases.js';
import { problemResponse } from './problem.js';

const CLIENT_TOKEN = /^pt_/u;
const STAFF_TOKEN = /^st_/u;

/**
 * Who calls. A bearer token, when sent, is the caller and nothing else is (a bad one is refused at once): a client
 * token (pt_…) acts for its account, a staff token (st_…) with its roles. Without one, the session cookies decide.
 */
export function apiCallers(useCases: UseCases): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/iu.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      let client: Actor | null = null;
      let staff: Actor | null = null;
      if (CLIENT_TOKEN.test(bearer)) client = await useCases.apiTokens.authenticate(bearer);
      else if (STAFF_TOKEN.test(bearer)) staff = await useCases.staffTokens.authenticate(bearer);
      if (!client && !staff) return problemResponse(c, { type: 'about:blank#invalid_token', title: c.get('t')('error.unauthenticated'), status: 401, code: 'invalid_token' });
      c.set('apiActor', client);
      c.set('apiStaff', staff);
      if (client) c.set('actor', client);
      const caller = client ?? staff;
      if (caller && caller.kind !== 'anonymous' && caller.viaTokenId) c.set('meta', { ...c.get('meta'), viaTokenId: caller.viaTokenId });
    } else {
      c.set('apiStaff', c.get('staffAuth')?.actor ?? null);
    }
    await next();
    c.res.headers.set('cache-control', 'no-store');
  };
}

function callerKey(actor: Actor | null | undefined, address: string): string {
  if (!actor || actor.kind === 'anonymous') return `address:${addressBlock(address)}`;
  if (actor.kind === 'staff') return actor.viaTokenId ? `staff-token:${actor.viaTokenId}` : `staff:${actor.staffId}`;
  return actor.viaTokenId ? `token:${actor.viaTokenId}` : `user:${actor.userId}`;
}

/**
 * Every answer says how much of the caller's minute is left (RateLimit-Limit, -Remaining, -Reset, as in the IETF
 * draft); past it the answer is 429 with Retry-After, before anything else of the request is done.
 */
export function apiRateLimit(useCases: UseCases): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const quota = await useCases.apiRateLimit.consume(callerKey(c.get('apiActor') ?? c.get('apiStaff'), c.get('meta').clientAddress));
    const headers = { 'ratelimit-limit': String(quota.limit), 'ratelimit-remaining': String(quota.remaining), 'ratelimit-reset': String(quota.resetSeconds) };
    if (!quota.allowed) {
      const refused = problemResponse(c, { type: 'about:blank#rate_limited', title: c.get('t')('failure.rate_limited', { seconds: quota.resetSeconds }), status: 429, code: 'rate_limited' });
      for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
      refused.headers.set('retry-after', String(quota.resetSeconds));
      return refused;
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

/**
 * Reads carry an ETag (a hash of what was answered); a GET whose If-None-Match names it gets 304 and no body, so a
 * sync job learns cheaply that nothing changed.
 */
export const apiEtags: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
  const body = new Uint8Array(await c.res.clone().arrayBuffer());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const wanted = c.req.header('if-none-match');
  if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//u, '') === etag || tag.trim() === '*')) {
    const headers = new Headers(c.res.headers);
    headers.delete('content-type');
    headers.delete('content-length');
    headers.delete('content-disposition');
    headers.set('etag', etag);
    c.res = new Response(null, { status: 304, headers });
    return;
  }
  c.res.headers.set('etag', etag);
};
