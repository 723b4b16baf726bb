import bwipjs from 'bwip-js';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { DocumentRenderer } from '../../application/ports/document-renderer.js';
import type { BillingSettings } from '../../application/shared/services.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { hub3Payload, toLatin2Bytes, type Hub3Slip } from '../../domain/billing/hub3.js';
import type { Invoice, Party } from '../../domain/billing/invoice.js';
import { formatEuro } from '../../domain/billing/money.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import type { Quote } from '../../domain/billing/quote.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const ZONE = 'Europe/Zagreb';
const parts = (at: Date, options: Intl.DateTimeFormatOptions) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, ...options }).formatToParts(at).map((p) => [p.type, p.value]));
const date = (at: Date) => {
  const p = parts(at, { day: 'numeric', month: 'numeric', year: 'numeric' });
  return `${Number(p.day)}. ${Number(p.month)}. ${p.year}.`;
};
const dateTime = (at: Date) => {
  const p = parts(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${date(at)} ${p.hour}:${p.minute}`;
};

interface Row {
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly vatRatePercent: number;
}

interface Printable {
  readonly title: string;
  readonly meta: ReadonlyArray<readonly [string, string]>;
  readonly seller: Party;
  readonly buyer: Party;
  readonly rows: readonly Row[];
  readonly vatGroups: ReadonlyArray<{ ratePercent: number; netCents: number; vatCents: number }>;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly payment: { iban: string; reference: string; slip: Hub3Slip } | null;
  readonly footer: string;
}

/** PDFs drawn with pdfkit in DejaVu Sans (every Croatian letter), with a HUB-3 PDF417 barcode from bwip-js. */
export class PdfKitDocumentRenderer implements DocumentRenderer {
  async invoicePdf(invoice: Invoice, billing: BillingSettings): Promise<Uint8Array> {
    const credit = invoice.kind === 'credit_note';
    const owed = invoice.grossCents - invoice.paidCents;
    return this.render({
      title: `${credit ? 'ODOBRENJE' : 'RAČUN'} br. ${invoice.number}`,
      meta: [
        ['Broj računa', invoice.number],
        ['Datum i vrijeme izdavanja', dateTime(invoice.issuedAt)],
        ['Datum isporuke', date(invoice.deliveryDate)],
        ['Dospijeće', date(invoice.dueDate)],
        ['Mjesto izdavanja', invoice.seller.city],
        ['Poslovni prostor / uređaj', `${invoice.premises} / ${invoice.device}`],
      ],
      seller: invoice.seller,
      buyer: invoice.buyer,
      rows: invoice.lines,
      vatGroups: invoice.vatGroups,
      netCents: invoice.netCents,
      vatCents: invoice.vatCents,
      grossCents: invoice.grossCents,
      payment:
        !credit && owed > 0
          ? { iban: billing.iban, reference: formatReference(invoice.paymentReference), slip: this.slip(owed, invoice.buyer, invoice.seller, billing.iban, invoice.paymentReference.number, `Račun ${invoice.number}`) }
          : null,
      footer: credit ? 'Odobrenje umanjuje iznos navedenog računa.' : 'Račun je izdan elektronički i valjan je bez potpisa i pečata.',
    });
  }

  async quotePdf(quote: Quote, buyer: ClientAccount, billing: BillingSettings): Promise<Uint8Array> {
    const party: Party = { name: buyer.name, oib: buyer.oib, street: buyer.street, postalCode: buyer.postalCode, city: buyer.city, country: buyer.country };
    const totals = quote.totals();
    return this.render({
      title: `PONUDA br. ${quote.number}`,
      meta: [
        ['Broj ponude', quote.number],
        ['Datum', dateTime(quote.issuedAt)],
        ['Vrijedi do', date(quote.validUntil)],
      ],
      seller: billing.seller,
      buyer: party,
      rows: quote.lines.map((l) => ({ description: `${l.name} — ${l.domainName} (${l.periodMonths} mj.)`, quantity: l.quantity, unitPriceCents: l.unitPriceCents, vatRatePercent: l.vatRatePercent })),
      vatGroups: totals.byRate,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      grossCents: totals.grossCents,
      payment: quote.status === 'open' ? { iban: billing.iban, reference: formatReference(quote.paymentReference), slip: this.slip(quote.grossCents, party, billing.seller, billing.iban, quote.paymentReference.number, `Ponuda ${quote.number}`) } : null,
      footer: 'Uplatom po ovoj ponudi prihvaćate ponudu; račun ćemo izdati po primitku uplate.',
    });
  }

  private slip(amountCents: number, payer: Party, payee: Party, iban: string, reference: string, description: string): Hub3Slip {
    return {
      amountCents,
      payer: { name: payer.name, street: payer.street, place: `${payer.postalCode} ${payer.city}` },
      payee: { name: payee.name, street: payee.street, place: `${payee.postalCode} ${payee.city}`, iban },
      model: 'HR00',
      reference,
      purposeCode: 'OTHR',
      description,
    };
  }

  private async barcode(slip: Hub3Slip): Promise<Buffer> {
    const bytes = toLatin2Bytes(hub3Payload(slip));
    // HUB-3: PDF417, error correction level 4, 9 columns; the payload is ISO 8859-2 bytes.
    return bwipjs.toBuffer({ bcid: 'pdf417', text: String.fromCharCode(...bytes), binarytext: true, eclevel: 4, columns: 9, scale: 2 } as Parameters<typeof bwipjs.toBuffer>[0]);
  }

  private async render(doc: Printable): Promise<Uint8Array> {
    const barcode = doc.payment ? await this.barcode(doc.payment.slip) : null;
    const pdf = new PDFDocument({ size: 'A4', margin: 48, info: { Title: doc.title, Author: doc.seller.name } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
    pdf.registerFont('body', FONT);
    pdf.registerFont('bold', FONT_BOLD);
    const left = 48;
    const width = pdf.page.width - 96;

    pdf.font('bold').fontSize(11).text(doc.seller.name, left, 48);
    pdf.font('body').fontSize(9).text(`${doc.seller.street}, ${doc.seller.postalCode} ${doc.seller.city}`).text(`OIB ${doc.seller.oib}`);
    pdf.font('bold').fontSize(9).text('Kupac', left + width / 2, 48);
    pdf.font('body').text(doc.buyer.name, left + width / 2).text(`${doc.buyer.street}, ${doc.buyer.postalCode} ${doc.buyer.city}`, left + width / 2).text(`OIB ${doc.buyer.oib}`, left + width / 2);

    pdf.moveDown(2).font('bold').fontSize(16).text(doc.title, left, 130);
    pdf.font('body').fontSize(9).moveDown(0.5);
    for (const [label, value] of doc.meta) pdf.text(`${label}: ${value}`, left);

    const columns = [left, left + width * 0.52, left + width * 0.6, left + width * 0.76, left + width * 0.86];
    let y = pdf.y + 16;
    pdf.font('bold');
    const headers = ['Opis', 'Kol.', 'Cijena bez PDV-a', 'PDV %', 'Iznos bez PDV-a'];
    const headerWidth = (i: number) => width * ([0.5, 0.08, 0.16, 0.1, 0.14][i] ?? 0.1);
    headers.forEach((h, i) => pdf.text(h, columns[i]!, y, { width: headerWidth(i) }));
    y += Math.max(...headers.map((h, i) => pdf.heightOfString(h, { width: headerWidth(i) }))) + 6;
    pdf.moveTo(left, y - 3).lineTo(left + width, y - 3).stroke();
    pdf.font('body');
    for (const row of doc.rows) {
      pdf.text(row.description, columns[0]!, y, { width: width * 0.5 });
      const height = Math.max(pdf.y - y, 12);
      pdf.text(String(row.quantity), columns[1]!, y);
      pdf.text(formatEuro(row.unitPriceCents), columns[2]!, y);
      pdf.text(String(row.vatRatePercent), columns[3]!, y);
      pdf.text(formatEuro(row.unitPriceCents * row.quantity), columns[4]!, y);
      y += height + 4;
    }
    pdf.moveTo(left, y).lineTo(left + width, y).stroke();
    y += 8;
    const total = (label: string, cents: number, bold = false) => {
      pdf.font(bold ? 'bold' : 'body').text(label, columns[2]!, y).text(formatEuro(cents), columns[4]!, y);
      y += 14;
    };
    total('Osnovica', doc.netCents);
    for (const g of doc.vatGroups) total(`PDV ${g.ratePercent} % na ${formatEuro(g.netCents)}`, g.vatCents);
    total('Ukupno (EUR)', doc.grossCents, true);

    if (doc.payment && barcode) {
      y += 16;
      pdf.font('bold').text('Plaćanje', left, y);
      pdf.font('body').text(`IBAN: ${doc.payment.iban}`, left, y + 14).text(`Model i poziv na broj: ${doc.payment.reference}`, left).text(`Iznos: ${formatEuro(doc.payment.slip.amountCents)}`, left);
      pdf.image(barcode, left + width / 2, y, { width: width / 2 });
    }
    pdf.font('body').fontSize(8).text(doc.footer, left, pdf.page.height - 80, { width });
    pdf.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  }
}
