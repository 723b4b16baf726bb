import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

export const SUPPORTED_TLDS = ['com.hr', 'hr', 'com', 'eu'] as const;
export type Tld = (typeof SUPPORTED_TLDS)[number];

const LABEL = /^(?!-)[a-z0-9čćžšđ-]{1,63}(?<!-)$/u;

/** A second-level name under one of the TLDs we register; Croatian letters are allowed (IDN). */
export class DomainName {
  private constructor(
    readonly value: string,
    readonly label: string,
    readonly tld: Tld,
  ) {}

  static parse(raw: string, field = 'domain'): Result<DomainName, InvalidInput> {
    const value = raw.trim().toLowerCase().replace(/\.$/u, '');
    if (!value) return fail(new InvalidInput('domain.required', field));
    const tld = SUPPORTED_TLDS.find((t) => value.endsWith(`.${t}`));
    if (!tld) return fail(new InvalidInput('domain.tld', field));
    const label = value.slice(0, -(tld.length + 1));
    if (!LABEL.test(label) || label.includes('.')) return fail(new InvalidInput('domain.invalid', field));
    if (label.length < 2 && tld !== 'com') return fail(new InvalidInput('domain.invalid', field));
    if (label.slice(2, 4) === '--') return fail(new InvalidInput('domain.invalid', field));
    return ok(new DomainName(value, label, tld));
  }

  /** .hr and .com.hr names are registered to a holder identified by an OIB. */
  needsHolderOib(): boolean {
    return this.tld === 'hr' || this.tld === 'com.hr';
  }
}
