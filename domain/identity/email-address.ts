import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

const SHAPE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

/** An email address, trimmed and lower-cased so that one mailbox is one identity. */
export class EmailAddress {
  private constructor(readonly value: string) {}

  static parse(raw: string, field = 'email'): Result<EmailAddress, InvalidInput> {
    const value = raw.trim().toLowerCase();
    if (value.length === 0) return fail(new InvalidInput('email.required', field));
    if (value.length > 254 || !SHAPE.test(value)) return fail(new InvalidInput('email.invalid', field));
    return ok(new EmailAddress(value));
  }

  equals(other: EmailAddress): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
