import { ServiceUnavailable, type ServiceError } from '../../application/ports/fiscalizer.js';
import type { EInvoiceExchange, ExchangeDocument, ExchangeStatus, Rejection, SendOutcome } from '../../application/ports/einvoice-exchange.js';
import { textWithin } from '../system/limited-text.js';

/** The largest answer believed: an outbox page of a few thousand entries; never a document (those are sent, not read). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface MojERacunSettings {
  /** https://www.moj-eracun.hr (demo: https://demo.moj-eracun.hr). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The sender's OIB. */
  readonly companyId: string;
  /** The business unit, only if registered at the intermediary. */
  readonly companyBu: string;
  /** The ERP identifier the intermediary gave the portal. */
  readonly softwareId: string;
  readonly timeoutMs: number;
}

/** Transport statuses of the API (10 in preparation … 50 unsuccessful). */
export function statusOf(statusId: number): ExchangeStatus {
  if (statusId === 40) return 'delivered';
  if (statusId === 30) return 'sent';
  if (statusId === 45 || statusId === 50) return 'undeliverable';
  return 'processing';
}

interface OutboxItem {
  ElectronicId: number;
  DocumentNr: string;
  StatusId: number;
  DocumentProcessStatusId?: number | null;
  RejectReason?: string | null;
  Updated?: string | null;
}

/** The intermediary's error answers come in a few shapes; each becomes a list of readable errors. */
export function errorsOf(status: number, body: unknown): ServiceError[] {
  const code = `HTTP ${status}`;
  if (!body || typeof body !== 'object') return [{ code, message: 'the intermediary refused the request' }];
  const record = body as Record<string, unknown>;
  if (typeof record.Message === 'string') return [{ code, message: record.Message.trim() }];
  if (typeof record.message === 'string') return [{ code, message: record.message.trim() }];
  if (typeof record.Error === 'string') return [{ code, message: record.Error.trim() }];
  const fields = Object.entries(record).flatMap(([field, value]) => {
    const messages = value && typeof value === 'object' && Array.isArray((value as { Messages?: unknown }).Messages) ? ((value as { Messages: unknown[] }).Messages as unknown[]) : [];
    return messages.map((m) => ({ code: `${code} ${field}`, message: String(m).trim() }));
  });
  return fields.length ? fields : [{ code, message: JSON.stringify(body).slice(0, 300) }];
}

/**
 * moj-eRačun API v2 (JSON over HTTPS): `send` uploads the UBL document, `queryOutbox` tells its transport status,
 * `queryDocumentProcessStatusOutbox` the buyer's verdict (rejections carry their reason). Every call carries the
 * five credentials of the integrator.
 */
export class MojERacunExchange implements EInvoiceExchange {
  readonly name = 'moj-eracun';

  constructor(private readonly settings: MojERacunSettings) {}

  async send(document: { number: string; year: number; ubl: Uint8Array }): Promise<SendOutcome> {
    const answer = await this.call('/apis/v2/send', { File: new TextDecoder().decode(document.ubl) });
    if (!answer.ok) return { kind: 'refused', errors: errorsOf(answer.status, answer.body) };
    const item = answer.body as OutboxItem;
    if (!item || typeof item.ElectronicId !== 'number') throw new ServiceUnavailable('the intermediary answered without an ElectronicId');
    return { kind: 'accepted', documentId: String(item.ElectronicId), number: item.DocumentNr ?? document.number, status: statusOf(item.StatusId) };
  }

  async findSent(number: string, year: number): Promise<ExchangeDocument | null> {
    const found = (await this.list('/apis/v2/queryOutbox', { InvoiceNumber: number, InvoiceYear: year })).find((i) => i.DocumentNr === number);
    return found ? { documentId: String(found.ElectronicId), number: found.DocumentNr, status: statusOf(found.StatusId) } : null;
  }

  async status(documentId: string): Promise<ExchangeDocument | null> {
    const found = (await this.list('/apis/v2/queryOutbox', { ElectronicId: Number(documentId) }))[0];
    return found ? { documentId: String(found.ElectronicId), number: found.DocumentNr, status: statusOf(found.StatusId) } : null;
  }

  async rejections(since: Date): Promise<Rejection[]> {
    // StatusId filters the business status here: 1 is "rejected" (odbijen).
    const items = await this.list('/apis/v2/queryDocumentProcessStatusOutbox', { StatusId: 1, ByUpdateDate: true, From: since.toISOString().slice(0, 19) });
    return items
      .filter((i) => i.DocumentProcessStatusId === 1)
      .map((i) => ({ documentId: String(i.ElectronicId), number: i.DocumentNr, reason: (i.RejectReason ?? '').trim(), at: i.Updated ? new Date(i.Updated) : new Date() }));
  }

  private async list(path: string, parameters: Record<string, unknown>): Promise<OutboxItem[]> {
    const answer = await this.call(path, parameters);
    if (!answer.ok) throw new ServiceUnavailable(`${path}: ${errorsOf(answer.status, answer.body).map((e) => e.message).join('; ')}`);
    return Array.isArray(answer.body) ? (answer.body as OutboxItem[]) : [];
  }

  private async call(path: string, parameters: Record<string, unknown>): Promise<{ ok: boolean; status: number; body: unknown }> {
    const { url, username, password, companyId, companyBu, softwareId, timeoutMs } = this.settings;
    let response: Response;
    try {
      response = await fetch(`${url.replace(/\/+$/u, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify({ Username: username, Password: password, CompanyId: companyId, ...(companyBu ? { CompanyBu: companyBu } : {}), SoftwareId: softwareId, ...parameters }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ServiceUnavailable(`the intermediary did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await textWithin(response, MAX_ANSWER_BYTES);
    if (text === null) throw new ServiceUnavailable(`the intermediary answered with more than ${MAX_ANSWER_BYTES} bytes`);
    if (response.status >= 500 || response.status === 429) throw new ServiceUnavailable(`the intermediary answered HTTP ${response.status}`);
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      if (response.ok) throw new ServiceUnavailable('the intermediary answered something other than JSON');
    }
    return { ok: response.ok, status: response.status, body };
  }
}
