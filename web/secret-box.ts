import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AesGcmSecretBox, parseKeyRing } from '../adapters/system/aes-gcm-secret-box.js';
import type { Config } from './config.js';

/** The configured key ring; a local run without one keeps a generated key in DATA_DIR (git-ignored). */
export function loadSecretBox(config: Pick<Config, 'credentialsKeys' | 'credentialsKeyId' | 'dataDir'>, log: (line: string) => void): AesGcmSecretBox {
  if (config.credentialsKeys) {
    const ring = parseKeyRing(config.credentialsKeys);
    const ids = Object.keys(ring);
    return new AesGcmSecretBox(ring, config.credentialsKeyId ?? ids[ids.length - 1]!);
  }
  const dir = resolve(config.dataDir);
  const file = join(dir, 'credentials.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    log(`Generated a local credentials key in ${file} (set CREDENTIALS_KEYS in production)`);
  }
  return new AesGcmSecretBox({ local: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') }, 'local');
}
