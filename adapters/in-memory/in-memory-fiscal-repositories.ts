import type { DispatchRepository, FiscalRecordRepository, PaymentReportRepository, StatementImport, StatementImportRepository } from '../../application/ports/fiscal-repositories.js';
import type { Page, PageRequest } from '../../application/ports/repositories.js';
import type { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import type { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import type { PaymentReport } from '../../domain/fiscal/payment-report.js';
import { copy } from './copy.js';
import { decodeCursor, encodeCursor, pageDescending } from './keyset.js';
import type { InMemoryStore } from './in-memory-store.js';

/** Keyset over (time asc, id asc): work queues, oldest first, with the cursor format of the PostgreSQL adapters. */
function pageAscending<T>(items: readonly T[], key: (item: T) => { at: Date; id: string }, request: PageRequest): Page<T> {
  const after = decodeCursor(request.after);
  const cmp = (a: { at: Date; id: string }, b: { at: Date; id: string }) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const rest = [...items].sort((a, b) => cmp(key(a), key(b))).filter((item) => !after || cmp(key(item), after) > 0);
  const pageItems = rest.slice(0, request.limit);
  const last = pageItems[pageItems.length - 1];
  return { items: pageItems, next: rest.length > request.limit && last ? encodeCursor(key(last).at, key(last).id) : null };
}

const claimable = (status: string, claimedAt: Date | null, staleBefore: Date, open: readonly string[]) =>
  open.includes(status) || (status === 'sending' && (claimedAt === null || claimedAt.getTime() < staleBefore.getTime()));

export class InMemoryFiscalRecordRepository implements FiscalRecordRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(record: FiscalRecord): Promise<void> {
    if (this.store.fiscalRecords.has(record.invoiceId)) throw new Error('invoice already has a fiscal record');
    this.store.fiscalRecords.set(record.invoiceId, copy(record));
  }
  async findByInvoice(invoiceId: string): Promise<FiscalRecord | null> {
    const found = this.store.fiscalRecords.get(invoiceId);
    return found ? copy(found) : null;
  }
  async findByInvoices(invoiceIds: readonly string[]): Promise<FiscalRecord[]> {
    return invoiceIds.map((id) => this.store.fiscalRecords.get(id)).filter((r): r is FiscalRecord => !!r).map(copy);
  }
  async claim(invoiceId: string, now: Date, staleBefore: Date): Promise<FiscalRecord | null> {
    const found = this.store.fiscalRecords.get(invoiceId);
    if (!found || !claimable(found.status, found.claimedAt, staleBefore, ['pending', 'failed'])) return null;
    const claimed = copy(found);
    claimed.status = 'sending';
    claimed.claimedAt = now;
    claimed.attempts += 1;
    this.store.fiscalRecords.set(invoiceId, copy(claimed));
    return claimed;
  }
  async save(record: FiscalRecord): Promise<void> {
    this.store.fiscalRecords.set(record.invoiceId, copy(record));
  }
  async listWaiting(request: PageRequest): Promise<Page<FiscalRecord>> {
    const waiting = [...this.store.fiscalRecords.values()].filter((r) => r.status !== 'fiscalized');
    const found = pageAscending(waiting, (r) => ({ at: r.createdAt, id: r.invoiceId }), request);
    return { items: found.items.map(copy), next: found.next };
  }
  async countWaiting(): Promise<number> {
    return [...this.store.fiscalRecords.values()].filter((r) => r.status !== 'fiscalized').length;
  }
}

export class InMemoryDispatchRepository implements DispatchRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(dispatch: EInvoiceDispatch): Promise<void> {
    if (this.store.dispatches.has(dispatch.invoiceId)) throw new Error('invoice already dispatched');
    this.store.dispatches.set(dispatch.invoiceId, copy(dispatch));
  }
  async findByInvoice(invoiceId: string): Promise<EInvoiceDispatch | null> {
    const found = this.store.dispatches.get(invoiceId);
    return found ? copy(found) : null;
  }
  async findByInvoices(invoiceIds: readonly string[]): Promise<EInvoiceDispatch[]> {
    return invoiceIds.map((id) => this.store.dispatches.get(id)).filter((d): d is EInvoiceDispatch => !!d).map(copy);
  }
  async findByDocument(intermediary: string, documentId: string): Promise<EInvoiceDispatch | null> {
    const found = [...this.store.dispatches.values()].find((d) => d.intermediary === intermediary && d.documentId === documentId);
    return found ? copy(found) : null;
  }
  async claim(invoiceId: string, now: Date, staleBefore: Date): Promise<EInvoiceDispatch | null> {
    const found = this.store.dispatches.get(invoiceId);
    if (!found || !claimable(found.status, found.claimedAt, staleBefore, ['queued'])) return null;
    const claimed = copy(found);
    claimed.status = 'sending';
    claimed.claimedAt = now;
    claimed.attempts += 1;
    claimed.updatedAt = now;
    this.store.dispatches.set(invoiceId, copy(claimed));
    return claimed;
  }
  async save(dispatch: EInvoiceDispatch): Promise<void> {
    this.store.dispatches.set(dispatch.invoiceId, copy(dispatch));
  }
  async listOpen(limit: number): Promise<EInvoiceDispatch[]> {
    return [...this.store.dispatches.values()]
      .filter((d) => d.status === 'sent')
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
  private needingAction(): EInvoiceDispatch[] {
    const credited = new Set([...this.store.invoices.values()].filter((i) => i.correctsInvoiceId).map((i) => i.correctsInvoiceId));
    return [...this.store.dispatches.values()].filter((d) => (d.status === 'rejected' || d.status === 'refused' || d.status === 'undeliverable') && !credited.has(d.invoiceId));
  }
  async listNeedingAction(request: PageRequest): Promise<Page<EInvoiceDispatch>> {
    const found = pageAscending(this.needingAction(), (d) => ({ at: d.updatedAt, id: d.invoiceId }), request);
    return { items: found.items.map(copy), next: found.next };
  }
  async countNeedingAction(): Promise<number> {
    return this.needingAction().length;
  }
}

export class InMemoryPaymentReportRepository implements PaymentReportRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(report: PaymentReport): Promise<void> {
    if (this.store.paymentReports.has(report.paymentId)) throw new Error('payment already reported');
    this.store.paymentReports.set(report.paymentId, copy(report));
  }
  async findByPayment(paymentId: string): Promise<PaymentReport | null> {
    const found = this.store.paymentReports.get(paymentId);
    return found ? copy(found) : null;
  }
  async listForInvoice(invoiceId: string): Promise<PaymentReport[]> {
    return [...this.store.paymentReports.values()].filter((r) => r.invoiceId === invoiceId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(copy);
  }
  async claim(paymentId: string, now: Date, staleBefore: Date): Promise<PaymentReport | null> {
    const found = this.store.paymentReports.get(paymentId);
    if (!found || !claimable(found.status, found.claimedAt, staleBefore, ['pending', 'refused'])) return null;
    const claimed = copy(found);
    claimed.status = 'sending';
    claimed.claimedAt = now;
    claimed.attempts += 1;
    this.store.paymentReports.set(paymentId, copy(claimed));
    return claimed;
  }
  async save(report: PaymentReport): Promise<void> {
    this.store.paymentReports.set(report.paymentId, copy(report));
  }
  async listWaiting(request: PageRequest): Promise<Page<PaymentReport>> {
    const waiting = [...this.store.paymentReports.values()].filter((r) => r.status !== 'accepted');
    const found = pageAscending(waiting, (r) => ({ at: r.createdAt, id: r.paymentId }), request);
    return { items: found.items.map(copy), next: found.next };
  }
}

export class InMemoryStatementImportRepository implements StatementImportRepository {
  constructor(private readonly store: InMemoryStore) {}
  async add(entry: StatementImport): Promise<void> {
    this.store.statementImports.push({ ...entry });
  }
  async list(request: PageRequest): Promise<Page<StatementImport>> {
    return pageDescending(this.store.statementImports, (s) => ({ at: s.importedAt, id: s.id }), request);
  }
}
