import { zipSync, type Zippable } from 'fflate';

/**
 * Files as one ZIP download (fflate: small, dependency-free, well kept). PDFs are stored as they are (they are
 * compressed already and must stay byte for byte what was archived); XML is deflated.
 */
export function zipResponse(fileName: string, files: ReadonlyArray<{ fileName: string; bytes: Uint8Array }>): Response {
  const entries: Zippable = {};
  for (const file of files) entries[file.fileName] = [new Uint8Array(file.bytes), { level: file.fileName.endsWith('.pdf') ? 0 : 6 }];
  const zip = zipSync(entries, { mtime: new Date('2026-01-01T00:00:00Z') });
  return new Response(zip, {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/gu, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
