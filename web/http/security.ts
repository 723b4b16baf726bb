import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSP without inline script or style: htmx is served from our origin and configured by a meta tag. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** The headers every answer carries, pages, API, files and errors alike (ASVS 14.4). */
export function securityHeaderList(secure: boolean): ReadonlyArray<readonly [string, string]> {
  return [
    ['content-security-policy', CONTENT_SECURITY_POLICY],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['referrer-policy', 'no-referrer'],
    ...(secure ? [['strict-transport-security', 'max-age=63072000; includeSubDomains'] as const] : []),
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'DENY'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
  ];
}

/**
 * Headers an answer carries unless it sets them itself. On the Node server they go onto its own response before the
 * app answers, and Node joins them with the answer's headers when it writes (the answer's win): setting them on each
 * answer's `Headers` object afterwards made Hono and the Node adapter build and copy that object on every request,
 * which cost public pages a third of their throughput. Without a Node response (the app called in-process) they are
 * set on the answer afterwards, where it has not set them.
 */
function defaultHeaders(headers: ReadonlyArray<readonly [string, string]>): MiddlewareHandler {
  return async (c, next) => {
    const outgoing = (c.env as { outgoing?: Partial<ServerResponse> } | undefined)?.outgoing;
    if (typeof outgoing?.setHeader === 'function') {
      for (const [name, value] of headers) outgoing.setHeader(name, value);
      return next();
    }
    await next();
    for (const [name, value] of headers) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}

/** The security headers on every answer: no route sets any of them itself (test/unit/security-header-owners.test.ts). */
export const securityHeaders = (secure: boolean): MiddlewareHandler => defaultHeaders(securityHeaderList(secure));

/** Only a request that says where it came from, and came from here, may change anything (ASVS 4.2.2). */
export function isSameOriginRequest(c: Context, appOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = c.req.header('origin');
  // Under `Referrer-Policy: no-referrer` a browser's own form post says `Origin: null`; then Sec-Fetch-Site decides
  // (an opaque origin elsewhere, such as a sandboxed frame, is reported as cross-site).
  if (origin && origin !== 'null') return origin === appOrigin || origin === new URL(c.req.url).origin;
  return site === 'same-origin';
}

export function csrfGuard(appOrigin: string, refuse: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // A bearer token is not sent by a browser on its own, so a cross-site form cannot ride on it.
    const bearerOnly = /^Bearer\s/iu.test(c.req.header('authorization') ?? '') && !c.req.header('cookie');
    // Nor can anything ride on a call to the JSON API that carries no cookie and is no browser's (no Sec-Fetch-Site):
    // without ambient credentials there is no forgery.
    const cookielessApiCall = !c.req.header('cookie') && !c.req.header('sec-fetch-site') && c.req.path.startsWith('/api/');
    if (bearerOnly || cookielessApiCall || isSameOriginRequest(c, appOrigin)) return next();
    return refuse(c);
  };
}

/** Authenticated pages are never stored by a browser or a proxy. */
export const noStore: MiddlewareHandler = defaultHeaders([['cache-control', 'no-store']]);
