/** Secret tokens handed to a person (links, session cookies). Only their hashes are stored. */
export interface Tokens {
  /** A new secret with at least 128 bits of entropy, safe in a URL. */
  generate(): string;
  /** SHA-256 of the token, hex encoded: what is stored and looked up. */
  hash(token: string): string;
  /** SHA-256 of content (an uploaded document), hex encoded: a record of what was checked. */
  digest(content: Uint8Array): string;
}
