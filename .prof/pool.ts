import { createOrm, poolOf } from '../adapters/mikro-orm/orm.js';
const orm = await createOrm(process.argv[2]!);
console.log('pool after init', poolOf(orm) !== null);
await orm.close(true);
