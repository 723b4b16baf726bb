import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import type { Totp } from '../../application/ports/totp.js';

const PERIOD_SECONDS = 30;
const DIGITS = 6;

/** RFC 6238 with one step of drift either way; returns the matched step so a code is used once. */
export class OsloTotp implements Totp {
  verify(secretBase32: string, code: string, at: Date): number | null {
    if (!/^\d{6}$/u.test(code)) return null;
    const key = decodeBase32IgnorePadding(secretBase32.toUpperCase());
    const current = Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);
    for (const step of [current - 1, current, current + 1]) {
      const expected = generateHOTP(key, BigInt(step), DIGITS);
      if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
    }
    return null;
  }

  newSecret(): string {
    return encodeBase32NoPadding(randomBytes(20));
  }

  keyUri(input: { issuer: string; account: string; secretBase32: string }): string {
    const label = encodeURIComponent(`${input.issuer}:${input.account}`);
    const query = new URLSearchParams({ secret: input.secretBase32, issuer: input.issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(PERIOD_SECONDS) });
    return `otpauth://totp/${label}?${query.toString()}`;
  }

  /** The code an authenticator shows at `at`; for demo tooling and tests. */
  static codeAt(secretBase32: string, at: Date): string {
    return generateHOTP(decodeBase32IgnorePadding(secretBase32.toUpperCase()), BigInt(Math.floor(at.getTime() / 1000 / PERIOD_SECONDS)), DIGITS);
  }
}
