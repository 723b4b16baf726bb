import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

/** Croatian personal identification number: 11 digits, the last one an ISO 7064 MOD 11,10 check digit. */
export class Oib {
  private constructor(readonly value: string) {}

  static parse(raw: string, field = 'oib'): Result<Oib, InvalidInput> {
    const value = raw.replace(/\s+/gu, '');
    if (!/^\d{11}$/u.test(value)) return fail(new InvalidInput('oib.format', field));
    if (checkDigit(value.slice(0, 10)) !== Number(value[10])) return fail(new InvalidInput('oib.check_digit', field));
    return ok(new Oib(value));
  }

  toString(): string {
    return this.value;
  }
}

export function checkDigit(first10: string): number {
  let carry = 10;
  for (const ch of first10) {
    let sum = (Number(ch) + carry) % 10;
    if (sum === 0) sum = 10;
    carry = (sum * 2) % 11;
  }
  const digit = 11 - carry;
  return digit === 10 ? 0 : digit;
}
