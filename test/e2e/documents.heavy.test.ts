import { BinaryBitmap, DecodeHintType, HybridBinarizer, PDF417Reader, RGBLuminanceSource } from '@zxing/library';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfKitDocumentRenderer } from '../../adapters/pdf/pdfkit-document-renderer.js';
import { InMemoryDocumentRenderer } from '../../adapters/in-memory/in-memory-document-renderer.js';
import { fromLatin2Bytes, hub3Payload } from '../../domain/billing/hub3.js';
import { Invoice, type InvoiceLine } from '../../domain/billing/invoice.js';
import { referenceFor } from '../../domain/billing/payment-reference.js';
import { SETTINGS } from '../support/in-memory-portal.js';

const poppler = existsSync('/usr/bin/pdftoppm') || process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'portal-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seller = SETTINGS.billing.seller;
const buyer = { name: 'Čokolada Šimić d.o.o.', oib: '69435151530', street: 'Žitnjak 3', postalCode: '10000', city: 'Zagreb', country: 'HR' };
const line = (over: Partial<InvoiceLine>): InvoiceLine => ({ description: 'x', unitPriceCents: 100, quantity: 1, vatRatePercent: 25, vatCategory: 'S', exemption: null, kpdCode: '63.10.12', unitCode: 'ANN', periodStart: null, periodEnd: null, ...over });
const invoice = Invoice.issue({
  id: '00000000-0000-4000-8000-0000000000aa',
  sequence: 17,
  premises: 'WEB1',
  device: '1',
  accountId: '00000000-0000-4000-8000-0000000000bb',
  process: 'P1',
  operator: { name: 'Iva Operaterka', oib: '69435151530' },
  now: new Date('2026-11-25T13:05:00Z'),
  dueDate: '2026-12-10',
  seller,
  buyer,
  lines: [
    line({ description: 'Web hosting Business — čokolada.hr (12 mj.)', unitPriceCents: 14400, periodStart: '2026-11-25', periodEnd: '2027-11-24' }),
    line({ description: 'Domena .hr — čokolada.hr (12 mj.)', unitPriceCents: 1990, kpdCode: '63.10.13', periodStart: '2026-11-25', periodEnd: '2027-11-24' }),
  ],
  paymentReference: referenceFor('invoice', 2026, 17),
});

describe('document renderers', () => {
  it('both produce a PDF naming the document', async () => {
    for (const renderer of [new PdfKitDocumentRenderer(), new InMemoryDocumentRenderer()]) {
      const bytes = await renderer.invoicePdf(invoice, SETTINGS.billing);
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    }
  });
});

describe.skipIf(!poppler)('invoice PDF, read back with independent tools', () => {
  it('prints Croatian letters and the art. 79 content', async () => {
    const file = join(dir, 'racun.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(invoice, SETTINGS.billing));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['RAČUN br. 17/WEB1/1', 'Čokolada Šimić d.o.o.', 'Žitnjak 3', 'OIB 69435151530', 'OIB 12345678903', 'PDV ID HR12345678903', '25. 11. 2026. 14:05', 'Datum isporuke: 25. 11. 2026.', 'Dospijeće: 10. 12. 2026.', 'Način plaćanja: transakcijski račun', 'Operater: Iva Operaterka (OIB 69435151530)', 'KPD 63.10.12', 'razdoblje 25. 11. 2026. – 24. 11. 2027.', 'god.', 'PDV 25 % na 163,90 €', '40,98 €', '204,88 €', 'HR1210010051863000160', 'HR00 2-2026-17']) {
      expect(text, expected).toContain(expected);
    }
  });

  it('carries a HUB-3 PDF417 barcode that an independent decoder reads field by field', async () => {
    const file = join(dir, 'barkod.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(invoice, SETTINGS.billing));
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const luminance = new Uint8ClampedArray(png.width * png.height);
    for (let i = 0; i < luminance.length; i += 1) luminance[i] = (png.data[i * 4]! * 299 + png.data[i * 4 + 1]! * 587 + png.data[i * 4 + 2]! * 114) / 1000;
    const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
    const result = new PDF417Reader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height))), hints);
    const decoded = fromLatin2Bytes(Uint8Array.from([...result.getText()].map((ch) => ch.charCodeAt(0))));
    const fields = decoded.split('\n');
    expect(fields.slice(0, 14)).toEqual([
      'HRVHUB30',
      'EUR',
      '000000000020488',
      'Čokolada Šimić d.o.o.',
      'Žitnjak 3',
      '10000 Zagreb',
      'Hosting Prodavatelj d.o.o', // 25 characters is the most HUB-3 allows for the payee
      'Radnička cesta 80',
      '10000 Zagreb',
      'HR1210010051863000160',
      'HR00',
      '2-2026-17',
      'OTHR',
      'Račun 17/WEB1/1',
    ]);
    expect(decoded).toBe(hub3Payload({ amountCents: 20488, payer: { name: 'Čokolada Šimić d.o.o.', street: 'Žitnjak 3', place: '10000 Zagreb' }, payee: { name: 'Hosting Prodavatelj d.o.o.', street: 'Radnička cesta 80', place: '10000 Zagreb', iban: 'HR1210010051863000160' }, model: 'HR00', reference: '2-2026-17', purposeCode: 'OTHR', description: 'Račun 17/WEB1/1' }));
  });

  it('keeps the barcode of the whole amount whatever has been paid: paid status lives on the page, not in the document', async () => {
    const paid = Object.assign(Object.create(Invoice.prototype) as Invoice, invoice, { paidCents: invoice.grossCents });
    const file = join(dir, 'placen.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(paid, SETTINGS.billing));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Model i poziv na broj: HR00 2-2026-17');
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(4); // header, the barcode and its mask
  });

  it('gives every column header its own room: no header word runs into the next column', async () => {
    const file = join(dir, 'zaglavlje.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(invoice, SETTINGS.billing));
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/gu)].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! }));
    const opis = words.find((w) => w.text === 'Opis')!;
    const header = words.filter((w) => w.y0 < opis.y1 + 12 && w.y1 > opis.y0 - 1).sort((a, b) => a.x0 - b.x0);
    expect(header.map((w) => w.text).join(' ')).toMatch(/Opis Kol\. Jed\. Cijena.*PDV-a.*PDV.*Iznos/u);
    const cijena = header.filter((w) => ['Cijena', 'bez', 'PDV-a'].includes(w.text) && w.x0 < header.find((h) => h.text === 'Iznos')!.x0);
    const pdv = header.find((w) => w.text === 'PDV')!;
    for (const w of cijena) expect(w.x1, `"${w.text}" ends before the VAT column`).toBeLessThan(pdv.x0);
    for (let i = 1; i < header.length; i += 1) {
      const [a, b] = [header[i - 1]!, header[i]!];
      const sameLine = Math.abs(a.y0 - b.y0) < 2;
      if (sameLine) expect(a.x1, `${a.text} / ${b.text}`).toBeLessThanOrEqual(b.x0);
    }
  });

  it('prints the legal reason where no VAT is charged, never "PDV 0 %"', async () => {
    const exempt = Invoice.issue({ ...issueInput(), lines: [line({ description: 'Tečaj', unitPriceCents: 5000, vatRatePercent: 0, vatCategory: 'E', exemption: { code: null, text: 'Oslobođeno PDV-a prema čl. 39. st. 1. Zakona o PDV-u' }, kpdCode: '85.59.02', unitCode: 'HUR' })] });
    const file = join(dir, 'oslobodeno.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(exempt, SETTINGS.billing));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/gu, ' ');
    expect(text).toContain('Oslobođeno PDV-a prema čl. 39. st. 1. Zakona o PDV-u');
    expect(text).toContain('Oslobođeno PDV-a (osnovica 50,00 €)');
    expect(text).not.toMatch(/PDV 0 %/u);
  });

  it('labels a credit note and names the invoice it corrects with its date', async () => {
    const credit = Invoice.issue({ ...issueInput(), kind: 'credit_note', sequence: 18, process: 'P9', corrects: { id: invoice.id, reference: invoice.reference() }, now: new Date('2026-11-30T10:00:00Z'), dueDate: '2026-11-30', lines: invoice.creditLines(), paymentReference: referenceFor('invoice', 2026, 18) });
    const file = join(dir, 'odobrenje.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(credit, SETTINGS.billing));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('ODOBRENJE br. 18/WEB1/1');
    expect(text).toContain('Odnosi se na račun: 17/WEB1/1 od 25. 11. 2026.');
    expect(text).not.toContain('Model i poziv na broj');
    expect(text).toContain('IBAN HR1210010051863000160');
    expect(text).toContain('Način plaćanja: transakcijski račun');
  });
});

function issueInput() {
  return { id: '00000000-0000-4000-8000-0000000000cc', sequence: 19, premises: 'WEB1', device: '1', accountId: invoice.accountId, process: 'P1' as const, operator: invoice.operator!, now: new Date('2026-11-26T10:00:00Z'), dueDate: '2026-12-11', seller, buyer, lines: invoice.lines, paymentReference: referenceFor('invoice', 2026, 19) };
}
