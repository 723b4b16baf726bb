import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import { verificationUrl } from '../../domain/fiscal/fiscal-bill.js';
import type { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import type { PaymentReport } from '../../domain/fiscal/payment-report.js';
import { Conflict, fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/** How an invoice went out: its fiscalization (ZKI, JIR, the verification link) and its eRačun's journey. */
export interface InvoiceDelivery {
  readonly fiscal: (Pick<FiscalRecord, 'securityCode' | 'jir' | 'status' | 'attempts' | 'lastError' | 'fiscalizedAt'> & { readonly verificationUrl: string }) | null;
  readonly einvoice: Pick<EInvoiceDispatch, 'status' | 'intermediary' | 'documentId' | 'rejectionReason' | 'lastError' | 'sentAt' | 'deliveredAt' | 'rejectedAt'> | null;
}

/** The staff's view adds the payment reports (eIzvještavanje) and their answers. */
export interface StaffInvoiceDelivery extends InvoiceDelivery {
  readonly reports: readonly PaymentReport[];
}

export interface QueueItem<T> {
  readonly item: T;
  readonly invoice: Invoice | null;
}

function deliveryOf(invoice: Invoice, record: FiscalRecord | null, dispatch: EInvoiceDispatch | null): InvoiceDelivery {
  return {
    fiscal: record ? { securityCode: record.securityCode, jir: record.jir, status: record.status, attempts: record.attempts, lastError: record.lastError, fiscalizedAt: record.fiscalizedAt, verificationUrl: verificationUrl(invoice, { jir: record.jir, zki: record.securityCode }) } : null,
    einvoice: dispatch ? { status: dispatch.status, intermediary: dispatch.intermediary, documentId: dispatch.documentId, rejectionReason: dispatch.rejectionReason, lastError: dispatch.lastError, sentAt: dispatch.sentAt, deliveredAt: dispatch.deliveredAt, rejectedAt: dispatch.rejectedAt } : null,
  };
}

/**
 * Where each invoice stands with the Tax Administration and the intermediary: for the client (under the invoices
 * right), and for billing staff with their queues — consumers' invoices still without a JIR, eRačuni rejected or
 * refused and not yet answered with a credit note — and a "try again now" for them.
 */
export class InvoiceDeliveries {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  async forClient(actor: Actor, accountId: string, invoiceId: string): Promise<Result<InvoiceDelivery, DomainFailure>> {
    if (!can(actor, { type: 'invoices.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice || invoice.accountId !== accountId) return fail(new NotFound('not_found'));
      return ok(deliveryOf(invoice, await scope.fiscal.findByInvoice(invoiceId), await scope.dispatches.findByInvoice(invoiceId)));
    });
  }

  async forStaff(actor: Actor, invoiceId: string): Promise<Result<StaffInvoiceDelivery, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice) return fail(new NotFound('not_found'));
      return ok({ ...deliveryOf(invoice, await scope.fiscal.findByInvoice(invoiceId), await scope.dispatches.findByInvoice(invoiceId)), reports: await scope.paymentReports.listForInvoice(invoiceId) });
    });
  }

  mayWork(actor: Actor): boolean {
    return can(actor, { type: 'staff.billing' }).allowed;
  }

  async counts(actor: Actor): Promise<{ waitingFiscal: number; needingAction: number } | null> {
    if (!this.mayWork(actor)) return null;
    return this.deps.uow.read(async (scope) => ({ waitingFiscal: await scope.fiscal.countWaiting(), needingAction: await scope.dispatches.countNeedingAction() }));
  }

  async waitingFiscalization(actor: Actor, after: string | null): Promise<Result<Page<QueueItem<FiscalRecord>>, DomainFailure>> {
    if (!this.mayWork(actor)) return fail(new Forbidden('forbidden'));
    return ok(
      await this.deps.uow.read(async (scope) => {
        const page = await scope.fiscal.listWaiting({ after, limit: 50 });
        const invoices = await this.invoicesOf(scope, page.items.map((r) => r.invoiceId));
        return { items: page.items.map((item) => ({ item, invoice: invoices.get(item.invoiceId) ?? null })), next: page.next };
      }),
    );
  }

  async needingAction(actor: Actor, after: string | null): Promise<Result<Page<QueueItem<EInvoiceDispatch>>, DomainFailure>> {
    if (!this.mayWork(actor)) return fail(new Forbidden('forbidden'));
    return ok(
      await this.deps.uow.run(async (scope) => {
        const page = await scope.dispatches.listNeedingAction({ after, limit: 50 });
        const invoices = await this.invoicesOf(scope, page.items.map((d) => d.invoiceId));
        return { items: page.items.map((item) => ({ item, invoice: invoices.get(item.invoiceId) ?? null })), next: page.next };
      }),
    );
  }

  /** Sends again now what still waits: a fiscalization without a JIR, or an eRačun the intermediary refused. */
  async retry(actor: Actor, invoiceId: string, meta: RequestMeta): Promise<Result<'fiscal' | 'einvoice', DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice) return fail(new NotFound('not_found'));
      const record = await scope.fiscal.findByInvoice(invoiceId);
      const dispatch = await scope.dispatches.findByInvoice(invoiceId);
      let what: 'fiscal' | 'einvoice';
      if (record && record.status !== 'fiscalized' && record.status !== 'sending') {
        await scope.jobs.enqueue('fiscal.invoice', { invoiceId });
        what = 'fiscal';
      } else if (dispatch && (dispatch.status === 'refused' || dispatch.status === 'queued')) {
        Object.assign(dispatch, { status: 'queued', updatedAt: this.deps.clock.now() });
        await scope.dispatches.save(dispatch);
        await scope.jobs.enqueue('einvoice.send', { invoiceId });
        what = 'einvoice';
      } else return fail(new Conflict('delivery.nothing_to_retry'));
      await audit(scope, this.deps, meta, { action: 'staff.delivery_retried', actorKind: 'staff', actorId: actor.staffId, accountId: invoice.accountId, details: { invoice: invoice.number, what } });
      return ok(what);
    });
  }

  private async invoicesOf(scope: Parameters<Parameters<Services['uow']['run']>[0]>[0], ids: readonly string[]): Promise<Map<string, Invoice>> {
    return new Map((await scope.invoices.listByIds([...new Set(ids)])).map((i) => [i.id, i]));
  }
}
