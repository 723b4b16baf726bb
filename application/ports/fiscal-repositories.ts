import type { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import type { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import type { PaymentReport } from '../../domain/fiscal/payment-report.js';
import type { Page, PageRequest } from './repositories.js';

export interface FiscalRecordRepository {
  add(record: FiscalRecord): Promise<void>;
  findByInvoice(invoiceId: string): Promise<FiscalRecord | null>;
  findByInvoices(invoiceIds: readonly string[]): Promise<FiscalRecord[]>;
  /** Moves a pending (or failed) record, or one whose claim is older than `staleBefore`, to sending; null otherwise. */
  claim(invoiceId: string, now: Date, staleBefore: Date): Promise<FiscalRecord | null>;
  save(record: FiscalRecord): Promise<void>;
  /** Records still without a JIR, oldest first (the staff queue). */
  listWaiting(page: PageRequest): Promise<Page<FiscalRecord>>;
  countWaiting(): Promise<number>;
}

export interface DispatchRepository {
  add(dispatch: EInvoiceDispatch): Promise<void>;
  findByInvoice(invoiceId: string): Promise<EInvoiceDispatch | null>;
  findByInvoices(invoiceIds: readonly string[]): Promise<EInvoiceDispatch[]>;
  findByDocument(intermediary: string, documentId: string): Promise<EInvoiceDispatch | null>;
  claim(invoiceId: string, now: Date, staleBefore: Date): Promise<EInvoiceDispatch | null>;
  save(dispatch: EInvoiceDispatch): Promise<void>;
  /** Sent and not yet delivered or rejected, least recently checked first. */
  listOpen(limit: number): Promise<EInvoiceDispatch[]>;
  /** Rejected or refused, with no credit note for the invoice yet: the staff's tasks, oldest first. */
  listNeedingAction(page: PageRequest): Promise<Page<EInvoiceDispatch>>;
  countNeedingAction(): Promise<number>;
}

export interface PaymentReportRepository {
  add(report: PaymentReport): Promise<void>;
  findByPayment(paymentId: string): Promise<PaymentReport | null>;
  listForInvoice(invoiceId: string): Promise<PaymentReport[]>;
  claim(paymentId: string, now: Date, staleBefore: Date): Promise<PaymentReport | null>;
  save(report: PaymentReport): Promise<void>;
  /** Not accepted yet, oldest first. */
  listWaiting(page: PageRequest): Promise<Page<PaymentReport>>;
}

export interface StatementImport {
  readonly id: string;
  readonly statementId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly credits: number;
  readonly booked: number;
  readonly duplicates: number;
  readonly unmatched: number;
  readonly importedByStaffId: string;
  readonly importedAt: Date;
}

export interface StatementImportRepository {
  add(entry: StatementImport): Promise<void>;
  list(page: PageRequest): Promise<Page<StatementImport>>;
}
