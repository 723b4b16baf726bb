import type pg from 'pg';
/** A node of a PostgreSQL plan from `explain (analyze, format json)`, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, the root first. */
export const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

const quote = (text: string) => `'${text.replace(/'/gu, "''")}'`;

/** A parameter as a SQL literal for EXECUTE (which takes no bound parameters); PostgreSQL casts it to the parameter's type. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return quote(`{${value.map((item) => `"${String(item).replace(/["\\]/gu, '\\$&')}"`).join(',')}}`);
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quote(String(value));
}

let prepared = 0;

/**
 * The plan PostgreSQL carries out for a read model's named statement as production sends it: prepared once and run
 * with its generic plan (the read models' pool sets `plan_cache_mode=force_generic_plan`), analysed.
 */
export async function explainGeneric(client: pg.Client, sql: string, params: readonly unknown[]): Promise<PlanNode> {
  prepared += 1;
  const name = `plan_${prepared}`;
  await client.query(`prepare ${name} as ${sql}`);
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) execute ${name}${params.length ? `(${params.map(literal).join(', ')})` : ''}`);
    return rows[0]!['QUERY PLAN'][0].Plan;
  } finally {
    await client.query(`deallocate ${name}`);
  }
}
