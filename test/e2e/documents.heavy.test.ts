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
import { Invoice } from '../../domain/billing/invoice.js';
import { referenceFor } from '../../domain/billing/payment-reference.js';
import { SETTINGS } from '../support/in-memory-portal.js';

const poppler = existsSync('/usr/bin/pdftoppm') || process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'portal-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const invoice = Invoice.issue({
  id: '00000000-0000-4000-8000-0000000000aa',
  year: 2026,
  sequence: 17,
  premises: 'WEB1',
  device: '1',
  accountId: '00000000-0000-4000-8000-0000000000bb',
  now: new Date('2026-11-25T13:05:00Z'),
  deliveryDate: new Date('2026-11-25T13:05:00Z'),
  dueDate: new Date('2026-12-10T13:05:00Z'),
  seller: SETTINGS.billing.seller,
  buyer: { name: 'Čokolada Šimić d.o.o.', oib: '69435151530', street: 'Žitnjak 3', postalCode: '10000', city: 'Zagreb', country: 'HR' },
  lines: [
    { description: 'Web hosting Business — čokolada.hr (12 mj.)', unitPriceCents: 14400, quantity: 1, vatRatePercent: 25 },
    { description: 'Domena .hr — čokolada.hr (12 mj.)', unitPriceCents: 1990, quantity: 1, vatRatePercent: 25 },
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
    for (const expected of ['RAČUN br. 17/WEB1/1', 'Čokolada Šimić d.o.o.', 'Žitnjak 3', 'OIB 69435151530', 'OIB 12345678903', '25. 11. 2026. 14:05', 'Datum isporuke', 'Dospijeće: 10. 12. 2026.', 'PDV 25 % na 163,90 €', '40,98 €', '204,88 €', 'HR1210010051863000160', 'HR00 2-2026-17']) {
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

  it('prints no barcode once the invoice is paid', async () => {
    const paid = Object.assign(Object.create(Invoice.prototype) as Invoice, invoice, { paidCents: invoice.grossCents });
    const file = join(dir, 'placen.pdf');
    writeFileSync(file, await new PdfKitDocumentRenderer().invoicePdf(paid, SETTINGS.billing));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).not.toContain('Model i poziv na broj');
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
  });
});
