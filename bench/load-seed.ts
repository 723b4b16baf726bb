import type pg from 'pg';

/**
 * Fills the demo account up to a size, straight in SQL with generate_series (minutes, not hours, for a million rows):
 * `size` invoices, a tenth as many services, domains, tickets and mails, and a tenth as many other client accounts.
 * Rows are copies of the demo data's own (an invoice, a mail) with new ids, numbers and dates, so every page shows
 * what it would show in life.
 */
export async function seedTo(db: pg.Client, from: number, size: number, ids: { accountId: string; orderId: string; productId: string; ownerId: string }): Promise<void> {
  const more = size - from;
  if (more <= 0) return;
  const tenth = Math.max(1, Math.floor(size / 10)) - Math.max(0, Math.floor(from / 10));
  const offset = Math.floor(from / 10);
  const args = [ids.accountId, tenth, offset];
  await db.query(
    `insert into services (id, account_id, order_id, product_id, product_code, kind, name, domain_name, status, period_months, activated_at, expires_at, sealed_credentials)
     select gen_random_uuid(), $1, $4, $5, 'MAIL-BOX', 'mailbox', 'Poslovni e-mail sandučić', 'b' || ($3 + g) || '.hr', 'active', 12, now() - (($3 + g) || ' minutes')::interval, now() + interval '200 days', null
     from generate_series(1, $2::int) g`,
    [...args, ids.orderId, ids.productId],
  );
  await db.query(
    `insert into domains (id, account_id, order_id, name, status, period_months, registered_at, expires_at, nameservers)
     select gen_random_uuid(), $1, $4, 'bench-' || ($3 + g) || '.hr', 'active', 12, now() - (($3 + g) || ' minutes')::interval, now() + interval '200 days', array['ns1.bench']
     from generate_series(1, $2::int) g`,
    [...args, ids.orderId],
  );
  await db.query(
    `insert into tickets (id, account_id, number, subject, department, priority, status, opened_by_user_id, created_at, last_activity_at)
     select gen_random_uuid(), $1, 'T-B-' || ($3 + g), 'Pitanje ' || ($3 + g), 'technical', 'normal', 'open', $4, now() - (($3 + g) || ' minutes')::interval, now() - (($3 + g) || ' minutes')::interval
     from generate_series(1, $2::int) g`,
    [...args, ids.ownerId],
  );
  // Each other client has an owner of its own, as in life (the policy reads a person's accounts on every request).
  await copyRows(db, 'users', tenth, offset, {
    id: `md5('bench-owner-' || ($2 + g))::uuid`,
    email: `'owner-' || ($2 + g) || '@klijent.hr'`,
    password_hash: 'null',
    totp_sealed: 'null',
  }, [], `where t.id = '${ids.ownerId}'`);
  await copyRows(db, 'client_accounts', tenth, offset, {
    id: 'gen_random_uuid()',
    name: `'Klijent ' || ($2 + g) || ' d.o.o.'`,
    oib: `lpad((90000000000 + $2 + g)::text, 11, '0')`,
    email: `'k' || ($2 + g) || '@klijent.hr'`,
    owner_user_id: `md5('bench-owner-' || ($2 + g))::uuid`,
    created_at: `now() - (($2 + g) || ' seconds')::interval`,
  }, [], `where t.id = '${ids.accountId}'`);
  // Invoices and mails: copies of the demo's own rows, every column taken over but for the ones that must differ.
  await copyRows(db, 'invoices', more, from, {
    id: 'gen_random_uuid()',
    number: `(t.sequence + 1000000 + $2 + g) || '/B/1'`,
    sequence: 't.sequence + 1000000 + $2 + g',
    premises: `'B'`,
    device: `'1'`,
    account_id: '$3::uuid',
    quote_id: 'null',
    corrects_invoice_id: 'null',
    issued_at: `now() - (($2 + g) || ' seconds')::interval - interval '1 day'`,
    paid_cents: 'case when g % 3 = 0 then t.gross_cents else 0 end',
    payment_reference: `jsonb_set(t.payment_reference, '{number}', to_jsonb('B' || ($2 + g)))`,
  }, [ids.accountId]);
  // Quotes (one in three open), pending orders and recorded payments (half unmatched): the dashboard and the staff
  // queues show full pages at every size, as a busy company's do.
  await copyRows(db, 'quotes', tenth, offset, {
    id: 'gen_random_uuid()',
    number: `'P-B-' || ($2 + g)`,
    order_id: 'null',
    renewal_id: 'null',
    status: `case when g % 3 = 0 then 'open' else 'accepted' end`,
    issued_at: `now() - (($2 + g) || ' minutes')::interval - interval '1 day'`,
    payment_reference: `jsonb_set(t.payment_reference, '{number}', to_jsonb('Q' || ($2 + g)))`,
  }, [], `where t.account_id = '${ids.accountId}'`);
  await copyRows(db, 'orders', tenth, offset, {
    id: 'gen_random_uuid()',
    number: `'N-B-' || ($2 + g)`,
    status: `'pending'`,
    idempotency_key: 'null',
    decided_at: 'null',
    decided_by_staff_id: 'null',
    created_at: `now() - (($2 + g) || ' minutes')::interval - interval '1 day'`,
  }, [], `where t.id = '${ids.orderId}'`);
  await copyRows(db, 'payments', tenth, offset, {
    id: 'gen_random_uuid()',
    bank_transaction_id: `'SEED-' || ($2 + g)`,
    invoice_id: 'case when g % 2 = 0 then t.invoice_id end',
    recorded_at: `now() - (($2 + g) || ' minutes')::interval - interval '1 day'`,
  }, []);
  await copyRows(db, 'mail_messages', Math.max(1, tenth), offset, {
    id: 'gen_random_uuid()',
    account_id: '$3::uuid',
    created_at: `now() - (($2 + g) || ' seconds')::interval - interval '1 day'`,
  }, [ids.accountId], `where t.account_id is not null and not t.personal`);
}

/** `insert … select` of `count` copies of one row of `table`, the listed columns replaced by expressions ($2 = offset). */
async function copyRows(db: pg.Client, table: string, count: number, offset: number, replaced: Record<string, string>, extra: unknown[], filter = ''): Promise<void> {
  const { rows } = await db.query<{ column_name: string; is_generated: string }>(
    `select column_name, is_generated from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  const columns = rows.filter((r) => r.is_generated !== 'ALWAYS').map((r) => r.column_name);
  const present = Object.keys(replaced).filter((c) => columns.includes(c));
  const select = columns.map((c) => (present.includes(c) ? replaced[c] : `t.${c}`));
  await db.query(
    `insert into ${table} (${columns.join(', ')})
     select ${select.join(', ')} from generate_series(1, $1::int) g, (select * from ${table} t ${filter} limit 1) t`,
    [count, offset, ...extra],
  );
}
