import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSP without inline script or style: htmx is served from our origin and configured by a meta tag. */
export function securityHeaders(secure: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    strictTransportSecurity: secure ? 'max-age=63072000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

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
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
};
