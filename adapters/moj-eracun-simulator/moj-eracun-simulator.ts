import { DOMParser, type Element } from '@xmldom/xmldom';
import { LocalHttpServer, type LocalAnswer } from '../simulator-support/local-http-server.js';
import type { XmlSchemas } from '../xml-security/xml-schemas.js';

const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const UBL_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

export interface SimulatedDocument {
  readonly electronicId: number;
  readonly number: string;
  readonly year: number;
  readonly issueDate: string;
  readonly typeId: 1 | 2;
  readonly recipientOib: string;
  readonly ubl: string;
  statusId: number;
  processStatusId: number | null;
  rejectReason: string | null;
  readonly created: Date;
  updated: Date;
  delivered: Date | null;
}

export interface IntermediaryAccount {
  readonly username: string;
  readonly password: string;
  readonly companyId: string;
  readonly softwareId: string;
}

const json = (status: number, body: unknown): LocalAnswer => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) });
const iso = (at: Date | null) => (at ? at.toISOString().replace('Z', '') : null);
const STATUS_NAMES: Record<number, string> = { 10: 'U pripremi', 20: 'U validaciji', 30: 'Poslan', 40: 'Preuzet', 45: 'Povučeno preuzimanje', 50: 'Neuspjelo' };
const PROCESS_NAMES: Record<number, string> = { 0: 'Prihvaćen', 1: 'Odbijen', 2: 'Plaćeno u potpunosti', 3: 'Djelomično plaćeno', 4: 'Potvrda zaprimanja', 99: 'Zaprimljen' };

/**
 * A local moj-eRačun (API v2) that answers as the real one documents: the credentials checked, every document checked
 * against the official UBL 2.1 schema and its seller against the sender, a number sent once per year, statuses
 * 30 → 40 as the buyer takes it, and a buyer's rejection with its reason. Tests and a local run reject documents
 * through `reject()` or POST /simulator/documents/{id}/reject.
 */
export class MojERacunSimulator {
  private readonly http: LocalHttpServer;
  readonly documents: SimulatedDocument[] = [];
  private nextId = 3_000_001;
  /** Every document received, as received. */
  readonly received: string[] = [];
  /** Answer every call with HTTP 503, as during an outage. */
  down = false;

  constructor(
    private readonly options: { schemas: XmlSchemas | null; account: IntermediaryAccount; port?: number; now?: () => Date; deliverAfterMs?: number },
  ) {
    this.http = new LocalHttpServer((request) => this.answer(request), options.port === undefined ? {} : { port: options.port });
  }

  get url(): string {
    return this.http.url;
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** What the Tax Administration learns from the intermediary: the eRačuni it fiscalized, for payment reports. */
  has(sellerOib: string, number: string, issueDate: string): boolean {
    return sellerOib === this.options.account.companyId && this.documents.some((d) => d.number === number && d.issueDate === issueDate);
  }

  /** The buyer rejects the document (its business status becomes 1, with the reason). */
  reject(electronicId: string | number, reason: string): void {
    const document = this.documents.find((d) => d.electronicId === Number(electronicId));
    if (!document) throw new Error(`no document ${electronicId}`);
    document.processStatusId = 1;
    document.rejectReason = reason;
    document.updated = this.now();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async answer(request: { method: string; path: string; body: string }): Promise<LocalAnswer> {
    if (request.method === 'GET' && /^\/apis\/v2\/ping\/?$/iu.test(request.path)) return json(200, { Status: 'ok', Message: 'Service is up' });
    const control = /^\/simulator\/documents\/(\d+)\/reject$/u.exec(request.path);
    if (request.method === 'POST' && control) {
      const reason = (JSON.parse(request.body || '{}') as { reason?: string }).reason ?? 'Odbijeno';
      try {
        this.reject(control[1]!, reason);
        return json(200, { ok: true });
      } catch {
        return json(404, { Message: 'no such document' });
      }
    }
    if (request.method === 'GET' && request.path === '/simulator/documents') return json(200, this.documents.map((d) => ({ ...d, ubl: undefined })));
    if (this.down) return { status: 503, type: 'text/html', body: '<html><body>Service Unavailable</body></html>' };
    if (request.method !== 'POST') return json(404, { Message: 'Not found' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return json(400, { Message: 'Neispravan JSON zahtjev.' });
    }
    const { account } = this.options;
    if (String(body.Username ?? '') !== account.username || String(body.Password ?? '') !== account.password) return json(401, { Status: 'error', Message: 'Korisničko ime i lozinka nisu ispravni' });
    if (String(body.SoftwareId ?? '') !== account.softwareId) return json(400, { SoftwareId: { Value: String(body.SoftwareId ?? ''), Messages: [`SoftwareId: "${String(body.SoftwareId ?? '')}" nije registriran.`] } });
    if (String(body.CompanyId ?? '') !== account.companyId) return json(403, { Status: 'error', Message: `Korisnik: "${account.username}" nema registrirana prava nad tvrtkom: ${String(body.CompanyId ?? '')}` });
    switch (request.path.toLowerCase()) {
      case '/apis/v2/send':
        return this.send(body);
      case '/apis/v2/queryoutbox':
        return json(200, this.query(body).map((d) => this.outboxItem(d)));
      case '/apis/v2/querydocumentprocessstatusoutbox':
        return json(200, this.query(body, true).map((d) => ({ ...this.outboxItem(d), IssueDate: `${d.issueDate}T00:00:00`, DocumentProcessStatusId: d.processStatusId, DocumentProcessStatusName: d.processStatusId === null ? null : PROCESS_NAMES[d.processStatusId], AdditionalDokumentStatusId: null, RejectReason: d.rejectReason })));
      default:
        return json(404, { Message: 'Not found' });
    }
  }

  private async send(body: Record<string, unknown>): Promise<LocalAnswer> {
    const file = typeof body.File === 'string' ? body.File : '';
    this.received.push(file);
    const invalid = (message: string) => json(400, { File: { Value: null, Messages: [message] } });
    let root: Element | null = null;
    try {
      root = new DOMParser({ onError: (level) => { if (level !== 'warning') throw new Error('not well-formed'); } }).parseFromString(file, 'text/xml').documentElement;
    } catch {
      return invalid('Dokument nije ispravan XML.');
    }
    const kind = root?.namespaceURI === UBL_INVOICE && root.localName === 'Invoice' ? 'ubl-invoice' : root?.namespaceURI === UBL_CREDIT_NOTE && root.localName === 'CreditNote' ? 'ubl-credit-note' : null;
    if (!root || !kind) return invalid('Dokument nije UBL 2.1 račun ni odobrenje.');
    if (this.options.schemas) {
      const findings = await this.options.schemas.validate(kind, file);
      if (findings.length) return invalid(`Dokument nije u skladu s XML shemom: ${findings.slice(0, 3).map((f) => `${f.line ?? '?'}: ${f.message}`).join('; ')}`);
    }
    const text = (parent: Element, ...path: string[]): string => {
      let node: Element | undefined = parent;
      for (const name of path) node = node ? Array.from(node.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name) : undefined;
      return (node?.textContent ?? '').trim();
    };
    const number = text(root, 'ID');
    const year = Number(text(root, 'IssueDate').slice(0, 4));
    const sellerOib = text(root, 'AccountingSupplierParty', 'Party', 'EndpointID');
    const recipientOib = text(root, 'AccountingCustomerParty', 'Party', 'EndpointID');
    if (sellerOib !== this.options.account.companyId) return invalid(`OIB izdavatelja (${sellerOib}) nije OIB pošiljatelja (${this.options.account.companyId}).`);
    if (this.documents.some((d) => d.number === number && d.year === year && d.typeId === (kind === 'ubl-invoice' ? 1 : 2))) return invalid(`Dokument broj ${number} za ${year}. godinu već je poslan.`);
    const now = this.now();
    const document: SimulatedDocument = { electronicId: this.nextId++, number, year, issueDate: text(root, 'IssueDate'), typeId: kind === 'ubl-invoice' ? 1 : 2, recipientOib, ubl: file, statusId: 30, processStatusId: null, rejectReason: null, created: now, updated: now, delivered: null };
    this.documents.push(document);
    return json(200, this.outboxItem(document));
  }

  /** The buyer takes a sent document once `deliverAfterMs` has passed (at once by default). */
  private progress(document: SimulatedDocument): void {
    const now = this.now();
    if (document.statusId === 30 && now.getTime() - document.created.getTime() >= (this.options.deliverAfterMs ?? 0)) {
      document.statusId = 40;
      document.delivered = now;
      document.updated = now;
      if (document.processStatusId === null) document.processStatusId = 99;
    }
  }

  private query(body: Record<string, unknown>, process = false): SimulatedDocument[] {
    for (const d of this.documents) this.progress(d);
    const from = typeof body.From === 'string' ? new Date(body.From.length <= 10 ? `${body.From}T00:00:00Z` : `${body.From.replace(/Z?$/u, 'Z')}`) : null;
    return this.documents.filter((d) => {
      if (body.ElectronicId !== undefined && Number(body.ElectronicId) !== d.electronicId) return false;
      if (body.InvoiceNumber !== undefined && String(body.InvoiceNumber) !== d.number) return false;
      if (body.InvoiceYear !== undefined && Number(body.InvoiceYear) !== d.year) return false;
      if (body.StatusId !== undefined && Number(body.StatusId) !== (process ? d.processStatusId : d.statusId)) return false;
      if (from && (body.ByUpdateDate ? d.updated : d.created) < from) return false;
      return true;
    });
  }

  private outboxItem(d: SimulatedDocument) {
    return {
      ElectronicId: d.electronicId,
      DocumentNr: d.number,
      DocumentTypeId: d.typeId,
      DocumentTypeName: d.typeId === 1 ? 'Račun' : 'Odobrenje',
      StatusId: d.statusId,
      StatusName: STATUS_NAMES[d.statusId],
      RecipientBusinessNumber: d.recipientOib,
      RecipientBusinessUnit: '',
      RecipientBusinessName: '',
      Created: iso(d.created),
      Updated: iso(d.updated),
      Sent: iso(d.created),
      Delivered: iso(d.delivered),
    };
  }
}
