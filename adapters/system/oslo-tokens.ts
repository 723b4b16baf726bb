import { getRandomValues } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Tokens } from '../../application/ports/tokens.js';

/** 160 random bits in lower-case base32; stored as the hex SHA-256, so a leaked table grants nothing. */
export class OsloTokens implements Tokens {
  generate(): string {
    return encodeBase32LowerCaseNoPadding(getRandomValues(new Uint8Array(20)));
  }
  digest(content: Uint8Array): string {
    return encodeHexLowerCase(sha256(content));
  }
  hash(token: string): string {
    return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
  }
}
