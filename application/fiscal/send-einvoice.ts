import { DISPATCH_CLAIM_STALE_MS, type EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import { archivedFile } from '../billing/invoice-documents.js';
import type { ExchangeStatus } from '../ports/einvoice-exchange.js';
import { ServiceUnavailable } from '../ports/fiscalizer.js';
import type { Services } from '../shared/services.js';
import { audit } from '../shared/audit.js';

const SYSTEM = { clientAddress: 'job', userAgent: 'einvoice', locale: 'hr' as const };

const statusAfterSend = (status: ExchangeStatus): EInvoiceDispatch['status'] => (status === 'delivered' ? 'delivered' : status === 'undeliverable' ? 'undeliverable' : 'sent');

/**
 * The job that hands an eRačun to the intermediary, once: the dispatch is claimed first; a retry after an answer that
 * never came asks the intermediary for the number before sending again, so a document is never sent twice.
 */
export class SendEInvoice {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'settings' | 'documents' | 'einvoices' | 'exchange'>) {}

  async execute(invoiceId: string): Promise<'sent' | 'refused' | 'nothing'> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.uow.run(async (scope) => {
      const dispatch = await scope.dispatches.claim(invoiceId, now, new Date(now.getTime() - DISPATCH_CLAIM_STALE_MS));
      if (!dispatch) return null;
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice) throw new Error(`dispatch of a missing invoice ${invoiceId}`);
      return { dispatch, invoice, ubl: await archivedFile(scope, this.deps, invoice, 'ubl') };
    });
    if (!claimed) {
      const dispatch = await this.deps.uow.run((scope) => scope.dispatches.findByInvoice(invoiceId));
      if (dispatch?.status === 'sending') throw new Error(`eRačun ${invoiceId} is being sent by another worker`);
      return 'nothing';
    }
    const { dispatch, invoice, ubl } = claimed;
    const save = (change: (d: EInvoiceDispatch) => void) =>
      this.deps.uow.run(async (scope) => {
        change(dispatch);
        dispatch.updatedAt = this.deps.clock.now();
        await scope.dispatches.save(dispatch);
        // Payments booked before the eRačun left are reported now that the Tax Administration can know it.
        if (dispatch.documentId) for (const report of await scope.paymentReports.listForInvoice(dispatch.invoiceId)) if (report.status === 'pending') await scope.jobs.enqueue('einvoice.report_payment', { paymentId: report.paymentId });
      });
    try {
      const earlier = dispatch.attempts > 1 ? await this.deps.exchange.findSent(invoice.number, invoice.year) : null;
      const outcome = earlier ? ({ kind: 'accepted', ...earlier } as const) : await this.deps.exchange.send({ number: invoice.number, year: invoice.year, ubl: ubl.bytes });
      if (outcome.kind === 'accepted') {
        await save((d) => Object.assign(d, { status: statusAfterSend(outcome.status), documentId: outcome.documentId, lastError: null, claimedAt: null, sentAt: this.deps.clock.now(), deliveredAt: outcome.status === 'delivered' ? this.deps.clock.now() : null }));
        return 'sent';
      }
      const reason = outcome.errors.map((e) => `${e.code}: ${e.message}`).join('; ').slice(0, 1000);
      await this.deps.uow.run(async (scope) => {
        Object.assign(dispatch, { status: 'refused', lastError: reason, claimedAt: null, updatedAt: this.deps.clock.now() });
        await scope.dispatches.save(dispatch);
        await audit(scope, this.deps, SYSTEM, { action: 'einvoice.refused', actorKind: 'system', accountId: invoice.accountId, details: { invoice: invoice.number, reason: reason.slice(0, 300) } });
      });
      return 'refused';
    } catch (error) {
      if (error instanceof ServiceUnavailable) await save((d) => Object.assign(d, { status: 'queued', lastError: error.message.slice(0, 1000), claimedAt: null }));
      throw error;
    }
  }
}

/** How far back rejections are asked for: a buyer rejects within days; a month covers any outage of ours. */
const REJECTION_WINDOW_MS = 35 * 86_400_000;

/**
 * The periodic look at the intermediary: where sent eRačuni stand (delivered, undeliverable), and which buyers
 * rejected one — a rejection becomes a task in the staff's queue, answered with a credit note.
 */
export class PollEInvoices {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'exchange'>) {}

  async execute(): Promise<{ checked: number; delivered: number; rejected: number }> {
    const open = await this.deps.uow.run((scope) => scope.dispatches.listOpen(200));
    let delivered = 0;
    for (const dispatch of open) {
      const found = dispatch.documentId ? await this.deps.exchange.status(dispatch.documentId) : null;
      await this.deps.uow.run(async (scope) => {
        const now = this.deps.clock.now();
        if (found?.status === 'delivered') {
          delivered += 1;
          Object.assign(dispatch, { status: 'delivered', deliveredAt: now });
        } else if (found?.status === 'undeliverable') Object.assign(dispatch, { status: 'undeliverable', lastError: 'the intermediary could not deliver it' });
        dispatch.updatedAt = now;
        await scope.dispatches.save(dispatch);
      });
    }
    const rejections = await this.deps.exchange.rejections(new Date(this.deps.clock.now().getTime() - REJECTION_WINDOW_MS));
    let rejected = 0;
    for (const rejection of rejections) {
      await this.deps.uow.run(async (scope) => {
        const dispatch = await scope.dispatches.findByDocument(this.deps.exchange.name, rejection.documentId);
        if (!dispatch || dispatch.status === 'rejected') return;
        const now = this.deps.clock.now();
        Object.assign(dispatch, { status: 'rejected', rejectionReason: rejection.reason.slice(0, 1000) || '—', rejectedAt: rejection.at, updatedAt: now });
        await scope.dispatches.save(dispatch);
        const invoice = await scope.invoices.findById(dispatch.invoiceId);
        await audit(scope, this.deps, SYSTEM, { action: 'einvoice.rejected', actorKind: 'system', accountId: invoice?.accountId ?? null, details: { invoice: invoice?.number ?? null, reason: rejection.reason.slice(0, 300) } });
        rejected += 1;
      });
    }
    return { checked: open.length, delivered, rejected };
  }
}
