/**
 * The Croatian calendar of documents. Instants are stored in UTC; what a document calls "the date" (issue, delivery,
 * due, service period) is a day in Europe/Zagreb, kept as `YYYY-MM-DD` so it never shifts with the offset.
 */
export type LocalDate = string;

const ZONE = 'Europe/Zagreb';
// Made once: an Intl formatter costs far more to make than to use.
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const parts = (at: Date, format: Intl.DateTimeFormat) => Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));

export function zagrebDate(at: Date): LocalDate {
  const p = parts(at, DAY);
  return `${p.year}-${p.month}-${p.day}`;
}

/** hh:mm:ss on the Zagreb clock (HR-BT-2). */
export function zagrebTime(at: Date): string {
  const p = parts(at, TIME);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** The year an invoice number belongs to: numbering restarts at midnight of 1 January in Zagreb, not in UTC. */
export function zagrebYear(at: Date): number {
  return Number(zagrebDate(at).slice(0, 4));
}

export function isLocalDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const toUtc = (date: LocalDate) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
const fromUtc = (at: Date): LocalDate => at.toISOString().slice(0, 10);

export function addDays(date: LocalDate, days: number): LocalDate {
  const at = toUtc(date);
  at.setUTCDate(at.getUTCDate() + days);
  return fromUtc(at);
}

/** Calendar months; the 31st of a month without one falls to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** 1. 12. 2026. — the way Croatian documents print a date. */
export function formatLocalDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d}. ${m}. ${y}.`;
}
