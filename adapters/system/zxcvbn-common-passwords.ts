import { dictionary } from '@zxcvbn-ts/language-common';
import type { CommonPasswords } from '../../application/ports/password-hasher.js';

/** Croatian favourites the English lists miss. */
const LOCAL = ['lozinka', 'lozinka1', 'lozinka123', 'zaporka', 'zaporka123', 'hrvatska', 'hrvatska1', 'zagreb123', 'dinamo123', 'hajduk123'];

/** About 30 000 passwords known from breaches (zxcvbn's list), plus local ones. */
export class ZxcvbnCommonPasswords implements CommonPasswords {
  private readonly list = new Set([...dictionary['passwords-common'], ...LOCAL].map((p) => p.toLowerCase()));

  isCommon(password: string): boolean {
    return this.list.has(password.toLowerCase());
  }
}
