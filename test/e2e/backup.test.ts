import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../adapters/postgres/database-backup.js';
import { IssueDirectInvoice } from '../../application/billing/issue-direct-invoice.js';
import { SeedDemoData } from '../../application/demo/seed-demo-data.js';
import { givenContact, givenOwner, givenStaff } from '../support/builders.js';
import { META } from '../support/in-memory-portal.js';
import { postgresPortal } from '../support/postgres-portal.js';

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** A fingerprint of every row of every table of the portal (the job queue aside). */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ rows: string; digest: string }>(`select count(*)::text as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`);
      out[name] = `${row.rows[0]!.rows}:${row.rows[0]!.digest}`;
    }
    const seq = await client.query<{ name: string; value: string | null }>(`select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public'`);
    for (const s of seq.rows) out[`seq:${s.name}`] = String(s.value);
    return out;
  } finally {
    await client.end();
  }
}

describe('backup and restore', () => {
  it('brings back every row, sequence and guard of the database as it was at the backup, as the portal\'s own role', async () => {
    const portal = await postgresPortal({ workers: false });
    const url = portal.databaseUrl;
    await new SeedDemoData(portal.services).execute();
    const { account } = await givenOwner(portal.services, { email: `backup-${Date.now()}@firma.hr` });
    await givenContact(portal.services, account.id, { permissions: ['invoices'], subscriptions: ['billing'] });
    const billing = await givenStaff(portal.services, ['billing']);
    const issued = await new IssueDirectInvoice(portal.services).execute(
      { kind: 'staff', staffId: billing.id, roles: billing.roles },
      { accountId: account.id, lines: [{ description: 'Održavanje — čćžšđ', quantity: 2, unitPriceCents: 12_345, vat: 'S25', kpdCode: '62.20.42', unitCode: 'HUR' }], dueDate: '2027-01-15' },
      META,
    );
    expect(issued.ok).toBe(true);
    const [role] = await portal.sql<{ super: boolean }>('select rolsuper as super from pg_roles where rolname = current_user');
    const before = await fingerprint(url);
    expect(Number(before.invoices!.split(':')[0])).toBeGreaterThanOrEqual(1);
    expect(Number(before.quotes!.split(':')[0])).toBeGreaterThanOrEqual(1);

    const folder = mkdtempSync(join(tmpdir(), 'portal-backup-'));
    folders.push(folder);
    const manifest = await backupDatabase(url, join(folder, 'b1'));
    expect(manifest.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['invoices', 'users', 'client_accounts', 'mail_messages', 'schema_migrations']));
    // Parents load before the rows that point at them.
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('client_accounts'));
    expect(order.indexOf('client_accounts')).toBeLessThan(order.indexOf('invoices'));
    await expect(backupDatabase(url, join(folder, 'b1'))).rejects.toThrow(/not empty/u);

    await givenOwner(portal.services, { email: `later-${Date.now()}@firma.hr` });
    expect(await fingerprint(url)).not.toEqual(before);
    await portal.close();

    await restoreDatabase(url, join(folder, 'b1'));
    expect(await fingerprint(url)).toEqual(before);
    // The guard of issued invoices is back on.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await expect(client.query(`update invoices set gross_cents = 1`)).rejects.toThrow();
    } finally {
      await client.end();
    }
    expect(role!.super).toBe(false);
  });
});
