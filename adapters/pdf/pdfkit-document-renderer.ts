import bwipjs from 'bwip-js';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { DocumentRenderer, FiscalMarks } from '../../application/ports/document-renderer.js';
import type { BillingSettings } from '../../application/shared/services.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { formatLocalDate } from '../../domain/billing/calendar.js';
import { hub3Payload, toLatin2Bytes, type Hub3Slip } from '../../domain/billing/hub3.js';
import type { Invoice, Party } from '../../domain/billing/invoice.js';
import { UNIT_LABELS, type UnitCode } from '../../domain/billing/line-classification.js';
import { formatEuro } from '../../domain/billing/money.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { VatCategory } from '../../domain/billing/vat.js';
import type { InvoiceVatGroup } from '../../domain/billing/vat-breakdown.js';

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

/** What the VAT column says: a rate where VAT is charged, otherwise what the line is (the reason is printed below). */
const VAT_COLUMN: Record<Exclude<VatCategory, 'S'>, string> = { Z: 'nulta st.', E: 'oslob.', AE: 'prij. p. o.' };
const GROUP_LABEL: Record<Exclude<VatCategory, 'S'>, string> = { Z: 'Nulta stopa PDV-a', E: 'Oslobođeno PDV-a', AE: 'Prijenos porezne obveze' };
const vatColumn = (category: VatCategory, rate: number) => (category === 'S' ? `${rate} %` : VAT_COLUMN[category]);

interface Row {
  readonly description: string;
  readonly detail: string | null;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceCents: number;
  readonly vat: string;
  readonly netCents: number;
}

interface Printable {
  readonly title: string;
  readonly meta: ReadonlyArray<readonly [string, string]>;
  readonly seller: Party;
  /** The seller's transaction account, printed in the header of every invoice and credit note. */
  readonly sellerIban?: string;
  readonly buyer: Party;
  readonly rows: readonly Row[];
  readonly vatGroups: ReadonlyArray<Pick<InvoiceVatGroup, 'ratePercent' | 'netCents' | 'vatCents'> & { category?: VatCategory; exemption?: { text: string } | null }>;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly payment: { iban: string; reference: string; slip: Hub3Slip } | null;
  /** A fiscalized invoice: ZKI, JIR and the verification QR code (spec 2.7: at least 2 × 2 cm, level L or better). */
  readonly fiscal?: FiscalMarks | null;
  readonly footer: string;
}

/** Column layout of the line table: each column has its own box, so a long header wraps inside it. */
const COLUMNS = [
  { title: 'Opis', share: 0.39, align: 'left' },
  { title: 'Kol.', share: 0.07, align: 'right' },
  { title: 'Jed.', share: 0.07, align: 'left' },
  { title: 'Cijena bez PDV-a', share: 0.16, align: 'right' },
  { title: 'PDV', share: 0.13, align: 'right' },
  { title: 'Iznos bez PDV-a', share: 0.18, align: 'right' },
] as const;
const GAP = 6;

/** PDFs drawn with pdfkit in DejaVu Sans (every Croatian letter), with a HUB-3 PDF417 barcode from bwip-js. */
export class PdfKitDocumentRenderer implements DocumentRenderer {
  async invoicePdf(invoice: Invoice, billing: BillingSettings, fiscal?: FiscalMarks | null): Promise<Uint8Array> {
    const credit = invoice.kind === 'credit_note';
    const meta: Array<readonly [string, string]> = [
      [credit ? 'Broj odobrenja' : 'Broj računa', invoice.number],
      ['Datum i vrijeme izdavanja', dateTime(invoice.issuedAt)],
      ['Datum isporuke', formatLocalDate(invoice.deliveryDate)],
    ];
    if (invoice.corrects) meta.push(['Odnosi se na račun', `${invoice.corrects.number} od ${formatLocalDate(invoice.corrects.issueDate)}`]);
    if (!credit) meta.push(['Dospijeće', formatLocalDate(invoice.dueDate)]);
    meta.push(['Način plaćanja', 'transakcijski račun'], ['Mjesto izdavanja', invoice.seller.city], ['Poslovni prostor / uređaj', `${invoice.premises} / ${invoice.device}`]);
    if (invoice.operator) meta.push(['Operater', `${invoice.operator.name} (OIB ${invoice.operator.oib})`]);
    if (fiscal) meta.push(['ZKI', fiscal.zki], ['JIR', fiscal.jir ?? 'naknadna dostava (JIR još nije dodijeljen)']);
    return this.render({
      fiscal: fiscal ?? null,
      title: `${credit ? 'ODOBRENJE' : 'RAČUN'} br. ${invoice.number}`,
      meta,
      seller: { ...invoice.seller, vatNumber: invoice.seller.vatNumber ?? `HR${invoice.seller.oib}` },
      sellerIban: billing.iban,
      buyer: invoice.buyer,
      rows: invoice.lines.map((l) => ({
        description: l.description,
        detail: [l.kpdCode ? `KPD ${l.kpdCode}` : null, l.periodStart && l.periodEnd ? `razdoblje ${formatLocalDate(l.periodStart)} – ${formatLocalDate(l.periodEnd)}` : null].filter(Boolean).join('\n') || null,
        quantity: l.quantity,
        unit: UNIT_LABELS[l.unitCode as UnitCode]?.hr ?? l.unitCode,
        unitPriceCents: l.unitPriceCents,
        vat: vatColumn(l.vatCategory, l.vatRatePercent),
        netCents: l.unitPriceCents * l.quantity,
      })),
      vatGroups: invoice.vatGroups,
      netCents: invoice.netCents,
      vatCents: invoice.vatCents,
      grossCents: invoice.grossCents,
      // The legal document is made once, at issue: it carries the barcode for the whole amount, and the portal
      // (not a re-rendered PDF) shows what has been paid since.
      payment:
        !credit && invoice.grossCents > 0
          ? { iban: billing.iban, reference: formatReference(invoice.paymentReference), slip: this.slip(invoice.grossCents, invoice.buyer, invoice.seller, billing.iban, invoice.paymentReference.number, `Račun ${invoice.number}`) }
          : null,
      footer: credit ? `Odobrenje umanjuje iznos računa ${invoice.corrects?.number ?? ''}. Izdano elektronički, valjano bez potpisa i pečata.` : 'Račun je izdan elektronički i valjan je bez potpisa i pečata.',
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
      rows: quote.lines.map((l) => ({ description: `${l.name} — ${l.domainName} (${l.periodMonths} mj.)`, detail: null, quantity: l.quantity, unit: 'kom', unitPriceCents: l.unitPriceCents, vat: `${l.vatRatePercent} %`, netCents: l.unitPriceCents * l.quantity })),
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
    const qr = doc.fiscal ? await bwipjs.toBuffer({ bcid: 'qrcode', text: doc.fiscal.verificationUrl, eclevel: 'M', scale: 4, paddingwidth: 8, paddingheight: 8 } as Parameters<typeof bwipjs.toBuffer>[0]) : null;
    const pdf = new PDFDocument({ size: 'A4', margin: 48, info: { Title: doc.title, Author: doc.seller.name } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
    pdf.registerFont('body', FONT);
    pdf.registerFont('bold', FONT_BOLD);
    const left = 48;
    const width = pdf.page.width - 96;
    const half = left + width / 2;

    pdf.font('bold').fontSize(11).text(doc.seller.name, left, 48, { width: width / 2 - GAP });
    pdf.font('body').fontSize(9).text(`${doc.seller.street}, ${doc.seller.postalCode} ${doc.seller.city}`, { width: width / 2 - GAP }).text(`OIB ${doc.seller.oib}`);
    if (doc.seller.vatNumber) pdf.text(`PDV ID ${doc.seller.vatNumber}`);
    if (doc.sellerIban) pdf.text(`IBAN ${doc.sellerIban}`);
    const sellerBottom = pdf.y;
    pdf.font('bold').fontSize(9).text('Kupac', half, 48);
    pdf.font('body').text(doc.buyer.name, half, undefined, { width: width / 2 }).text(`${doc.buyer.street}, ${doc.buyer.postalCode} ${doc.buyer.city}`, half).text(`OIB ${doc.buyer.oib}`, half);
    if (doc.buyer.vatNumber) pdf.text(`PDV ID ${doc.buyer.vatNumber}`, half);

    pdf.font('bold').fontSize(16).text(doc.title, left, Math.max(130, sellerBottom + 16, pdf.y + 16));
    pdf.font('body').fontSize(9).moveDown(0.5);
    for (const [label, value] of doc.meta) pdf.text(`${label}: ${value}`, left);

    const boxes = COLUMNS.reduce<Array<{ x: number; w: number; align: 'left' | 'right'; title: string }>>((acc, c) => {
      const x = acc.length ? acc[acc.length - 1]!.x + acc[acc.length - 1]!.w + GAP : left;
      return [...acc, { x, w: width * c.share - GAP, align: c.align, title: c.title }];
    }, []);
    const cell = (i: number, text: string, y: number) => pdf.text(text, boxes[i]!.x, y, { width: boxes[i]!.w, align: boxes[i]!.align });
    let y = pdf.y + 16;
    pdf.font('bold');
    boxes.forEach((b, i) => cell(i, b.title, y));
    y += Math.max(...boxes.map((b) => pdf.heightOfString(b.title, { width: b.w }))) + 6;
    pdf.moveTo(left, y - 3).lineTo(left + width, y - 3).stroke();
    pdf.font('body');
    for (const row of doc.rows) {
      cell(0, row.description, y);
      let bottom = pdf.y;
      if (row.detail) {
        pdf.fontSize(7.5);
        cell(0, row.detail, bottom);
        bottom = pdf.y;
        pdf.fontSize(9);
      }
      cell(1, String(row.quantity), y);
      cell(2, row.unit, y);
      cell(3, formatEuro(row.unitPriceCents), y);
      cell(4, row.vat, y);
      cell(5, formatEuro(row.netCents), y);
      y = Math.max(bottom, y + 12) + 4;
    }
    pdf.moveTo(left, y).lineTo(left + width, y).stroke();
    y += 8;
    const labelX = boxes[2]!.x;
    const labelW = boxes[4]!.x + boxes[4]!.w - labelX;
    const total = (label: string, cents: number, bold = false) => {
      pdf.font(bold ? 'bold' : 'body');
      pdf.text(label, labelX, y, { width: labelW });
      const after = pdf.y;
      cell(5, formatEuro(cents), y);
      y = Math.max(after, y + 12) + 2;
    };
    total('Osnovica', doc.netCents);
    const reasons: string[] = [];
    for (const g of doc.vatGroups) {
      const category = g.category ?? 'S';
      if (category === 'S') total(`PDV ${g.ratePercent} % na ${formatEuro(g.netCents)}`, g.vatCents);
      else {
        total(`${GROUP_LABEL[category]} (osnovica ${formatEuro(g.netCents)})`, 0);
        if (g.exemption?.text) reasons.push(`${GROUP_LABEL[category]}: ${g.exemption.text}`);
      }
    }
    total('Ukupno (EUR)', doc.grossCents, true);
    if (reasons.length) {
      y += 6;
      pdf.font('body').fontSize(8);
      for (const reason of reasons) {
        pdf.text(`Napomena — ${reason}`, left, y, { width });
        y = pdf.y + 2;
      }
      pdf.fontSize(9);
    }

    if (doc.payment && barcode) {
      y += 16;
      pdf.font('bold').text('Plaćanje', left, y);
      pdf.font('body').text(`IBAN: ${doc.payment.iban}`, left, y + 14).text(`Model i poziv na broj: ${doc.payment.reference}`, left).text(`Iznos: ${formatEuro(doc.payment.slip.amountCents)}`, left);
      pdf.image(barcode, left + width / 2, y, { width: width / 2 });
    }
    if (doc.fiscal && qr) {
      y = pdf.y + 16;
      // 2.8 cm with the quiet zone of four modules that readers need around a QR code (bwip-js pads in points, a module
      // is two): the code itself stays larger than the 2 × 2 cm the specification asks.
      const side = 80;
      pdf.image(qr, left, y, { width: side, height: side });
      pdf.font('bold').fontSize(8).text('Provjera računa', left + side + 10, y);
      pdf.font('body').text(`ZKI: ${doc.fiscal.zki}`, left + side + 10, pdf.y + 2).text(`JIR: ${doc.fiscal.jir ?? '—'}`, left + side + 10);
      pdf.fontSize(7).text(doc.fiscal.verificationUrl, left + side + 10, pdf.y + 2, { width: width - side - 10 });
      pdf.fontSize(9);
    }
    pdf.font('body').fontSize(8).text(doc.footer, left, pdf.page.height - 80, { width });
    pdf.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  }
}
