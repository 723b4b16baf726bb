import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CommonPasswords, PasswordHasher } from '../../application/ports/password-hasher.js';

/** A fast salted hash for unit tests only; the contract suite holds it to the same behaviour as Argon2. */
export class InMemoryPasswordHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(8).toString('hex');
    return `test$${salt}$${createHash('sha256').update(salt + password).digest('hex')}`;
  }
  async verify(stored: string, password: string): Promise<boolean> {
    const [scheme, salt, digest] = stored.split('$');
    if (scheme !== 'test' || !salt || !digest) return false;
    const candidate = createHash('sha256').update(salt + password).digest('hex');
    return timingSafeEqual(Buffer.from(candidate), Buffer.from(digest));
  }
}

export class InMemoryCommonPasswords implements CommonPasswords {
  private readonly list: Set<string>;
  constructor(list: readonly string[] = ['password', 'password1', '12345678', '123456789', 'qwertyuiop', 'lozinka123', 'iloveyou']) {
    this.list = new Set(list);
  }
  isCommon(password: string): boolean {
    return this.list.has(password.toLowerCase());
  }
}
