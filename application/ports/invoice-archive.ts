/** The legal documents of an issued invoice as they were issued: stored once, never changed, served as stored. */
export type ArchivedKind = 'pdf' | 'ubl';

export interface ArchivedDocument {
  readonly invoiceId: string;
  readonly kind: ArchivedKind;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  readonly storedAt: Date;
}

export interface InvoiceArchive {
  /** Stores the document with its SHA-256; throws when this invoice already has a document of this kind. */
  store(document: { invoiceId: string; kind: ArchivedKind; mediaType: string; bytes: Uint8Array; storedAt: Date }): Promise<ArchivedDocument>;
  find(invoiceId: string, kind: ArchivedKind): Promise<ArchivedDocument | null>;
}
