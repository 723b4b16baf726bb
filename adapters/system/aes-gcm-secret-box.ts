import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../application/ports/secret-box.js';

/**
 * AES-256-GCM. A sealed value is `v1.<key id>.<iv>.<ciphertext+tag>`: new values use the current key,
 * old ones open with the key they name, so keys rotate without a big-bang re-encryption.
 */
export class AesGcmSecretBox implements SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly pseudonymKey: Buffer;

  constructor(
    keys: Record<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`credentials key ${id} must be 32 bytes`);
      if (!/^[\w-]+$/u.test(id)) throw new Error(`credentials key id ${id} may hold letters, digits, - and _ only`);
    }
    if (!this.keys.has(currentKeyId)) throw new Error(`no credentials key named ${currentKeyId}`);
    // Derived from the first key of the ring, not the current one: pseudonyms must outlive a key rotation.
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', [...this.keys.values()][0]!, Buffer.alloc(0), 'portal pseudonyms v1', 32));
  }

  pseudonym(value: string): string {
    return createHmac('sha256', this.pseudonymKey).update(value, 'utf8').digest('hex');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(`v1.${this.currentKeyId}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${this.currentKeyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, keyId, iv, body] = sealed.split('.');
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (version !== 'v1' || !key || !iv || !body) throw new Error('sealed value is malformed or its key is unknown');
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`v1.${keyId}`));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Whether a value was sealed under an older key and should be sealed again. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}

/** Parses `id:base64,id2:base64` into keys. */
export function parseKeyRing(spec: string): Record<string, Buffer> {
  const ring: Record<string, Buffer> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, key] = part.split(':');
    if (!id || !key) throw new Error('CREDENTIALS_KEYS must look like id:base64key[,id2:base64key]');
    ring[id] = Buffer.from(key, 'base64');
  }
  return ring;
}
