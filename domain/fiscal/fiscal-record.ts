/**
 * The fiscalization of one invoice to a consumer. The ZKI is fixed at issue; the JIR comes from the Tax
 * Administration, at once or by subsequent delivery (a job retries until it does). An invoice has one record, and a
 * record gets one JIR: a sender claims it first, and a fiscalized record is never sent again.
 */
export const FISCAL_STATUSES = ['pending', 'sending', 'fiscalized', 'failed'] as const;
export type FiscalStatus = (typeof FISCAL_STATUSES)[number];

/** A claim older than this belongs to a sender that died (the service answers in 2 s, we wait 20 s at most). */
export const FISCAL_CLAIM_STALE_MS = 2 * 60_000;

export class FiscalRecord {
  invoiceId!: string;
  securityCode!: string;
  jir!: string | null;
  status!: FiscalStatus;
  attempts!: number;
  lastError!: string | null;
  /** True once the invoice went to the buyer without a JIR: later requests are subsequent deliveries (NakDost). */
  issuedWithoutJir!: boolean;
  createdAt!: Date;
  claimedAt!: Date | null;
  fiscalizedAt!: Date | null;

  static open(input: { invoiceId: string; securityCode: string; now: Date }): FiscalRecord {
    const record = new FiscalRecord();
    Object.assign(record, { invoiceId: input.invoiceId, securityCode: input.securityCode, jir: null, status: 'pending', attempts: 0, lastError: null, issuedWithoutJir: false, createdAt: input.now, claimedAt: null, fiscalizedAt: null });
    return record;
  }

  isDone(): boolean {
    return this.status === 'fiscalized';
  }
}
