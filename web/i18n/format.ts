import type { Locale } from '../../domain/identity/locale.js';

const TIME_ZONE = 'Europe/Zagreb';
const tag = (locale: Locale) => (locale === 'hr' ? 'hr-HR' : 'en-GB');

/** 25. 11. 2026. 14:05 — stored in UTC, shown in Zagreb time. */
export function formatDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function formatDate(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(at);
}

/** 1.234,56 € from integer cents, in either language (Croatian number style is the house style). */
export function formatMoney(cents: number, _locale: Locale): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}
