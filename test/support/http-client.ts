import type { App } from '../../web/app.js';
import { APP_URL } from './in-memory-portal.js';

export interface SendOptions {
  form?: Record<string, string>;
  json?: unknown;
  /** A multipart form (file uploads); the boundary is set by the request. */
  multipart?: FormData;
  body?: string;
  headers?: Record<string, string>;
  /** The Origin header of an unsafe request: ours by default, null for none. */
  origin?: string | null;
}

/** A browser in miniature over `app.request`: keeps cookies, sends Origin on unsafe requests. */
export function httpClient(app: App) {
  const jar = new Map<string, string>();
  const send = async (method: string, path: string, options: SendOptions = {}): Promise<Response> => {
    const headers = new Headers(options.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const origin = options.origin === undefined ? APP_URL : options.origin;
    if (method !== 'GET' && origin) headers.set('origin', origin);
    let body: string | FormData | undefined = options.body;
    if (options.multipart) {
      body = options.multipart;
    } else if (options.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    }
    const response = await app.request(path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const value = rest.join('=');
      if (!value || /max-age=0/iu.test(line)) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return response;
  };
  return {
    jar,
    get: (path: string, options?: SendOptions) => send('GET', path, options),
    post: (path: string, options?: SendOptions) => send('POST', path, options),
    send,
  };
}

export const text = (response: Response) => response.text();
