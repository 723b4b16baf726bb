/** Small files with the first bytes of each kind, for upload tests. */
export const PDF = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...new Uint8Array(200)]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
/** A Windows executable, whatever name or type it is sent under. */
export const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
