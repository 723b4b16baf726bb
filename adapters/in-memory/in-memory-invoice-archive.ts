import { createHash } from 'node:crypto';
import type { ArchivedDocument, ArchivedKind, InvoiceArchive } from '../../application/ports/invoice-archive.js';
import type { InMemoryStore } from './in-memory-store.js';

export class InMemoryInvoiceArchive implements InvoiceArchive {
  constructor(private readonly db: InMemoryStore) {}

  async store(document: { invoiceId: string; kind: ArchivedKind; mediaType: string; bytes: Uint8Array; storedAt: Date }): Promise<ArchivedDocument> {
    const key = `${document.invoiceId}:${document.kind}`;
    if (!this.db.invoices.has(document.invoiceId)) throw new Error('no such invoice');
    if (this.db.invoiceDocuments.has(key)) throw new Error('archived document cannot be replaced');
    const archived: ArchivedDocument = { ...document, bytes: new Uint8Array(document.bytes), sha256: createHash('sha256').update(document.bytes).digest('hex') };
    this.db.invoiceDocuments.set(key, archived);
    return { ...archived, bytes: new Uint8Array(archived.bytes) };
  }

  async find(invoiceId: string, kind: ArchivedKind): Promise<ArchivedDocument | null> {
    const found = this.db.invoiceDocuments.get(`${invoiceId}:${kind}`);
    return found ? { ...found, bytes: new Uint8Array(found.bytes) } : null;
  }
}
