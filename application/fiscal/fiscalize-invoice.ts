import { fiscalBillOf } from '../../domain/fiscal/fiscal-bill.js';
import { FISCAL_CLAIM_STALE_MS, type FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import { archiveDocuments } from '../billing/issue-invoice.js';
import { ServiceUnavailable } from '../ports/fiscalizer.js';
import type { Services } from '../shared/services.js';

export type FiscalizeResult = 'fiscalized' | 'nothing';

/**
 * The job of B2C fiscalization: sends a consumer's invoice to the Tax Administration until a JIR comes. The record is
 * claimed first (two runs never send it at once) and a record with its JIR is never sent again. After the first
 * answer, or the first failure to get one, the PDF is archived as the buyer gets it: with the JIR, or with the ZKI
 * alone; every later attempt is a subsequent delivery (NakDost).
 */
export class FiscalizeInvoice {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer'>) {}

  async execute(invoiceId: string): Promise<FiscalizeResult> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.uow.run(async (scope) => {
      const record = await scope.fiscal.claim(invoiceId, now, new Date(now.getTime() - FISCAL_CLAIM_STALE_MS));
      if (!record) return null;
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice) throw new Error(`fiscal record of a missing invoice ${invoiceId}`);
      return { record, invoice };
    });
    if (!claimed) {
      const record = await this.deps.uow.run((scope) => scope.fiscal.findByInvoice(invoiceId));
      if (record?.status === 'sending') throw new Error(`invoice ${invoiceId} is being fiscalized by another worker`);
      return 'nothing';
    }
    const { record, invoice } = claimed;
    const settle = (change: (r: FiscalRecord) => void) =>
      this.deps.uow.run(async (scope) => {
        change(record);
        await scope.fiscal.save(record);
        await archiveDocuments(scope, this.deps, invoice, this.deps.clock.now(), { pdf: true, ubl: false });
      });
    try {
      const outcome = await this.deps.fiscalizer.fiscalize(fiscalBillOf(invoice, { vatRegistered: true, securityCode: record.securityCode, subsequent: record.issuedWithoutJir }));
      if (outcome.kind === 'fiscalized') {
        await settle((r) => Object.assign(r, { status: 'fiscalized', jir: outcome.jir, lastError: null, claimedAt: null, fiscalizedAt: this.deps.clock.now() }));
        return 'fiscalized';
      }
      const reason = outcome.errors.map((e) => `${e.code} ${e.message}`).join('; ').slice(0, 1000);
      await settle((r) => Object.assign(r, { status: 'failed', lastError: reason, claimedAt: null, issuedWithoutJir: true }));
      // A refused request (a certificate to renew, a bug to fix) is still owed: tried again, and shown to staff.
      throw new Error(`fiscalization refused: ${reason}`);
    } catch (error) {
      if (error instanceof ServiceUnavailable) await settle((r) => Object.assign(r, { status: 'pending', lastError: error.message.slice(0, 1000), claimedAt: null, issuedWithoutJir: true }));
      throw error;
    }
  }
}
