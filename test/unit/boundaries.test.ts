import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
let dir: string;

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true } }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function cruise(cwd: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(depcruise, ['--config', '.dependency-cruiser.cjs', 'domain', 'application', 'adapters', 'web'], { cwd, encoding: 'utf8' }) };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clean = {
  'domain/order.ts': 'export const order = 1;\n',
  'application/place-order.ts': "import { order } from '../domain/order.ts';\nexport const place = order;\n",
  'adapters/repo.ts': "import { place } from '../application/place-order.ts';\nexport const repo = place;\n",
  'web/app.ts': "import { repo } from '../adapters/repo.ts';\nexport const app = repo;\n",
};

describe('layer boundaries (the check `npm test` runs first)', () => {
  it('pass for the hexagon as designed', () => {
    expect(cruise(project(clean)).ok).toBe(true);
  });
  it.each([
    ['domain importing an adapter', 'domain/leak.ts', "import { repo } from '../adapters/repo.ts';\nexport const x = repo;\n", 'domain-is-pure'],
    ['application importing the web', 'application/leak.ts', "import { app } from '../web/app.ts';\nexport const x = app;\n", 'application-imports-domain-and-application'],
    ['an adapter importing the web', 'adapters/leak.ts', "import { app } from '../web/app.ts';\nexport const x = app;\n", 'adapters-never-import-web'],
    ['the domain using Node built-ins', 'domain/leak.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'domain-no-node-builtins'],
  ])('fail for %s', (_, path, content, rule) => {
    const result = cruise(project({ ...clean, [path]: content }));
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });
});
