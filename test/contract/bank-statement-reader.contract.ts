import { describe, expect, it } from 'vitest';
import type { BankStatementReader } from '../../application/ports/bank-statement-reader.js';
import { camtStatement } from '../support/fiscal/camt.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Reading bank statements: every shape banks send, and a bad file refused with its line and element. */
export function describeBankStatementReaderContract(name: string, make: () => BankStatementReader) {
  describe(`BankStatementReader: ${name}`, () => {
    it('reads a structured reference (Strd/CdtrRefInf/Ref) and skips debits and entries not booked', () => {
      const read = make().read(bytes(camtStatement({ credits: [{ id: 'ZABA-001', amount: '125.00', reference: 'HR00 2-2026-17', payer: 'Ivo Ivić' }], extras: true })));
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value).toMatchObject({ statementId: 'STMT-1', iban: 'HR1210010051863000160', skipped: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/u) });
      expect(read.value.credits).toEqual([expect.objectContaining({ bankTransactionId: 'ZABA-001', amountCents: 12_500, bookedOn: '2026-11-30', reference: 'HR00 2-2026-17', payerName: 'Ivo Ivić' })]);
    });

    it('finds the reference in unstructured text (Ustrd) of another bank and version, and keeps exact cents', () => {
      const read = make().read(bytes(camtStatement({ version: '08', credits: [{ id: 'PBZ/2026/77', amount: '1234.5', text: 'Uplata po racunu HR00 2-2026-18, hvala', payer: 'Firma d.o.o.' }, { id: 'PBZ/2026/78', amount: '0.10', text: 'placam 1-2026-4' }] })));
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.credits.map((c) => [c.bankTransactionId, c.amountCents, c.reference, c.payerName])).toEqual([
        ['PBZ/2026/77', 123_450, 'HR00 2-2026-18', 'Firma d.o.o.'],
        ['PBZ/2026/78', 10, '1-2026-4', 'Kupac'],
      ]);
    });

    it('books each transaction of a batch entry on its own', () => {
      const read = make().read(bytes(camtStatement({ credits: [], batch: { id: 'BATCH-9', credits: [{ id: 'B-1', amount: '10.00', reference: 'HR00 2-2026-1' }, { id: 'B-2', amount: '20.50', reference: 'HR00 2-2026-2' }] } })));
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.credits.map((c) => [c.bankTransactionId, c.amountCents])).toEqual([
        ['B-1', 1000],
        ['B-2', 2050],
      ]);
    });

    it('refuses a file that is not well-formed, naming the line', () => {
      const text = camtStatement({ credits: [{ id: 'X-1', amount: '1.00' }] }).replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CRDT</CdtDbInd>');
      const read = make().read(bytes(text));
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.error.line).toBe(text.split('\n').findIndex((l) => l.includes('</CdtDbInd>')) + 1);
        expect(read.error.message).toMatch(/not well-formed/u);
      }
    });

    it('refuses an entry without an amount, in another currency, or without a bank reference, naming the element and line', () => {
      const reader = make();
      const noAmount = camtStatement({ credits: [{ id: 'X-1', amount: '1.00' }] }).replace(/<Amt Ccy="EUR">1\.00<\/Amt>/u, '');
      expect(reader.read(bytes(noAmount))).toMatchObject({ ok: false, error: { element: 'Stmt[1]/Ntry[1]/Amt', message: expect.stringMatching(/no amount/u), line: expect.any(Number) } });
      expect(reader.read(bytes(camtStatement({ credits: [{ id: 'X-1', amount: '1.00', currency: 'USD' }] })))).toMatchObject({ ok: false, error: { element: 'Stmt[1]/Ntry[1]/Amt', message: expect.stringContaining('USD') } });
      expect(reader.read(bytes(camtStatement({ credits: [{ id: 'X-1', amount: '1,00' }] })))).toMatchObject({ ok: false, error: { element: 'Stmt[1]/Ntry[1]/Amt' } });
      const noRef = camtStatement({ credits: [{ id: 'X-1', amount: '1.00' }] }).replaceAll('<AcctSvcrRef>X-1</AcctSvcrRef>', '');
      expect(reader.read(bytes(noRef))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no bank reference/u) } });
      expect(reader.read(bytes('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a camt.053/u) } });
      expect(reader.read(bytes('<!DOCTYPE x [<!ENTITY a "b">]><Document/>'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/DOCTYPE/u) } });
    });

    it('refuses elements nested deeper than any statement, before parsing them', () => {
      const reader = make();
      const deep = camtStatement({ credits: [{ id: 'X-1', amount: '1.00' }] }).replace('<AcctSvcrRef>X-1</AcctSvcrRef>', `<AcctSvcrRef>X-1</AcctSvcrRef>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`);
      expect(reader.read(bytes(deep))).toMatchObject({ ok: false, error: { element: 'Document', message: expect.stringMatching(/nest deeper than 64/u) } });
      const wide = camtStatement({ credits: [{ id: 'X-1', amount: '1.00' }] }).replace('<AcctSvcrRef>X-1</AcctSvcrRef>', `<AcctSvcrRef>X-1</AcctSvcrRef>${'<a x="b>c"/><!-- <c> --><![CDATA[<d>]]>'.repeat(1000)}`);
      expect(reader.read(bytes(wide))).toMatchObject({ ok: true });
    });
  });
}
