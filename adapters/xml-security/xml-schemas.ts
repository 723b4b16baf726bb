import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * The official XML schemas, read in place from the Tax Administration's material (EINVOICE_DIR) and checked with
 * libxml2 compiled to WebAssembly (xmllint-wasm: no native build, the same validator on every machine).
 */
export type SchemaSet = 'b2c' | 'soap' | 'ubl-invoice' | 'ubl-credit-note';

const SETS: Record<SchemaSet, { dir: string; main: string }> = {
  b2c: { dir: 'b2c-fiskalizacija/schema', main: 'FiskalizacijaSchema.xsd' },
  soap: { dir: 'validation/xsd/fiskalizacija', main: 'fiskalizacija-soap-message.xsd' },
  'ubl-invoice': { dir: 'validation/xsd/ubl', main: 'maindoc/UBL-Invoice-2.1.xsd' },
  'ubl-credit-note': { dir: 'validation/xsd/ubl', main: 'maindoc/UBL-CreditNote-2.1.xsd' },
};

export interface SchemaFinding {
  readonly line: number | null;
  readonly message: string;
}

const files = (root: string, prefix = ''): XMLFileInfo[] =>
  readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(root, join(prefix, entry.name)) : entry.name.endsWith('.xsd') ? [{ fileName: join(prefix, entry.name), contents: readFileSync(join(root, prefix, entry.name), 'utf8') }] : [],
  );

export class XmlSchemas {
  private readonly loaded = new Map<SchemaSet, { schema: XMLFileInfo; preload: XMLFileInfo[] }>();

  constructor(private readonly materialDir: string) {}

  static available(materialDir: string): boolean {
    return Object.values(SETS).every((set) => existsSync(join(materialDir, set.dir, set.main)));
  }

  /** The findings of the schema check; none when the document is valid. */
  async validate(set: SchemaSet, xml: string): Promise<SchemaFinding[]> {
    const { schema, preload } = this.load(set);
    const result = await validateXML({ xml: [{ fileName: 'message.xml', contents: xml }], schema: [schema], preload, initialMemoryPages: 512, maxMemoryPages: 4096 });
    return result.valid ? [] : result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message.trim() }));
  }

  private load(set: SchemaSet): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
    const cached = this.loaded.get(set);
    if (cached) return cached;
    const { dir, main } = SETS[set];
    const all = files(join(this.materialDir, dir));
    const schema = all.find((f) => f.fileName === main);
    if (!schema) throw new Error(`the schema ${main} is missing from ${join(this.materialDir, dir)}`);
    const entry = { schema, preload: all.filter((f) => f !== schema) };
    this.loaded.set(set, entry);
    return entry;
  }
}
