import type { SecretBox } from '../ports/secret-box.js';

const PURPOSE = 'totp:';

/** A TOTP secret sealed for storage (a client's or a staff member's), marked for that purpose. */
export function sealTotpSecret(secrets: SecretBox, secretBase32: string): string {
  return secrets.seal(`${PURPOSE}${secretBase32}`);
}

/** Opens only a sealed TOTP secret: the purpose prefix keeps other sealed values (access data) out. */
export function openTotpSecret(secrets: SecretBox, sealed: string): string | null {
  try {
    const plain = secrets.open(sealed);
    return plain.startsWith(PURPOSE) && /^[A-Z2-7]{16,64}$/u.test(plain.slice(PURPOSE.length)) ? plain.slice(PURPOSE.length) : null;
  } catch {
    return null;
  }
}

/** A secret stored before staff secrets were sealed: plain base32, not yet in the box. */
export const isPlainTotpSecret = (stored: string): boolean => /^[A-Z2-7]{16,64}$/u.test(stored);
