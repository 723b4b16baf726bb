/** Encrypts secrets at rest (service access data). Sealed values name their key, so keys can rotate. */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the value was tampered with or its key is unknown. */
  open(sealed: string): string;
}
