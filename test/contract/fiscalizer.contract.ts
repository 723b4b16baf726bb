import { describe, expect, it } from 'vitest';
import { ServiceUnavailable, type Fiscalizer } from '../../application/ports/fiscalizer.js';
import type { FiscalBill } from '../../domain/fiscal/fiscal-bill.js';

export interface FiscalizerProbe {
  readonly fiscalizer: Fiscalizer;
  readonly companyOib: string;
  /** The service stops answering, and comes back. */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

export const bill = (oib: string, overrides: Partial<FiscalBill> = {}): FiscalBill => ({
  oib,
  vatRegistered: true,
  issuedAt: '01.12.2026T10:15:30',
  sequenceMark: 'N',
  number: { sequence: '17', premises: 'WEB1', device: '1' },
  vat: [{ rate: '25.00', base: '100.00', amount: '25.00' }],
  exempt: null,
  total: '125.00',
  paymentMethod: 'T',
  operatorOib: '69435151530',
  securityCode: 'e4d909c290d0fb1ca068ffaddf22cbd0',
  subsequent: false,
  ...overrides,
});

/** Fiscalization of consumers' invoices: the ZKI, a JIR for a good request, the service's refusal, an outage. */
export function describeFiscalizerContract(name: string, make: () => Promise<FiscalizerProbe>) {
  describe(`Fiscalizer: ${name}`, () => {
    it('makes the ZKI: 32 lower-case hex digits, the same for the same invoice, another for another total', async () => {
      const probe = await make();
      const input = { oib: probe.companyOib, issuedAt: '01.12.2026 10:15:30', sequence: '17', premises: 'WEB1', device: '1', total: '125.00' };
      const code = probe.fiscalizer.securityCode(input);
      expect(code).toMatch(/^[a-f0-9]{32}$/u);
      expect(probe.fiscalizer.securityCode(input)).toBe(code);
      expect(probe.fiscalizer.securityCode({ ...input, total: '125.01' })).not.toBe(code);
      await probe.close();
    });

    it('fiscalizes an invoice and answers its JIR; a credit note (negative amounts) and a subsequent delivery too', async () => {
      const probe = await make();
      const first = await probe.fiscalizer.fiscalize(bill(probe.companyOib));
      expect(first).toMatchObject({ kind: 'fiscalized', jir: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u) });
      const storno = await probe.fiscalizer.fiscalize(bill(probe.companyOib, { number: { sequence: '18', premises: 'WEB1', device: '1' }, vat: [{ rate: '25.00', base: '-100.00', amount: '-25.00' }], total: '-125.00', subsequent: true }));
      expect(storno.kind).toBe('fiscalized');
      if (first.kind === 'fiscalized' && storno.kind === 'fiscalized') expect(storno.jir).not.toBe(first.jir);
      await probe.close();
    });

    it("refuses an invoice of another OIB than the certificate's with s005", async () => {
      const probe = await make();
      const outcome = await probe.fiscalizer.fiscalize(bill('69435151530'));
      expect(outcome).toMatchObject({ kind: 'refused', errors: [{ code: 's005' }] });
      await probe.close();
    });

    it('says the service is unavailable when it does not answer, and fiscalizes again once it does', async () => {
      const probe = await make();
      await probe.setDown(true);
      await expect(probe.fiscalizer.fiscalize(bill(probe.companyOib))).rejects.toBeInstanceOf(ServiceUnavailable);
      await probe.setDown(false);
      expect((await probe.fiscalizer.fiscalize(bill(probe.companyOib, { subsequent: true }))).kind).toBe('fiscalized');
      await probe.close();
    });
  });
}
