/** Money is whole euro cents everywhere; VAT is rounded half up once per rate, on the sum of its lines. */
/** The most any stored amount may be (10 million euro): above it is a typing error, and beyond what the columns hold. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

export interface PricedLine {
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vatRatePercent: number;
}

export interface VatGroup {
  readonly ratePercent: number;
  readonly netCents: number;
  readonly vatCents: number;
}

export interface Totals {
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly byRate: readonly VatGroup[];
}

export function lineNet(line: PricedLine): number {
  return line.unitPriceCents * line.quantity;
}

export function vatOf(netCents: number, ratePercent: number): number {
  // Integer arithmetic: (net * rate) / 100, half away from zero.
  const scaled = netCents * ratePercent;
  return Math.sign(scaled) * Math.floor((Math.abs(scaled) + 50) / 100);
}

export function totalsOf(lines: readonly PricedLine[]): Totals {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.vatRatePercent, (byRate.get(line.vatRatePercent) ?? 0) + lineNet(line));
  const groups = [...byRate.entries()].sort(([a], [b]) => b - a).map(([ratePercent, netCents]) => ({ ratePercent, netCents, vatCents: vatOf(netCents, ratePercent) }));
  const netCents = groups.reduce((sum, g) => sum + g.netCents, 0);
  const vatCents = groups.reduce((sum, g) => sum + g.vatCents, 0);
  return { netCents, vatCents, grossCents: netCents + vatCents, byRate: groups };
}

/** 1.234,56 € — the Croatian way, used on pages, in mails and on documents. */
export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}

/** Reads euro as people write it: 84,88 · 1.234,56 · 84.88 · 12 — to cents; null when it is not an amount. */
export function parseEuro(text: string): number | null {
  const cleaned = text.replace(/\s|€|EUR/giu, '');
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/u.test(cleaned)) normalised = cleaned.replace(/\./gu, '').replace(',', '.');
  else if (/^\d+(,\d{1,2})?$/u.test(cleaned)) normalised = cleaned.replace(',', '.');
  else if (/^\d+(\.\d{1,2})?$/u.test(cleaned)) normalised = cleaned;
  else return null;
  const [whole, fraction = ''] = normalised.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
