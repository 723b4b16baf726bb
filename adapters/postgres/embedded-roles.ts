import pg from 'pg';
import type { Role } from './embedded-credentials.js';

/**
 * Everything in the portal's database belongs to the app role: schemas, tables, sequences, views, functions and
 * types that another role (a data folder made before the roles were split, when the app ran as the superuser)
 * still owns are handed over. Extension members and objects of PostgreSQL itself stay as they are.
 */
const HAND_OVER = `
do $$
declare
  r record;
  app text := current_setting('portal.app_role');
begin
  for r in select n.nspname from pg_namespace n
    where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%' and pg_get_userbyid(n.nspowner) <> app
      and not exists (select 1 from pg_depend d where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
  loop
    execute format('alter schema %I owner to %I', r.nspname, app);
  end loop;
  for r in select n.nspname, c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S', 'c')
      and pg_get_userbyid(c.relowner) <> app
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
  loop
    execute format('alter %s %I.%I owner to %I',
      case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' when 'c' then 'type' else 'table' end,
      r.nspname, r.relname, app);
  end loop;
  for r in select p.oid::regprocedure::text as signature, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%' and pg_get_userbyid(p.proowner) <> app
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('alter %s %s owner to %I', case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, r.signature, app);
  end loop;
  for r in select t.oid::regtype::text as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%' and t.typtype in ('e', 'd', 'r') and pg_get_userbyid(t.typowner) <> app
      and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
  loop
    execute format('alter type %s owner to %I', r.name, app);
  end loop;
end $$;`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The app role exists, may log in with its password and nothing more (no superuser, no new databases or roles),
 * and owns its database and everything in it. Run as the superuser at every start: it also moves data folders of
 * earlier versions, where the app used the superuser, to the app role.
 */
export async function provisionAppRole(adminUrl: (database: string) => string, app: Role, database: string): Promise<void> {
  await withClient(adminUrl('postgres'), async (admin) => {
    const role = admin.escapeIdentifier(app.user);
    const known = await admin.query('select 1 from pg_roles where rolname = $1', [app.user]);
    if (known.rowCount === 0) await admin.query(`create role ${role} login`);
    await admin.query(`alter role ${role} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${admin.escapeLiteral(app.password)}`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)} owner ${role}`);
    else await admin.query(`alter database ${admin.escapeIdentifier(database)} owner to ${role}`);
  });
  await withClient(adminUrl(database), async (admin) => {
    await admin.query(`select set_config('portal.app_role', $1, false)`, [app.user]);
    await admin.query(HAND_OVER);
  });
}

/** A new password for a role, set by the superuser. */
export async function setPassword(adminUrl: string, role: Role): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query(`alter role ${admin.escapeIdentifier(role.user)} password ${admin.escapeLiteral(role.password)}`));
}

export async function reloadConfiguration(adminUrl: string): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query('select pg_reload_conf()'));
}

/** Whether a role can sign in with this password. */
export async function canConnect(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}
