import type { EntitySchema } from '@mikro-orm/postgresql';

interface PropertyOptions {
  readonly type?: unknown;
  readonly fieldName?: string;
  readonly columnType?: string;
}

const snake = (name: string) => name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);

/**
 * Builds domain objects straight from rows of SQL read models (`to_jsonb(t)` of a table row, or a plain row), by the
 * mapping the entity schema already states (column names, which properties are instants) but without the ORM's
 * hydration: no identity map, no change tracking, no query building. The objects are for reading and showing only;
 * a use case that changes something loads it through its repository.
 */
export function rowMapper<T extends object>(schema: EntitySchema<T>): (row: Record<string, unknown>) => T {
  const meta = (schema as unknown as { meta: { class: new () => T; properties: Record<string, PropertyOptions> } }).meta;
  const fields = fieldsOf(schema, Object.keys(meta.properties));
  // The ORM puts an accessor on the class's prototype for each mapped property, which on first assignment defines the
  // property again on the object and makes its change-tracking helper: most of the cost of a shown row. A prototype
  // in between holds a plain writable slot for each, so an assignment makes an ordinary own property; the class's
  // methods and `instanceof` stay.
  const plain = Object.create(meta.class.prototype) as object;
  for (const { name } of fields) Object.defineProperty(plain, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  return (row) => {
    const entity = Object.create(plain) as Record<string, unknown>;
    for (const field of fields) entity[field.name] = valueOf(row, field);
    return entity as T;
  };
}

/**
 * A list's view of an entity: only the named properties, read from a row of only their columns (see `columnsOf`),
 * as a plain frozen object. What a list page reads instead of whole rows (an invoice's parties and lines are most of
 * its row, and of what PostgreSQL sends and Node parses for an invoice page).
 */
export function summaryMapper<T extends object, K extends keyof T & string>(schema: EntitySchema<T>, properties: readonly K[]): (row: Record<string, unknown>) => Readonly<Pick<T, K>> {
  const fields = fieldsOf(schema, properties);
  return (row) => {
    const summary: Record<string, unknown> = {};
    for (const field of fields) summary[field.name] = valueOf(row, field);
    return Object.freeze(summary) as Readonly<Pick<T, K>>;
  };
}

/** The columns of the named properties, for `select` (`t.id, t.issued_at, …`). */
export function columnsOf<T extends object>(schema: EntitySchema<T>, properties: readonly (keyof T & string)[], alias = 't'): string {
  return fieldsOf(schema, properties)
    .map((f) => `${alias}.${f.column}`)
    .join(', ');
}

/** The named properties of a row as one JSON object keyed by column (`json_build_object('id', q.id, …)`), for `summaryMapper`. */
export function jsonOf<T extends object>(schema: EntitySchema<T>, properties: readonly (keyof T & string)[], alias: string): string {
  return `json_build_object(${fieldsOf(schema, properties)
    .map((f) => `'${f.column}', ${alias}.${f.column}`)
    .join(', ')})`;
}

interface Field {
  readonly name: string;
  readonly column: string;
  readonly instant: boolean;
}

/** A property's value from its column: an instant as a Date, a missing column as null. */
function valueOf(row: Record<string, unknown>, { column, instant }: Field): unknown {
  const value = row[column];
  return value === undefined ? null : instant && value !== null ? new Date(value as string) : value;
}

function fieldsOf<T extends object>(schema: EntitySchema<T>, properties: readonly string[]): Field[] {
  const meta = (schema as unknown as { meta: { properties: Record<string, PropertyOptions> } }).meta;
  return properties.map((name) => {
    const options = meta.properties[name];
    if (!options) throw new Error(`${name} is not mapped`);
    return { name, column: options.fieldName ?? snake(name), instant: options.type === 'datetime' };
  });
}
