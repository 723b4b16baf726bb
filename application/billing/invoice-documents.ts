import type { Invoice } from '../../domain/billing/invoice.js';
import type { ArchivedKind } from '../ports/invoice-archive.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';
import { archiveDocuments } from './issue-invoice.js';

export interface DocumentFile {
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

const base = (invoice: Invoice) => `${invoice.kind === 'credit_note' ? 'odobrenje' : 'racun'}-${invoice.number.replace(/\//gu, '-')}`;

/**
 * The stored bytes of an invoice's PDF or eRačun, exactly as issued. An invoice issued before the archive existed
 * gets its documents made and stored on the first download, and keeps those bytes from then on.
 */
export async function archivedFile(scope: TransactionScope, deps: Pick<Services, 'clock' | 'settings' | 'documents' | 'einvoices'>, invoice: Invoice, kind: ArchivedKind): Promise<DocumentFile> {
  let stored = await scope.archive.find(invoice.id, kind);
  if (!stored) {
    await archiveDocuments(scope, deps, invoice, deps.clock.now());
    stored = await scope.archive.find(invoice.id, kind);
    if (!stored) throw new Error(`invoice ${invoice.id} has no archived ${kind}`);
  }
  const extension = kind === 'pdf' ? 'pdf' : stored.mediaType === 'application/xml' ? 'xml' : 'json';
  return { fileName: `${base(invoice)}.${extension}`, mediaType: stored.mediaType, bytes: stored.bytes, sha256: stored.sha256 };
}
