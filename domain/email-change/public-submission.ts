import type { Locale } from '../identity/locale.js';
import type { DocumentType } from './document.js';

/**
 * What the public email-change form received, kept until a job decides what it leads to. The form answers at once
 * and the same way for every OIB; only the job looks the OIB up, so the answer's timing tells nothing either.
 */
export interface PublicSubmission {
  readonly id: string;
  readonly oib: string;
  readonly newEmail: string;
  readonly document: { readonly type: DocumentType; readonly bytes: number; readonly sha256: string };
  readonly locale: Locale;
  readonly clientAddress: string;
  readonly userAgent: string;
  readonly createdAt: Date;
}
