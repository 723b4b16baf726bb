import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';
import type { EInvoiceExchange, ExchangeDocument, Rejection, SendOutcome } from '../../application/ports/einvoice-exchange.js';

interface Held {
  documentId: string;
  number: string;
  year: number;
  status: ExchangeDocument['status'];
  ubl: string;
  rejection: { reason: string; at: Date } | null;
}

/** An intermediary in memory: one document per number and year, delivered on the next look, rejected at will. */
export class InMemoryEInvoiceExchange implements EInvoiceExchange {
  readonly name = 'in-memory';
  readonly documents: Held[] = [];
  down = false;
  private next = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async send(document: { number: string; year: number; ubl: Uint8Array }): Promise<SendOutcome> {
    if (this.down) throw new ServiceUnavailable('intermediary is down');
    const ubl = new TextDecoder().decode(document.ubl);
    // A UBL document, or the in-memory writer's JSON of one.
    if (!/^\s*(<\?xml[^>]*>\s*)?<(\w+:)?(Invoice|CreditNote)\b/u.test(ubl) && !/^\{"documentType":"(Invoice|CreditNote)"/u.test(ubl)) return { kind: 'refused', errors: [{ code: 'HTTP 400 File', message: 'Dokument nije UBL 2.1 račun ni odobrenje.' }] };
    if (this.documents.some((d) => d.number === document.number && d.year === document.year)) return { kind: 'refused', errors: [{ code: 'HTTP 400 File', message: `Dokument broj ${document.number} za ${document.year}. godinu već je poslan.` }] };
    const held: Held = { documentId: String(this.next++), number: document.number, year: document.year, status: 'sent', ubl, rejection: null };
    this.documents.push(held);
    return { kind: 'accepted', documentId: held.documentId, number: held.number, status: held.status };
  }

  async findSent(number: string, year: number): Promise<ExchangeDocument | null> {
    if (this.down) throw new ServiceUnavailable('intermediary is down');
    const held = this.documents.find((d) => d.number === number && d.year === year);
    return held ? { documentId: held.documentId, number: held.number, status: held.status } : null;
  }

  async status(documentId: string): Promise<ExchangeDocument | null> {
    if (this.down) throw new ServiceUnavailable('intermediary is down');
    const held = this.documents.find((d) => d.documentId === documentId);
    if (!held) return null;
    if (held.status === 'sent') held.status = 'delivered';
    return { documentId: held.documentId, number: held.number, status: held.status };
  }

  async rejections(since: Date): Promise<Rejection[]> {
    if (this.down) throw new ServiceUnavailable('intermediary is down');
    return this.documents.filter((d) => d.rejection && d.rejection.at >= since).map((d) => ({ documentId: d.documentId, number: d.number, reason: d.rejection!.reason, at: d.rejection!.at }));
  }

  reject(documentId: string, reason: string): void {
    const held = this.documents.find((d) => d.documentId === documentId);
    if (!held) throw new Error(`no document ${documentId}`);
    held.rejection = { reason, at: this.now() };
  }
}
