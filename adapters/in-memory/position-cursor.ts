/** Keyset cursor over (position asc, id asc): ordered lists such as a category's articles, in every adapter. */
export function encodePositionCursor(position: number, id: string): string {
  return Buffer.from(`${position}|${id}`).toString('base64url');
}

export function decodePositionCursor(cursor: string | null | undefined): { position: number; id: string } | null {
  if (!cursor) return null;
  const [position, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return id && /^[0-9a-f-]{36}$/u.test(id) && /^\d{1,9}$/u.test(position ?? '') ? { position: Number(position), id } : null;
}

export function byPosition(a: { position: number; id: string }, b: { position: number; id: string }): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
