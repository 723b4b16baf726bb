import type { PasswordHasher } from '../ports/password-hasher.js';

/** Verifies against a throw-away hash so an unknown address costs as much time as a known one. */
export class DummyHash {
  private hash: Promise<string> | null = null;

  constructor(private readonly hasher: PasswordHasher) {}

  async verify(password: string): Promise<void> {
    this.hash ??= this.hasher.hash('dummy password that no account has');
    await this.hasher.verify(await this.hash, password);
  }
}
