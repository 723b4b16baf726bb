export interface Totp {
  /** The time step the code belongs to (current step ±1), or null when the code is wrong. */
  verify(secretBase32: string, code: string, at: Date): number | null;
  /** A new random secret (160 bits), base32 encoded as authenticator apps expect it. */
  newSecret(): string;
  /** The otpauth:// URI an authenticator app reads from a QR code. */
  keyUri(input: { issuer: string; account: string; secretBase32: string }): string;
}
