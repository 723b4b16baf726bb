import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueInvoice } from '../../application/billing/issue-invoice.js';
import { COUNT_CAP } from '../../application/ports/back-office-reads.js';
import { PostgresBackOfficeReads } from '../../adapters/mikro-orm/postgres-back-office-reads.js';
import { PostgresPortalReads } from '../../adapters/mikro-orm/postgres-portal-reads.js';
import type { SqlReader } from '../../adapters/mikro-orm/sql-reader.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';
import { explainGeneric, flatten, type PlanNode } from '../support/query-plans.js';
import { GENERIC_PLANS } from '../../adapters/mikro-orm/orm.js';
import pg from 'pg';

const HISTORY = 20_000;

let portal: PostgresPortal;
let generic: pg.Client;
let accountId: string;

/**
 * A client with years of history: 20 000 paid invoices, accepted quotes, closed tickets and payments, and only the
 * newest few still open. Each filtered list must find those few from an index, not by walking the history. And a
 * queue of 20 000 waiting orders, which must not be counted to the end on every visit.
 */
beforeAll(async () => {
  portal = await postgresPortal({ workers: false });
  const { account, user } = await givenOwner(portal.services);
  const staff = await givenStaff(portal.services, ['billing']);
  accountId = account.id;
  const issue = { lines: [{ description: 'Hosting', unitPriceCents: 1000, quantity: 1, vatRatePercent: 25, vatCategory: 'S' as const, exemption: null, kpdCode: '63.10.12', unitCode: 'ANN' as const, periodStart: null, periodEnd: null }], process: 'P1' as const, operator: { name: 'Ana', oib: '69435151530' } };
  const invoice = await portal.services.uow.run((scope) => issueInvoice(scope, portal.services, { account, ...issue }));
  const copy = async (table: string, replaced: Record<string, string>, where: string) => {
    const columns = (await portal.sql<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`, [table])).map((c) => c.column_name);
    await portal.sql(`insert into ${table} (${columns.join(', ')}) select ${columns.map((c) => replaced[c] ?? `t.${c}`).join(', ')} from generate_series(1, $1::int) g, (select * from ${table} t where ${where} limit 1) t`, [HISTORY]);
  };
  // The old ones: paid, accepted, closed; issued before the one real invoice.
  await copy('invoices', { id: 'gen_random_uuid()', number: `'H-' || g`, sequence: '100000 + g', premises: `'H'`, quote_id: 'null', corrects_invoice_id: 'null', issued_at: `t.issued_at - (g || ' hours')::interval`, paid_cents: 't.gross_cents', payment_reference: `jsonb_set(t.payment_reference, '{number}', to_jsonb('H' || g))` }, `t.id = '${invoice.id}'`);
  await portal.sql(`insert into tickets (id, account_id, number, subject, department, priority, status, opened_by_user_id, created_at, last_activity_at)
    select gen_random_uuid(), $2, 'T-H-' || g, 'Staro pitanje ' || g, 'technical', 'normal', case when g <= 3 then 'open' else 'closed' end, $3, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
    from generate_series(1, $1::int) g`, [HISTORY, accountId, user.id]);
  await portal.sql(`insert into quotes (id, number, account_id, order_id, lines, net_cents, vat_cents, gross_cents, status, issued_at, valid_until, payment_reference)
    select gen_random_uuid(), 'P-H-' || g, $2, null, '[]', 1000, 250, 1250, case when g <= 3 then 'open' else 'accepted' end, now() - (g || ' hours')::interval, now() + interval '10 days', jsonb_build_object('model', 'HR00', 'number', 'PH' || g)
    from generate_series(1, $1::int) g`, [HISTORY, accountId]);
  await portal.sql(`insert into payments (id, bank_transaction_id, amount_cents, received_on, reference, payer_name, invoice_id, recorded_by_staff_id, recorded_at)
    select gen_random_uuid(), 'H-' || g, 100, now() - (g || ' hours')::interval, 'x', 'Platitelj', case when g <= 3 then $2::uuid end, $3, now()
    from generate_series(1, $1::int) g`, [HISTORY, invoice.id, staff.id]);
  // A busy queue: 20 000 orders waiting for staff.
  await portal.sql(`insert into orders (id, number, account_id, placed_by_user_id, source, status, lines, created_at)
    select gen_random_uuid(), 'N-H-' || g, $2, $3, 'portal', 'pending', '[]', now() - (g || ' minutes')::interval
    from generate_series(1, $1::int) g`, [HISTORY, accountId, user.id]);
  await portal.sql('analyze');
  generic = new pg.Client({ connectionString: portal.databaseUrl, options: GENERIC_PLANS });
  await generic.connect();
}, 180_000);

afterAll(async () => {
  await generic?.end();
  await portal?.close();
});

/**
 * Runs a read model's statements as it sends them, and keeps each one's plan as PostgreSQL carries it out in
 * production: the generic plan of a prepared statement (see readsPoolOf).
 */
function explaining(): { reader: SqlReader; plans: PlanNode[] } {
  const plans: PlanNode[] = [];
  const reader: SqlReader = async <T,>(_name: string, sql: string, params: readonly unknown[]) => {
    plans.push(await explainGeneric(generic, sql, params));
    return portal.sql<T & Record<string, unknown>>(sql, [...params]) as Promise<T[]>;
  };
  return { reader, plans };
}

/** The rows PostgreSQL read from a table, in every node of the plan (what an index or a filter had to walk). */
const rowsRead = (plan: PlanNode, table: string) =>
  flatten(plan)
    .filter((n) => n['Relation Name'] === table)
    .reduce((sum, n) => sum + ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1), 0);

describe(`filtered lists of a client with ${HISTORY} old rows (PostgreSQL)`, () => {
  it('finds the one unpaid invoice, the open quotes and the open tickets without walking the history', async () => {
    const { reader, plans } = explaining();
    const reads = new PostgresPortalReads(reader);
    expect((await reads.invoices(accountId, 'unpaid', { limit: 25 })).items).toHaveLength(1);
    expect((await reads.quotes(accountId, 'open', { limit: 25 })).items).toHaveLength(3);
    expect((await reads.tickets(accountId, 'open', { limit: 25 }, null)).items).toHaveLength(3);
    const [invoices, quotes, tickets] = plans;
    expect(rowsRead(invoices!, 'invoices')).toBeLessThan(50);
    expect(rowsRead(quotes!, 'quotes')).toBeLessThan(50);
    expect(rowsRead(tickets!, 'tickets')).toBeLessThan(50);
  });

  it('counts a long order queue only up to the cap, as the staff home does', async () => {
    const { reader, plans } = explaining();
    const queue = await new PostgresBackOfficeReads(reader).orderQueue({ limit: 25 });
    expect([queue.page.items.length, queue.count]).toEqual([25, COUNT_CAP + 1]);
    expect(rowsRead(plans[0]!, 'orders')).toBeLessThan(COUNT_CAP + 200);
  });

  it('shows the client view from a few rows of each part, whatever the history', async () => {
    const { reader, plans } = explaining();
    const picture = await new PostgresBackOfficeReads(reader).clientPicture(accountId, { section: 50, recent: 20 }, 'summary');
    expect(picture?.unpaidInvoices).toHaveLength(1);
    const [plan] = plans;
    // Each part reads its page (50 or 20 rows) and no more: 20 000 of anything would show here.
    for (const table of ['invoices', 'quotes', 'tickets', 'payments']) expect(rowsRead(plan!, table), table).toBeLessThan(200);
  });
});
