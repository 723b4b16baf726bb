/** Encrypts secrets at rest (service access data). Sealed values name their key, so keys can rotate. */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the value was tampered with or its key is unknown. */
  open(sealed: string): string;
  /**
   * A keyed hash (HMAC-SHA256, hex) of a value: the same value always gives the same pseudonym, and without the
   * key nobody can tell which value it was. Lets us recognise a repeat (a second vote) without storing who.
   */
  pseudonym(value: string): string;
}
