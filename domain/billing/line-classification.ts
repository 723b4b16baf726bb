/**
 * Units of measure (UN/ECE Recommendation 20, BT-130) the portal bills in, with the Croatian abbreviation a
 * printed invoice uses, and the KPD 2025 product classification (BT-158, list "CG") each line must carry.
 */
export const UNIT_CODES = ['C62', 'H87', 'HUR', 'DAY', 'MON', 'ANN'] as const;
export type UnitCode = (typeof UNIT_CODES)[number];

export const UNIT_LABELS: Record<UnitCode, { hr: string; en: string }> = {
  C62: { hr: 'kom', en: 'unit' },
  H87: { hr: 'kom', en: 'piece' },
  HUR: { hr: 'sat', en: 'hour' },
  DAY: { hr: 'dan', en: 'day' },
  MON: { hr: 'mj.', en: 'month' },
  ANN: { hr: 'god.', en: 'year' },
};

export function isUnitCode(code: string): code is UnitCode {
  return (UNIT_CODES as readonly string[]).includes(code);
}

/** A KPD 2025 subcategory as the classification writes it: 63.10.12. */
export function isKpdCode(code: string): boolean {
  return /^\d{2}\.\d{2}\.\d{2}$/u.test(code);
}

/** The unit a subscription of this many months is sold in. */
export function unitForPeriod(periodMonths: number): UnitCode {
  return periodMonths === 12 ? 'ANN' : periodMonths === 1 ? 'MON' : 'C62';
}
