import { fail, InvalidInput, ok, type Result } from '../shared/result.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * ASVS 2.1: length counts characters, not bytes; every printable character and spaces are allowed;
 * no composition rules; passwords known to be common are refused.
 */
export function checkNewPassword(
  password: string,
  isCommon: (candidate: string) => boolean,
  context: { email?: string } = {},
): Result<string, InvalidInput> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return fail(new InvalidInput('password.too_short', 'password', { min: PASSWORD_MIN_LENGTH }));
  if (length > PASSWORD_MAX_LENGTH) return fail(new InvalidInput('password.too_long', 'password', { max: PASSWORD_MAX_LENGTH }));
  const lowered = password.toLowerCase();
  if (isCommon(lowered)) return fail(new InvalidInput('password.too_common', 'password'));
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (context.email && (lowered === context.email.toLowerCase() || (local && local.length >= 4 && lowered === local))) {
    return fail(new InvalidInput('password.same_as_email', 'password'));
  }
  return ok(password);
}
