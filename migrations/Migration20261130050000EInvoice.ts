import { Migration } from '@mikro-orm/migrations';

/**
 * eRačun: what every invoice line and party must now carry (KPD 2025 code, unit, VAT category and reason, service
 * period, buyer classification, operator), dates kept as dates, and the archive of issued documents.
 */
export class Migration20261130050000EInvoice extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table products add column kpd_code text null, add column unit_code text null;
      update products set kpd_code = case when kind = 'hosting' then '63.10.12' else '63.10.13' end,
        unit_code = case period_months when 12 then 'ANN' when 1 then 'MON' else 'C62' end;
      alter table products alter column kpd_code set not null, alter column unit_code set not null;

      alter table staff_members add column oib char(11) null;

      alter table client_accounts
        add column buyer_class text not null default 'vat_business'
          check (buyer_class in ('vat_business', 'non_vat_business', 'public_body', 'consumer', 'foreign_eu', 'foreign_non_eu')),
        add column vat_number text null;
      update client_accounts set buyer_class = 'consumer' where entity_type = 'person';
      alter table client_accounts alter column buyer_class drop default;

      -- Due and delivery dates were instants (a due date typed by staff was stored as 22:59:59Z and printed a day
      -- late in summer). They become Zagreb days; two hours back recovers the intended day of either kind of row.
      alter table invoices
        alter column delivery_date type date using ((delivery_date at time zone 'Europe/Zagreb') - interval '2 hours')::date,
        alter column due_date type date using ((due_date at time zone 'Europe/Zagreb') - interval '2 hours')::date,
        add column process text not null default 'P1' check (process in ('P1', 'P2', 'P9')),
        add column operator jsonb null,
        add column corrects jsonb null;
      alter table invoices alter column process drop default;

      -- Lines and VAT groups issued before this release get the fields they lacked (category from the rate, no KPD
      -- code, unit "one"). This is the only change ever made to issued rows, so the guard is lifted for it alone.
      alter table invoices disable trigger invoices_immutable;
      update invoices set
        lines = (select jsonb_agg(l || jsonb_build_object('vatCategory', case when (l->>'vatRatePercent')::int > 0 then 'S' else 'Z' end,
                   'exemption', null, 'kpdCode', null, 'unitCode', 'C62', 'periodStart', null, 'periodEnd', null) order by n)
                 from jsonb_array_elements(lines) with ordinality as t(l, n)),
        vat_groups = (select jsonb_agg(g || jsonb_build_object('category', case when (g->>'ratePercent')::int > 0 then 'S' else 'Z' end, 'exemption', null) order by n)
                 from jsonb_array_elements(vat_groups) with ordinality as t(g, n));
      alter table invoices enable trigger invoices_immutable;

      -- The documents as issued: the PDF and the eRačun (UBL 2.1), each stored once with its SHA-256 and never
      -- changed; downloads serve these bytes.
      create table invoice_documents (
        invoice_id uuid not null references invoices (id),
        kind text not null check (kind in ('pdf', 'ubl')),
        media_type text not null,
        bytes bytea not null,
        sha256 char(64) not null,
        stored_at timestamptz not null,
        primary key (invoice_id, kind),
        constraint invoice_documents_sha256_matches check (sha256 = encode(sha256(bytes), 'hex'))
      );
      create function invoice_documents_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'archived document of invoice % cannot be changed or deleted', old.invoice_id;
      end $$;
      create trigger invoice_documents_immutable before update or delete on invoice_documents for each row execute function invoice_documents_immutable();
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table invoice_documents;
      drop function invoice_documents_immutable();
      alter table invoices drop column process, drop column operator, drop column corrects;
      alter table client_accounts drop column buyer_class, drop column vat_number;
      alter table staff_members drop column oib;
      alter table products drop column kpd_code, drop column unit_code;
    `);
  }
}
