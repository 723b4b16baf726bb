import type { Locale } from '../../domain/identity/locale.js';

/** Where a request came from: recorded in the audit log and used for rate limits. */
export interface RequestMeta {
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly locale: Locale;
  /** The API key the request came with, if any: every audit record of the request names it. */
  readonly viaTokenId?: string;
}

export const SYSTEM_META: RequestMeta = { clientAddress: 'system', userAgent: 'system', locale: 'hr' };
