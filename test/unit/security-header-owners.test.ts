import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { securityHeaderList } from '../../web/http/security.js';

const WEB = new URL('../../web/', import.meta.url).pathname;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/u.test(entry.name) ? [path] : [];
  });
}

// The security headers are defaults put on Node's response before the app answers, and an answer's own value for a
// header wins when Node writes it (web/http/security.ts): a route that set a weaker one would win silently.
describe('who sets the security headers', () => {
  it('no route sets one itself, but for nosniff on downloads (the same value)', () => {
    const found: string[] = [];
    for (const file of sources(WEB).filter((f) => !f.endsWith('/http/security.ts'))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const [name, value] of securityHeaderList(true)) {
        lines.forEach((line, i) => {
          if (!line.toLowerCase().includes(`'${name}'`)) return;
          if (name === 'x-content-type-options' && line.includes(`'${value}'`)) return;
          found.push(`${file.slice(WEB.length)}:${i + 1} ${name}`);
        });
      }
    }
    expect(found).toEqual([]);
  });
});
