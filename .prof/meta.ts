import { UserSchema, InvoiceSchema } from '../adapters/mikro-orm/schemas.js';
const m = (InvoiceSchema as any).meta;
console.log(Object.keys(m), Object.entries(m.properties).slice(0,3), m.className, m.class?.name, m.tableName);
