import { lineNet, vatOf } from './money.js';
import type { LineVat, VatCategory, VatExemption } from './vat.js';

export interface VatBreakdownLine {
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vatRatePercent: number;
  readonly vatCategory: VatCategory;
  readonly exemption: VatExemption | null;
}

/** One row of the VAT breakdown (BG-23): per category and rate, VAT rounded half up once on the sum of its lines. */
export interface InvoiceVatGroup {
  readonly category: VatCategory;
  readonly ratePercent: number;
  readonly exemption: VatExemption | null;
  readonly netCents: number;
  readonly vatCents: number;
}

export interface InvoiceTotals {
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly groups: readonly InvoiceVatGroup[];
}

const ORDER: Record<VatCategory, number> = { S: 0, Z: 1, E: 2, AE: 3 };

export function lineVatOf(line: VatBreakdownLine): LineVat {
  return { category: line.vatCategory, ratePercent: line.vatRatePercent, exemption: line.exemption };
}

/**
 * EN 16931 wants one breakdown per category and rate, each with one exemption reason: lines of one category
 * that give two different reasons cannot share an invoice (`conflictingReasons` finds them first).
 */
export function vatBreakdown(lines: readonly VatBreakdownLine[]): InvoiceTotals {
  const groups = new Map<string, { category: VatCategory; ratePercent: number; exemption: VatExemption | null; netCents: number }>();
  for (const line of lines) {
    const key = `${line.vatCategory}:${line.vatRatePercent}`;
    const group = groups.get(key) ?? { category: line.vatCategory, ratePercent: line.vatRatePercent, exemption: line.exemption, netCents: 0 };
    group.netCents += lineNet(line);
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .sort((a, b) => ORDER[a.category] - ORDER[b.category] || b.ratePercent - a.ratePercent)
    .map((g) => ({ ...g, vatCents: g.category === 'S' ? vatOf(g.netCents, g.ratePercent) : 0 }));
  const netCents = rows.reduce((sum, g) => sum + g.netCents, 0);
  const vatCents = rows.reduce((sum, g) => sum + g.vatCents, 0);
  return { netCents, vatCents, grossCents: netCents + vatCents, groups: rows };
}

/** The first category whose lines give different legal reasons, or null when every category has one. */
export function conflictingReasons(lines: readonly VatBreakdownLine[]): VatCategory | null {
  const seen = new Map<string, string>();
  for (const line of lines) {
    const key = `${line.vatCategory}:${line.vatRatePercent}`;
    const reason = line.exemption?.text ?? '';
    if (seen.has(key) && seen.get(key) !== reason) return line.vatCategory;
    seen.set(key, reason);
  }
  return null;
}
