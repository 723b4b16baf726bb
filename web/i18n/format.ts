import { formatLocalDate, type LocalDate } from '../../domain/billing/calendar.js';
import { formatEuro } from '../../domain/billing/money.js';
import type { Locale } from '../../domain/identity/locale.js';

const TIME_ZONE = 'Europe/Zagreb';
const tag = (locale: Locale) => (locale === 'hr' ? 'hr-HR' : 'en-GB');

const DATE = { timeZone: TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' } as const;
const TIME = { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

// An Intl formatter is costly to make (a list page would make one per row): one per locale, made once.
const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', DATE);
const TIME_FORMAT: Record<Locale, Intl.DateTimeFormat> = { hr: new Intl.DateTimeFormat(tag('hr'), TIME), en: new Intl.DateTimeFormat(tag('en'), TIME) };

/**
 * Formatting with a time zone is slow (microseconds a call, several per shown row), and a list shows many rows of the
 * same days. Zagreb's offset is whole hours and changes on a whole UTC hour, so the date is the same for every instant
 * of one UTC hour and the time for every instant of one minute: each is formatted once and kept, up to a bound.
 */
function remembered(limit: number, make: (at: Date) => string): (at: Date, bucket: number) => string {
  const kept = new Map<number, string>();
  return (at, bucket) => {
    let text = kept.get(bucket);
    if (text === undefined) {
      if (kept.size >= limit) kept.clear();
      text = make(at);
      kept.set(bucket, text);
    }
    return text;
  };
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const dayOfHour = remembered(20_000, (at) => {
  let day = '';
  let month = '';
  let year = '';
  for (const part of DAY_FORMAT.formatToParts(at)) {
    if (part.type === 'day') day = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'year') year = part.value;
  }
  return `${Number(day)}. ${Number(month)}. ${year}.`;
});
const timeOfMinute: Record<Locale, (at: Date, bucket: number) => string> = {
  hr: remembered(20_000, (at) => TIME_FORMAT.hr.format(at)),
  en: remembered(20_000, (at) => TIME_FORMAT.en.format(at)),
};

/** 25. 11. 2026. 14:05 — stored in UTC, shown in Zagreb time. */
export function formatDateTime(at: Date, locale: Locale): string {
  return `${formatDate(at, locale)} ${timeOfMinute[locale](at, Math.floor(at.getTime() / MINUTE_MS))}`;
}

/** Croatian style in both languages, without leading zeros: 2. 7. 2026. A day (YYYY-MM-DD) is printed as it is. */
export function formatDate(at: Date | LocalDate, _locale: Locale): string {
  if (typeof at === 'string') return formatLocalDate(at);
  return dayOfHour(at, Math.floor(at.getTime() / HOUR_MS));
}

/** 1.234,56 € from integer cents, in either language (Croatian number style is the house style). */
export function formatMoney(cents: number, _locale: Locale): string {
  return formatEuro(cents);
}
