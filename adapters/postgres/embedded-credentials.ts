import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Role {
  readonly user: string;
  readonly password: string;
}

/** Who may connect to the embedded server: the superuser (setup, new databases, backups) and the portal's own role. */
export interface EmbeddedCredentials {
  readonly superuser: Role;
  readonly app: Role;
}

/** The superuser of every embedded server; the app role is never a superuser. */
export const SUPERUSER = 'portal';
export const APP_ROLE = 'portal_app';
/** What data folders made before the roles were split used: superuser `portal` with the password `portal`. */
export const LEGACY_SUPERUSER: Role = { user: SUPERUSER, password: 'portal' };

export const randomPassword = (): string => randomBytes(24).toString('base64url');

export function freshCredentials(): EmbeddedCredentials {
  return { superuser: { user: SUPERUSER, password: randomPassword() }, app: { user: APP_ROLE, password: randomPassword() } };
}

export function readCredentials(file: string): EmbeddedCredentials | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedCredentials;
  if (!parsed.superuser?.password || !parsed.app?.password) throw new Error(`${file} is damaged: it must name the superuser and the app role`);
  return parsed;
}

/** Written whole or not at all, readable by this OS user only. */
export function writeCredentials(file: string, credentials: EmbeddedCredentials): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
