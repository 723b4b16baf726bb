/**
 * A day typed the Croatian way (15.5.2026. or 15. 05. 2026, the last dot optional) or sent by a date picker
 * (2026-05-15), as the ISO day the use cases take; null when it is neither or no such day exists.
 */
export function parseDay(raw: string): string | null {
  const value = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  const hr = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\.?$/u.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : hr ? [hr[3], hr[2], hr[1]].map(Number) : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
