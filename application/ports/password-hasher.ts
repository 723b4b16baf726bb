export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface CommonPasswords {
  /** True when the (lower-cased) password is on a list of passwords known to be common. */
  isCommon(password: string): boolean;
}
