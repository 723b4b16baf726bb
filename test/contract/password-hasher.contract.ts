import { describe, expect, it } from 'vitest';
import type { CommonPasswords, PasswordHasher } from '../../application/ports/password-hasher.js';

export function describePasswordHasherContract(name: string, make: () => PasswordHasher, expectFormat?: RegExp) {
  describe(`PasswordHasher: ${name}`, () => {
    it('verifies the right password only, with a new salt every time', async () => {
      const hasher = make();
      const password = 'Šifra s razmacima i č';
      const one = await hasher.hash(password);
      const two = await hasher.hash(password);
      expect(one).not.toBe(two);
      expect(one).not.toContain(password);
      expect(await hasher.verify(one, password)).toBe(true);
      expect(await hasher.verify(two, password)).toBe(true);
      expect(await hasher.verify(one, 'Šifra s razmacima i c')).toBe(false);
      expect(await hasher.verify('not a hash', password)).toBe(false);
      if (expectFormat) expect(one).toMatch(expectFormat);
    });
  });
}

export function describeCommonPasswordsContract(name: string, make: () => CommonPasswords) {
  describe(`CommonPasswords: ${name}`, () => {
    it('knows the usual suspects in any case, and not a long passphrase', () => {
      const list = make();
      expect(list.isCommon('password1')).toBe(true);
      expect(list.isCommon('PASSWORD1')).toBe(true);
      expect(list.isCommon('lozinka123')).toBe(true);
      expect(list.isCommon('correct horse battery staple')).toBe(false);
    });
  });
}
