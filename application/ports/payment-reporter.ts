import type { ServiceError } from './fiscalizer.js';

/** One collected payment of an eRačun, as EvidentirajNaplatu reports it. */
export interface CollectedPayment {
  /** The eRačun's number and issue date (BT-1, BT-2) and the parties' OIBs identify it. */
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly sellerOib: string;
  readonly buyerOib: string;
  readonly paidOn: string;
  readonly amountCents: number;
  /** T: to the transaction account. */
  readonly method: 'T' | 'O' | 'Z';
}

export type ReportOutcome =
  | { readonly kind: 'accepted'; readonly requestId: string; readonly answer: string }
  | { readonly kind: 'refused'; readonly errors: readonly ServiceError[]; readonly answer: string };

/** eIzvještavanje: reports collected payments of eRačuni to the Tax Administration. Throws ServiceUnavailable. */
export interface PaymentReporter {
  reportPayment(payment: CollectedPayment): Promise<ReportOutcome>;
}
