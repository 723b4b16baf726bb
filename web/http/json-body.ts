import type { MiddlewareHandler } from 'hono';
import { problemResponse } from '../api/problem.js';
import { UPLOAD_PATHS } from './body-limits.js';
import type { AppEnv } from './env.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/iu;
/** Deeper than any request of the API: a deeper document is an attack on the parser, refused before parsing. */
export const MAX_JSON_DEPTH = 16;

/** The deepest nesting of a JSON text, counted in one pass without parsing (brackets in strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i += 1;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, (depth += 1));
    else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return deepest;
}

/**
 * Every body the JSON API receives is JSON, but a document upload, which is a multipart form: another type is 415, a
 * document too deep or not JSON at all is 400, each as a problem answer before any validator or handler sees it
 * (the body size is limited before this).
 */
export const jsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WITH_BODY.has(c.req.method) || c.req.raw.body === null || c.req.header('content-length') === '0') return next();
  const refuse = (status: 400 | 415, code: string, key: 'error.unsupportedType' | 'error.unsupportedMultipart' | 'error.malformedJson') => problemResponse(c, { type: `about:blank#${code}`, title: c.get('t')(key), status, code });
  const type = c.req.header('content-type') ?? '';
  if (UPLOAD_PATHS.test(c.req.path)) return /^multipart\/form-data\s*;/iu.test(type) ? next() : refuse(415, 'unsupported_media_type', 'error.unsupportedMultipart');
  if (!JSON_TYPE.test(type)) return refuse(415, 'unsupported_media_type', 'error.unsupportedType');
  const text = await c.req.text();
  if (jsonDepth(text) > MAX_JSON_DEPTH) return refuse(400, 'malformed_json', 'error.malformedJson');
  try {
    JSON.parse(text);
  } catch {
    return refuse(400, 'malformed_json', 'error.malformedJson');
  }
  return next();
};
