import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../adapters/system/aes-gcm-secret-box.js';

describe('SecretBox: AES-256-GCM', () => {
  const old = new AesGcmSecretBox({ k1: Buffer.alloc(32, 1) }, 'k1');
  const rotated = new AesGcmSecretBox({ k1: Buffer.alloc(32, 1), k2: Buffer.alloc(32, 2) }, 'k2');

  it('opens what it sealed, with a fresh IV every time', () => {
    const a = rotated.seal('lozinka: šđčćž');
    expect(a).not.toBe(rotated.seal('lozinka: šđčćž'));
    expect(a).not.toContain('lozinka');
    expect(rotated.open(a)).toBe('lozinka: šđčćž');
  });

  it('opens values sealed under an older key after rotation, and says they need sealing again', () => {
    const sealed = old.seal('secret');
    expect(rotated.open(sealed)).toBe('secret');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.needsRotation(rotated.seal('secret'))).toBe(false);
  });

  it('refuses a tampered value, a swapped key id and an unknown key', () => {
    const sealed = rotated.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => rotated.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toThrow();
    expect(() => rotated.open(['v1', 'k1', parts[2], parts[3]].join('.'))).toThrow();
    expect(() => old.open(sealed)).toThrow('unknown');
    expect(() => new AesGcmSecretBox({ short: Buffer.alloc(16) }, 'short')).toThrow('32 bytes');
  });

  it('gives a stable keyed pseudonym that survives a rotation and differs under another key', () => {
    const value = 'help.vote|article|visitor|abc';
    expect(old.pseudonym(value)).toMatch(/^[0-9a-f]{64}$/u);
    expect(rotated.pseudonym(value)).toBe(old.pseudonym(value));
    expect(old.pseudonym(`${value}x`)).not.toBe(old.pseudonym(value));
    expect(new AesGcmSecretBox({ k9: Buffer.alloc(32, 9) }, 'k9').pseudonym(value)).not.toBe(old.pseudonym(value));
    expect(old.pseudonym(value)).not.toContain('visitor');
  });
});
