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

/** 25. 11. 2026. 14:05 — stored in UTC, shown in Zagreb time. */
export function formatDateTime(at: Date, locale: Locale): string {
  return `${formatDate(at, locale)} ${TIME_FORMAT[locale].format(at)}`;
}

/** Croatian style in both languages, without leading zeros: 2. 7. 2026. A day (YYYY-MM-DD) is printed as it is. */
export function formatDate(at: Date | LocalDate, _locale: Locale): string {
  if (typeof at === 'string') return formatLocalDate(at);
  let day = '';
  let month = '';
  let year = '';
  for (const part of DAY_FORMAT.formatToParts(at)) {
    if (part.type === 'day') day = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'year') year = part.value;
  }
  return `${Number(day)}. ${Number(month)}. ${year}.`;
}

/** 1.234,56 € from integer cents, in either language (Croatian number style is the house style). */
export function formatMoney(cents: number, _locale: Locale): string {
  return formatEuro(cents);
}
