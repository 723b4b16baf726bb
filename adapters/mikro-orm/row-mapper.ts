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
  const fields = Object.entries(meta.properties).map(([name, options]) => ({ name, column: options.fieldName ?? snake(name), instant: options.type === 'datetime' }));
  // The ORM puts an accessor on the class's prototype for each mapped property, which on first assignment defines the
  // property again on the object and makes its change-tracking helper: most of the cost of a shown row. A prototype
  // in between holds a plain writable slot for each, so an assignment makes an ordinary own property; the class's
  // methods and `instanceof` stay.
  const plain = Object.create(meta.class.prototype) as object;
  for (const { name } of fields) Object.defineProperty(plain, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  return (row) => {
    const entity = Object.create(plain) as Record<string, unknown>;
    for (const { name, column, instant } of fields) {
      const value = row[column];
      entity[name] = value === undefined ? null : instant && value !== null ? new Date(value as string) : value;
    }
    return entity as T;
  };
}
