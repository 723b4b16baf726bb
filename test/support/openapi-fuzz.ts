/**
 * A request generator driven by an OpenAPI 3.1 document: valid values from each schema (examples, enums, formats,
 * bounds) and deliberately broken ones (a required field left out, a wrong type, too long, an unknown enum value),
 * from a seeded generator so that a failure repeats exactly.
 */
export type Schema = Record<string, unknown>;
export type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; responses: Record<string, Schema> } };
export interface Operation {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Schema>;
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seeded>;

const PATTERNS: Record<string, (r: Random) => string> = {
  '^[\\w.:-]+$': (r) => `key-${r.int(0, 1e9)}`,
  '^[0-9a-f]{64}$': (r) => Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join(''),
  '^[a-z0-9-]{1,120}$': (r) => `clanak-${r.int(0, 999)}`,
};

export function resolve(doc: Doc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s['$ref'] === 'string'; i += 1) {
    const path = (s['$ref'] as string).replace(/^#\//u, '').split('/');
    s = path.reduce<Schema>((node, key) => (node as Record<string, Schema>)[key.replace(/~1/gu, '/').replace(/~0/gu, '~')]!, doc as unknown as Schema);
  }
  return s;
}

const uuid = (r: Random) => {
  const h = () => r.int(0, 15).toString(16);
  return `${Array.from({ length: 8 }, h).join('')}-${Array.from({ length: 4 }, h).join('')}-4${Array.from({ length: 3 }, h).join('')}-8${Array.from({ length: 3 }, h).join('')}-${Array.from({ length: 12 }, h).join('')}`;
};

/** A value the schema accepts; `pool` offers real values for some property names (ids of existing things). */
export function valid(doc: Doc, schema: Schema, r: Random, pool: Record<string, readonly string[]> = {}, name = '', depth = 0): unknown {
  const s = resolve(doc, schema);
  if (pool[name]?.length && r.chance(0.8)) return r.pick(pool[name]!);
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum'])) return r.pick(s['enum'] as unknown[]);
  const variants = (s['oneOf'] ?? s['anyOf']) as Schema[] | undefined;
  if (variants) {
    const usable = variants.filter((v) => resolve(doc, v)['type'] !== 'null');
    return valid(doc, r.pick(usable.length && r.chance(0.9) ? usable : variants), r, pool, name, depth + 1);
  }
  if ('example' in s && r.chance(0.6)) return s['example'];
  if ('default' in s && r.chance(0.3)) return s['default'];
  const type = Array.isArray(s['type']) ? r.pick((s['type'] as string[]).filter((t) => t !== 'null')) : (s['type'] as string | undefined);
  switch (type) {
    case 'string': {
      const format = s['format'];
      if (format === 'uuid') return uuid(r);
      if (format === 'date') return `2026-12-${String(r.int(10, 28))}`;
      if (format === 'date-time') return new Date(Date.UTC(2026, 10, r.int(1, 28))).toISOString();
      if (format === 'email') return `fuzz${r.int(0, 999)}@example.hr`;
      if (format === 'binary') return 'binary';
      const pattern = typeof s['pattern'] === 'string' ? PATTERNS[s['pattern']] : undefined;
      if (pattern) return pattern(r);
      const max = Math.min(Number(s['maxLength'] ?? 40), 40);
      const min = Number(s['minLength'] ?? 0);
      const length = r.int(Math.min(min, max), max);
      return Array.from({ length }, () => r.pick('abcčćdđefghijklmnoprsštuvzž 0123456789-.'.split(''))).join('');
    }
    case 'integer':
    case 'number': {
      const min = Number(s['minimum'] ?? (s['exclusiveMinimum'] !== undefined ? Number(s['exclusiveMinimum']) + 1 : 0));
      const max = Math.min(Number(s['maximum'] ?? min + 10_000), min + 1_000_000);
      return r.int(min, max);
    }
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const min = Number(s['minItems'] ?? 0);
      const max = Math.min(Number(s['maxItems'] ?? 3), Math.max(min, 3));
      return depth > 4 ? [] : Array.from({ length: r.int(min, max) }, () => valid(doc, (s['items'] as Schema) ?? {}, r, pool, name, depth + 1));
    }
    case 'object':
    default: {
      const properties = (s['properties'] ?? {}) as Record<string, Schema>;
      const required = new Set((s['required'] ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(properties)) if (required.has(key) || r.chance(0.7)) out[key] = valid(doc, prop, r, pool, key, depth + 1);
      return out;
    }
  }
}

/** A value the schema refuses (or a shape it does not expect), and what was broken. */
export function invalid(doc: Doc, schema: Schema, r: Random, pool: Record<string, readonly string[]> = {}): { value: unknown; how: string } {
  const s = resolve(doc, schema);
  const base = valid(doc, s, r, pool);
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    const properties = (s['properties'] ?? {}) as Record<string, Schema>;
    const keys = Object.keys(properties);
    const required = (s['required'] ?? []) as string[];
    const how = r.pick(['drop', 'type', 'long', 'enum', 'array'] as const);
    const copy = { ...(base as Record<string, unknown>) };
    if (how === 'drop' && required.length) {
      const key = r.pick(required);
      delete copy[key];
      return { value: copy, how: `without ${key}` };
    }
    if (keys.length) {
      const key = r.pick(keys);
      const prop = resolve(doc, properties[key]!);
      if (how === 'long' && prop['maxLength'] !== undefined) return { value: { ...copy, [key]: 'x'.repeat(Number(prop['maxLength']) + 1) }, how: `${key} too long` };
      if (how === 'enum' && Array.isArray(prop['enum'])) return { value: { ...copy, [key]: 'not-one-of-them' }, how: `${key} not in enum` };
      if (how === 'array') return { value: { ...copy, [key]: [[{}]] }, how: `${key} nested array` };
      return { value: { ...copy, [key]: prop['type'] === 'string' ? r.int(0, 1e6) : 'a string' }, how: `${key} of the wrong type` };
    }
  }
  return { value: r.pick([[], 'text', 42, null]), how: 'not an object' };
}
