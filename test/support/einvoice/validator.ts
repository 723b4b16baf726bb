import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');

/** The official material (XSLT rules, UBL schemas, samples), read in place beside the checkout. */
export const EINVOICE_DIR = process.env.EINVOICE_DIR ?? resolve(repoRoot, '..', 'shared', 'einvoice');
export const SAXON_JAR = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';
const JAVA = process.env.JAVA ?? 'java';

function javaRuns(): boolean {
  if (!existsSync(SAXON_JAR) || !existsSync(EINVOICE_DIR)) return false;
  return spawnSync(JAVA, ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * In CI a missing validator is a failure; on a developer machine without Java, Saxon-HE (`libsaxonhe-java`) or the
 * material beside the checkout, the validator tests are skipped.
 */
export const validatorAvailable = javaRuns() || process.env.CI === 'true';

export interface Finding {
  readonly check: 'XSD' | 'EN16931' | 'HR-CIUS';
  readonly flag: string;
  readonly id: string;
  readonly text: string;
}

/** Validates files (XSD, EN 16931, HR CIUS) in one Java run; returns the findings of each file by its path. */
export async function validateFiles(files: readonly string[]): Promise<Map<string, Finding[]>> {
  const { stdout } = await promisify(execFile)(JAVA, ['-cp', SAXON_JAR, join(here, 'EInvoiceValidator.java'), EINVOICE_DIR, ...files], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  const results = new Map<string, Finding[]>();
  const done = new Set<string>();
  for (const line of stdout.split('\n')) {
    const [tag, file, check, flag, id, text] = line.split('\t');
    if (tag === 'DONE' && file) done.add(file);
    if (tag !== 'FINDING' || !file) continue;
    results.set(file, [...(results.get(file) ?? []), { check: check as Finding['check'], flag: flag ?? '', id: id ?? '', text: text ?? '' }]);
  }
  for (const file of files) {
    if (!done.has(file)) throw new Error(`the validator did not finish ${file}`);
    if (!results.has(file)) results.set(file, []);
  }
  return results;
}

/** Validates documents given as bytes, by name. */
export async function validateDocuments(documents: ReadonlyMap<string, Uint8Array>): Promise<Map<string, Finding[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'eracun-'));
  try {
    const paths = new Map<string, string>();
    for (const [name, bytes] of documents) {
      const path = join(dir, `${name.replace(/[^\w.-]/gu, '_')}.xml`);
      writeFileSync(path, bytes);
      paths.set(path, name);
    }
    const byPath = await validateFiles([...paths.keys()]);
    return new Map([...byPath].map(([path, findings]) => [paths.get(path)!, findings]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const fatal = (findings: readonly Finding[]) => findings.filter((f) => f.flag === 'fatal').map((f) => `${f.check} ${f.id}: ${f.text}`);
