import type { ServiceError } from './fiscalizer.js';

/** Where an eRačun stands at the intermediary (its transport status). */
export type ExchangeStatus = 'processing' | 'sent' | 'delivered' | 'undeliverable';

export interface ExchangeDocument {
  /** The intermediary's id of the document. */
  readonly documentId: string;
  readonly number: string;
  readonly status: ExchangeStatus;
}

export type SendOutcome = ({ readonly kind: 'accepted' } & ExchangeDocument) | { readonly kind: 'refused'; readonly errors: readonly ServiceError[] };

export interface Rejection {
  readonly documentId: string;
  readonly number: string;
  readonly reason: string;
  readonly at: Date;
}

/**
 * An information intermediary that carries eRačuni to buyers (and fiscalizes them): send one, ask where it stands,
 * and read the rejections buyers sent back. Throws ServiceUnavailable when it cannot be reached.
 */
export interface EInvoiceExchange {
  /** The intermediary's name, kept with each dispatch. */
  readonly name: string;
  send(document: { readonly number: string; readonly year: number; readonly ubl: Uint8Array }): Promise<SendOutcome>;
  /** The document already sent with this number in that year, when an earlier send's answer was lost. */
  findSent(number: string, year: number): Promise<ExchangeDocument | null>;
  status(documentId: string): Promise<ExchangeDocument | null>;
  /** Rejections by buyers of documents we sent, updated since `since`. */
  rejections(since: Date): Promise<Rejection[]>;
}
