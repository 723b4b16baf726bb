/** A document download: never cached, never sniffed, always saved as a file. */
export function documentResponse(file: { fileName: string; bytes: Uint8Array; type: string }): Response {
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      'content-type': file.type,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/gu, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export function pdfResponse(file: { fileName: string; bytes: Uint8Array }): Response {
  return documentResponse({ ...file, type: 'application/pdf' });
}
