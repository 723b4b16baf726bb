import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

const MAGIC: ReadonlyArray<readonly [DocumentType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/**
 * What an uploaded file really is, judged by its first bytes (the name and the declared type are the sender's
 * word and are not trusted). Empty, oversized and any other kind of file are refused.
 */
export function checkDocument(bytes: Uint8Array): Result<DocumentType, InvalidInput> {
  if (bytes.length === 0) return fail(new InvalidInput('document.missing', 'document'));
  if (bytes.length > DOCUMENT_MAX_BYTES) return fail(new InvalidInput('document.too_large', 'document', { maxMb: DOCUMENT_MAX_BYTES / 1024 / 1024 }));
  const found = MAGIC.find(([, magic]) => magic.every((b, i) => bytes[i] === b));
  return found ? ok(found[0]) : fail(new InvalidInput('document.type', 'document'));
}

export const DOCUMENT_EXTENSIONS: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The name a file is served under: the name it came with, but its extension always that of the type judged from its
 * content, so that no program opens it as something else (`racun.pdf.exe` that is really a PNG is `racun.pdf.png`).
 */
export function fileNameFor(name: string, type: DocumentType): string {
  const extension = DOCUMENT_EXTENSIONS[type];
  const base = name.replace(/[^\w.\- ]/gu, '_').replace(/\.(pdf|jpe?g|png)$/iu, '').replace(/^[.\s]+|[.\s]+$/gu, '').slice(0, 110) || 'prilog';
  return `${base}.${extension}`;
}
