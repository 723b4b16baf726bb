import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export type CookieKind = 'session' | 'staff' | 'lang' | 'visitor';

/** __Host- names need Secure, so plain-http localhost uses the bare names. */
export function cookieName(kind: CookieKind, secure: boolean): string {
  return secure ? `__Host-${kind}` : kind;
}

export function readCookie(c: Context, kind: CookieKind, secure: boolean): string | undefined {
  return getCookie(c, cookieName(kind, secure));
}

export function writeCookie(c: Context, kind: CookieKind, value: string, secure: boolean, maxAgeSeconds?: number): void {
  setCookie(c, cookieName(kind, secure), value, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'Lax',
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(c: Context, kind: CookieKind, secure: boolean): void {
  deleteCookie(c, cookieName(kind, secure), { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
