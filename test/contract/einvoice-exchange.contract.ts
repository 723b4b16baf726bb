import { describe, expect, it } from 'vitest';
import type { EInvoiceExchange } from '../../application/ports/einvoice-exchange.js';
import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';

export interface ExchangeProbe {
  readonly exchange: EInvoiceExchange;
  /** A valid eRačun of the company with this number. */
  ubl(number: string): Uint8Array;
  /** The buyer rejects the document. */
  reject(documentId: string, reason: string): Promise<void>;
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

/** The eRačun intermediary: a document sent once per number, delivered, rejected with its reason, an outage. */
export function describeEInvoiceExchangeContract(name: string, make: () => Promise<ExchangeProbe>) {
  describe(`EInvoiceExchange: ${name}`, () => {
    it('accepts an eRačun, finds it again by number and year, and tells when the buyer has it', async () => {
      const probe = await make();
      const sent = await probe.exchange.send({ number: '1/WEB1/1', year: 2025, ubl: probe.ubl('1/WEB1/1') });
      if (sent.kind !== 'accepted') throw new Error(`refused: ${JSON.stringify(sent)}`);
      expect(sent.number).toBe('1/WEB1/1');
      expect(['processing', 'sent']).toContain(sent.status);
      expect(await probe.exchange.findSent('1/WEB1/1', 2025)).toMatchObject({ documentId: sent.documentId });
      expect(await probe.exchange.findSent('2/WEB1/1', 2025)).toBeNull();
      expect(await probe.exchange.status(sent.documentId)).toMatchObject({ documentId: sent.documentId, status: 'delivered' });
      await probe.close();
    });

    it('refuses the same number twice in a year, and a file that is not an eRačun, saying why', async () => {
      const probe = await make();
      expect((await probe.exchange.send({ number: '5/WEB1/1', year: 2025, ubl: probe.ubl('5/WEB1/1') })).kind).toBe('accepted');
      const again = await probe.exchange.send({ number: '5/WEB1/1', year: 2025, ubl: probe.ubl('5/WEB1/1') });
      expect(again).toMatchObject({ kind: 'refused', errors: [{ message: expect.stringContaining('5/WEB1/1') }] });
      const junk = await probe.exchange.send({ number: '6/WEB1/1', year: 2025, ubl: new TextEncoder().encode('<html>not an invoice</html>') });
      expect(junk.kind).toBe('refused');
      await probe.close();
    });

    it("lists a buyer's rejection with its reason, since the time asked", async () => {
      const probe = await make();
      const before = new Date(Date.now() - 60_000);
      const sent = await probe.exchange.send({ number: '7/WEB1/1', year: 2025, ubl: probe.ubl('7/WEB1/1') });
      if (sent.kind !== 'accepted') throw new Error('refused');
      expect(await probe.exchange.rejections(before)).toEqual([]);
      await probe.reject(sent.documentId, 'Pogrešan iznos');
      expect(await probe.exchange.rejections(before)).toEqual([expect.objectContaining({ documentId: sent.documentId, number: '7/WEB1/1', reason: 'Pogrešan iznos' })]);
      expect(await probe.exchange.rejections(new Date(Date.now() + 3_600_000))).toEqual([]);
      await probe.close();
    });

    it('says the intermediary is unavailable when it does not answer', async () => {
      const probe = await make();
      await probe.setDown(true);
      await expect(probe.exchange.send({ number: '8/WEB1/1', year: 2025, ubl: probe.ubl('8/WEB1/1') })).rejects.toBeInstanceOf(ServiceUnavailable);
      await probe.setDown(false);
      expect((await probe.exchange.send({ number: '8/WEB1/1', year: 2025, ubl: probe.ubl('8/WEB1/1') })).kind).toBe('accepted');
      await probe.close();
    });
  });
}
