import { createHash } from 'node:crypto';
import type { ArchivedDocument, ArchivedKind, InvoiceArchive } from '../../application/ports/invoice-archive.js';
import { execute, type Em } from './orm.js';

interface Row {
  invoice_id: string;
  kind: ArchivedKind;
  media_type: string;
  bytes: Buffer;
  sha256: string;
  stored_at: Date;
}

/** The archive in PostgreSQL (bytea); a trigger refuses any update or delete, the table checks the SHA-256. */
export class PostgresInvoiceArchive implements InvoiceArchive {
  constructor(private readonly em: Em) {}

  async store(document: { invoiceId: string; kind: ArchivedKind; mediaType: string; bytes: Uint8Array; storedAt: Date }): Promise<ArchivedDocument> {
    await this.em.flush();
    const sha256 = createHash('sha256').update(document.bytes).digest('hex');
    await execute(this.em, 'insert into invoice_documents (invoice_id, kind, media_type, bytes, sha256, stored_at) values ($1, $2, $3, $4, $5, $6)', [
      document.invoiceId,
      document.kind,
      document.mediaType,
      Buffer.from(document.bytes),
      sha256,
      document.storedAt,
    ]);
    return { ...document, sha256 };
  }

  async find(invoiceId: string, kind: ArchivedKind): Promise<ArchivedDocument | null> {
    const [row] = await execute<Row>(this.em, 'select invoice_id, kind, media_type, bytes, sha256, stored_at from invoice_documents where invoice_id = $1 and kind = $2', [invoiceId, kind]);
    if (!row) return null;
    return { invoiceId: row.invoice_id, kind: row.kind, mediaType: row.media_type, bytes: new Uint8Array(row.bytes), sha256: row.sha256.trim(), storedAt: new Date(row.stored_at) };
  }
}
