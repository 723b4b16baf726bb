import type { DispatchRepository, FiscalRecordRepository, PaymentReportRepository, StatementImport, StatementImportRepository } from '../../application/ports/fiscal-repositories.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import { EInvoiceDispatch, type DispatchStatus } from '../../domain/fiscal/einvoice-dispatch.js';
import { FiscalRecord, type FiscalStatus } from '../../domain/fiscal/fiscal-record.js';
import { PaymentReport, type ReportStatus } from '../../domain/fiscal/payment-report.js';
import { decodeCursor, encodeCursor } from '../in-memory/keyset.js';
import { execute, type Em } from './orm.js';

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Keyset page over (time, id) ascending: `where` already filters; the cursor continues after the last row. */
async function pageAscending<T>(em: Em, sql: { select: string; where: string; at: string; id: string }, params: unknown[], request: PageRequest, map: (row: Row) => T): Promise<Page<T>> {
  const after = decodeCursor(request.after);
  const values = [...params];
  let where = sql.where;
  if (after) {
    values.push(after.at, after.id);
    where += ` and (${sql.at}, ${sql.id}) > ($${values.length - 1}, $${values.length})`;
  }
  values.push(request.limit + 1);
  const rows = await execute<Row>(em, `${sql.select} where ${where} order by ${sql.at}, ${sql.id} limit $${values.length}`, values);
  const items = rows.slice(0, request.limit);
  const last = items[items.length - 1];
  return { items: items.map(map), next: rows.length > request.limit && last ? encodeCursor(new Date(last.page_at as string), String(last.page_id)) : null };
}

const fiscalOf = (row: Row): FiscalRecord =>
  Object.assign(new FiscalRecord(), {
    invoiceId: String(row.invoice_id),
    securityCode: String(row.security_code).trim(),
    jir: text(row.jir),
    status: row.status as FiscalStatus,
    attempts: Number(row.attempts),
    lastError: text(row.last_error),
    issuedWithoutJir: Boolean(row.issued_without_jir),
    createdAt: new Date(row.created_at as string),
    claimedAt: date(row.claimed_at),
    fiscalizedAt: date(row.fiscalized_at),
  });

const FISCAL = 'select *, created_at as page_at, invoice_id as page_id from fiscal_records';

export class PostgresFiscalRecordRepository implements FiscalRecordRepository {
  constructor(private readonly em: Em) {}
  async add(r: FiscalRecord): Promise<void> {
    await this.em.flush();
    await execute(this.em, 'insert into fiscal_records (invoice_id, security_code, jir, status, attempts, last_error, issued_without_jir, created_at, claimed_at, fiscalized_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
      r.invoiceId, r.securityCode, r.jir, r.status, r.attempts, r.lastError, r.issuedWithoutJir, r.createdAt, r.claimedAt, r.fiscalizedAt,
    ]);
  }
  async findByInvoice(invoiceId: string): Promise<FiscalRecord | null> {
    const [row] = await execute<Row>(this.em, 'select * from fiscal_records where invoice_id = $1', [invoiceId]);
    return row ? fiscalOf(row) : null;
  }
  async findByInvoices(invoiceIds: readonly string[]): Promise<FiscalRecord[]> {
    if (invoiceIds.length === 0) return [];
    return (await execute<Row>(this.em, 'select * from fiscal_records where invoice_id = any($1::uuid[])', [[...invoiceIds]])).map(fiscalOf);
  }
  async claim(invoiceId: string, now: Date, staleBefore: Date): Promise<FiscalRecord | null> {
    const [row] = await execute<Row>(
      this.em,
      `update fiscal_records set status = 'sending', claimed_at = $2, attempts = attempts + 1
       where invoice_id = $1 and (status in ('pending', 'failed') or (status = 'sending' and (claimed_at is null or claimed_at < $3)))
       returning *`,
      [invoiceId, now, staleBefore],
    );
    return row ? fiscalOf(row) : null;
  }
  async save(r: FiscalRecord): Promise<void> {
    await execute(this.em, 'update fiscal_records set jir = $2, status = $3, attempts = $4, last_error = $5, issued_without_jir = $6, claimed_at = $7, fiscalized_at = $8 where invoice_id = $1', [
      r.invoiceId, r.jir, r.status, r.attempts, r.lastError, r.issuedWithoutJir, r.claimedAt, r.fiscalizedAt,
    ]);
  }
  async listWaiting(request: PageRequest): Promise<Page<FiscalRecord>> {
    return pageAscending(this.em, { select: FISCAL, where: `status <> 'fiscalized'`, at: 'created_at', id: 'invoice_id' }, [], request, fiscalOf);
  }
  async countWaiting(): Promise<number> {
    const [row] = await execute<{ n: string }>(this.em, `select count(*) as n from fiscal_records where status <> 'fiscalized'`);
    return Number(row?.n ?? 0);
  }
}

const dispatchOf = (row: Row): EInvoiceDispatch =>
  Object.assign(new EInvoiceDispatch(), {
    invoiceId: String(row.invoice_id),
    intermediary: String(row.intermediary),
    status: row.status as DispatchStatus,
    documentId: text(row.document_id),
    attempts: Number(row.attempts),
    lastError: text(row.last_error),
    rejectionReason: text(row.rejection_reason),
    createdAt: new Date(row.created_at as string),
    claimedAt: date(row.claimed_at),
    sentAt: date(row.sent_at),
    deliveredAt: date(row.delivered_at),
    rejectedAt: date(row.rejected_at),
    updatedAt: new Date(row.updated_at as string),
  });

const NEEDING_ACTION = `status in ('rejected', 'refused', 'undeliverable') and not exists (select 1 from invoices c where c.corrects_invoice_id = d.invoice_id)`;

export class PostgresDispatchRepository implements DispatchRepository {
  constructor(private readonly em: Em) {}
  async add(d: EInvoiceDispatch): Promise<void> {
    await this.em.flush();
    await execute(this.em, 'insert into einvoice_dispatches (invoice_id, intermediary, status, document_id, attempts, last_error, rejection_reason, created_at, claimed_at, sent_at, delivered_at, rejected_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)', [
      d.invoiceId, d.intermediary, d.status, d.documentId, d.attempts, d.lastError, d.rejectionReason, d.createdAt, d.claimedAt, d.sentAt, d.deliveredAt, d.rejectedAt, d.updatedAt,
    ]);
  }
  async findByInvoice(invoiceId: string): Promise<EInvoiceDispatch | null> {
    const [row] = await execute<Row>(this.em, 'select * from einvoice_dispatches where invoice_id = $1', [invoiceId]);
    return row ? dispatchOf(row) : null;
  }
  async findByInvoices(invoiceIds: readonly string[]): Promise<EInvoiceDispatch[]> {
    if (invoiceIds.length === 0) return [];
    return (await execute<Row>(this.em, 'select * from einvoice_dispatches where invoice_id = any($1::uuid[])', [[...invoiceIds]])).map(dispatchOf);
  }
  async findByDocument(intermediary: string, documentId: string): Promise<EInvoiceDispatch | null> {
    const [row] = await execute<Row>(this.em, 'select * from einvoice_dispatches where intermediary = $1 and document_id = $2', [intermediary, documentId]);
    return row ? dispatchOf(row) : null;
  }
  async claim(invoiceId: string, now: Date, staleBefore: Date): Promise<EInvoiceDispatch | null> {
    const [row] = await execute<Row>(
      this.em,
      `update einvoice_dispatches set status = 'sending', claimed_at = $2, attempts = attempts + 1, updated_at = $2
       where invoice_id = $1 and (status = 'queued' or (status = 'sending' and (claimed_at is null or claimed_at < $3)))
       returning *`,
      [invoiceId, now, staleBefore],
    );
    return row ? dispatchOf(row) : null;
  }
  async save(d: EInvoiceDispatch): Promise<void> {
    await execute(this.em, 'update einvoice_dispatches set status = $2, document_id = $3, attempts = $4, last_error = $5, rejection_reason = $6, claimed_at = $7, sent_at = $8, delivered_at = $9, rejected_at = $10, updated_at = $11 where invoice_id = $1', [
      d.invoiceId, d.status, d.documentId, d.attempts, d.lastError, d.rejectionReason, d.claimedAt, d.sentAt, d.deliveredAt, d.rejectedAt, d.updatedAt,
    ]);
  }
  async listOpen(limit: number): Promise<EInvoiceDispatch[]> {
    return (await execute<Row>(this.em, `select * from einvoice_dispatches where status = 'sent' order by updated_at, invoice_id limit $1`, [limit])).map(dispatchOf);
  }
  async listNeedingAction(request: PageRequest): Promise<Page<EInvoiceDispatch>> {
    return pageAscending(this.em, { select: 'select d.*, d.updated_at as page_at, d.invoice_id as page_id from einvoice_dispatches d', where: NEEDING_ACTION, at: 'd.updated_at', id: 'd.invoice_id' }, [], request, dispatchOf);
  }
  async countNeedingAction(): Promise<number> {
    const [row] = await execute<{ n: string }>(this.em, `select count(*) as n from einvoice_dispatches d where ${NEEDING_ACTION}`);
    return Number(row?.n ?? 0);
  }
}

const reportOf = (row: Row): PaymentReport =>
  Object.assign(new PaymentReport(), {
    paymentId: String(row.payment_id),
    invoiceId: String(row.invoice_id),
    amountCents: Number(row.amount_cents),
    paidOn: typeof row.paid_on === 'string' ? row.paid_on : (row.paid_on as Date).toISOString().slice(0, 10),
    status: row.status as ReportStatus,
    attempts: Number(row.attempts),
    lastError: text(row.last_error),
    requestId: text(row.request_id),
    answer: text(row.answer),
    createdAt: new Date(row.created_at as string),
    claimedAt: date(row.claimed_at),
    reportedAt: date(row.reported_at),
  });

const REPORT = `select payment_id, invoice_id, amount_cents, to_char(paid_on, 'YYYY-MM-DD') as paid_on, status, attempts, last_error, request_id, answer, created_at, claimed_at, reported_at, created_at as page_at, payment_id as page_id from payment_reports`;

export class PostgresPaymentReportRepository implements PaymentReportRepository {
  constructor(private readonly em: Em) {}
  async add(r: PaymentReport): Promise<void> {
    await this.em.flush();
    await execute(this.em, 'insert into payment_reports (payment_id, invoice_id, amount_cents, paid_on, status, attempts, last_error, request_id, answer, created_at, claimed_at, reported_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
      r.paymentId, r.invoiceId, r.amountCents, r.paidOn, r.status, r.attempts, r.lastError, r.requestId, r.answer, r.createdAt, r.claimedAt, r.reportedAt,
    ]);
  }
  async findByPayment(paymentId: string): Promise<PaymentReport | null> {
    const [row] = await execute<Row>(this.em, `${REPORT} where payment_id = $1`, [paymentId]);
    return row ? reportOf(row) : null;
  }
  async listForInvoice(invoiceId: string): Promise<PaymentReport[]> {
    return (await execute<Row>(this.em, `${REPORT} where invoice_id = $1 order by created_at, payment_id limit 200`, [invoiceId])).map(reportOf);
  }
  async claim(paymentId: string, now: Date, staleBefore: Date): Promise<PaymentReport | null> {
    const [row] = await execute<{ payment_id: string }>(
      this.em,
      `update payment_reports set status = 'sending', claimed_at = $2, attempts = attempts + 1
       where payment_id = $1 and (status in ('pending', 'refused') or (status = 'sending' and (claimed_at is null or claimed_at < $3)))
       returning payment_id`,
      [paymentId, now, staleBefore],
    );
    return row ? this.findByPayment(row.payment_id) : null;
  }
  async save(r: PaymentReport): Promise<void> {
    await execute(this.em, 'update payment_reports set status = $2, attempts = $3, last_error = $4, request_id = $5, answer = $6, claimed_at = $7, reported_at = $8 where payment_id = $1', [
      r.paymentId, r.status, r.attempts, r.lastError, r.requestId, r.answer, r.claimedAt, r.reportedAt,
    ]);
  }
  async listWaiting(request: PageRequest): Promise<Page<PaymentReport>> {
    return pageAscending(this.em, { select: REPORT, where: `status <> 'accepted'`, at: 'created_at', id: 'payment_id' }, [], request, reportOf);
  }
}

export class PostgresStatementImportRepository implements StatementImportRepository {
  constructor(private readonly em: Em) {}
  async add(s: StatementImport): Promise<void> {
    await execute(this.em, 'insert into bank_statement_imports (id, statement_id, sha256, file_name, credits, booked, duplicates, unmatched, imported_by_staff_id, imported_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
      s.id, s.statementId, s.sha256, s.fileName, s.credits, s.booked, s.duplicates, s.unmatched, s.importedByStaffId, s.importedAt,
    ]);
  }
  async list(request: PageRequest): Promise<Page<StatementImport>> {
    const after = decodeCursor(request.after);
    const values: unknown[] = [];
    let where = '';
    if (after) {
      values.push(after.at, after.id);
      where = 'where (imported_at, id) < ($1, $2)';
    }
    values.push(request.limit + 1);
    const rows = await execute<Row>(this.em, `select * from bank_statement_imports ${where} order by imported_at desc, id desc limit $${values.length}`, values);
    const items: StatementImport[] = rows.slice(0, request.limit).map((r) => ({
      id: String(r.id),
      statementId: String(r.statement_id),
      sha256: String(r.sha256).trim(),
      fileName: String(r.file_name),
      credits: Number(r.credits),
      booked: Number(r.booked),
      duplicates: Number(r.duplicates),
      unmatched: Number(r.unmatched),
      importedByStaffId: String(r.imported_by_staff_id),
      importedAt: new Date(r.imported_at as string),
    }));
    const last = items[items.length - 1];
    return { items, next: rows.length > request.limit && last ? encodeCursor(last.importedAt, last.id) : null };
  }
}
