import { describe, expect, it } from 'vitest';
import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';
import type { CollectedPayment, PaymentReporter } from '../../application/ports/payment-reporter.js';

export interface ReporterProbe {
  readonly reporter: PaymentReporter;
  readonly companyOib: string;
  /** The eRačun the payment is for is known to the Tax Administration (the intermediary fiscalized it). */
  knowInvoice(payment: CollectedPayment): Promise<void>;
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

const payment = (sellerOib: string, overrides: Partial<CollectedPayment> = {}): CollectedPayment => ({
  invoiceNumber: '17/WEB1/1',
  issueDate: '2026-12-01',
  sellerOib,
  buyerOib: '69435151530',
  paidOn: '2026-12-05',
  amountCents: 12_500,
  method: 'T',
  ...overrides,
});

/** eIzvještavanje of payments: accepted with the answer kept, the service's refusals, an outage. */
export function describePaymentReporterContract(name: string, make: () => Promise<ReporterProbe>) {
  describe(`PaymentReporter: ${name}`, () => {
    it('reports a collected payment of an eRačun and keeps the answer', async () => {
      const probe = await make();
      const collected = payment(probe.companyOib);
      await probe.knowInvoice(collected);
      const outcome = await probe.reporter.reportPayment(collected);
      expect(outcome).toMatchObject({ kind: 'accepted', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/u), answer: expect.stringContaining('EvidentirajNaplatuOdgovor') });
      await probe.close();
    });

    it('refuses a payment of an invoice another company issued (S006) and a malformed OIB (S007)', async () => {
      const probe = await make();
      expect(await probe.reporter.reportPayment(payment('69435151530'))).toMatchObject({ kind: 'refused', errors: [{ code: 'S006' }] });
      expect(await probe.reporter.reportPayment(payment('12345678900'))).toMatchObject({ kind: 'refused', errors: [{ code: 'S007' }] });
      await probe.close();
    });

    it('says the service is unavailable when it does not answer', async () => {
      const probe = await make();
      const collected = payment(probe.companyOib);
      await probe.knowInvoice(collected);
      await probe.setDown(true);
      await expect(probe.reporter.reportPayment(collected)).rejects.toBeInstanceOf(ServiceUnavailable);
      await probe.setDown(false);
      expect((await probe.reporter.reportPayment(collected)).kind).toBe('accepted');
      await probe.close();
    });
  });
}
