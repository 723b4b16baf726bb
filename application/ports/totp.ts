export interface Totp {
  /** The time step the code belongs to (current step ±1), or null when the code is wrong. */
  verify(secretBase32: string, code: string, at: Date): number | null;
}
