import type { Tokens } from '../ports/tokens.js';

export const RECOVERY_CODE_COUNT = 10;

/**
 * Ten new single-use codes (80 random bits each, in four groups of four letters and digits): the plain codes to
 * show once, and the hashes to keep. A code this long needs no slow hash: guessing it is out of reach.
 */
export function newRecoveryCodes(tokens: Tokens): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => tokens.generate().slice(0, 16).match(/.{4}/gu)!.join('-'));
  return { codes, hashes: codes.map((c) => recoveryCodeHash(tokens, c)) };
}

/** Typed as shown or not: spaces, dashes and case do not matter. */
export function recoveryCodeHash(tokens: Tokens, code: string): string {
  return tokens.hash(`recovery:${code.toLowerCase().replace(/[^a-z2-7]/gu, '')}`);
}
