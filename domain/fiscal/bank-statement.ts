/**
 * A bank statement (ISO 20022 camt.053) as data: each credit entry booked on the account, with what the payment
 * record needs. An adapter reads the XML; a statement that cannot be read says where.
 */
export interface StatementCredit {
  /** The bank's reference of the transaction: one payment however often the statement is imported. */
  readonly bankTransactionId: string;
  readonly amountCents: number;
  /** YYYY-MM-DD, the booking date. */
  readonly bookedOn: string;
  /** The payment reference as the payer gave it (structured, or found in the unstructured text); '' when none. */
  readonly reference: string;
  readonly payerName: string;
  /** Where in the file it came from, for messages: line and element path. */
  readonly line: number;
}

export interface BankStatement {
  readonly statementId: string;
  /** SHA-256 of the file, hex: which file an import read. */
  readonly sha256: string;
  readonly iban: string | null;
  readonly credits: readonly StatementCredit[];
  /** Debit entries and entries not booked yet: not payments to us. */
  readonly skipped: number;
}

export interface StatementProblem {
  readonly line: number | null;
  readonly element: string;
  readonly message: string;
}

/**
 * The Croatian payment reference in free text (a bank's unstructured remittance): HR00 and the "poziv na broj", or
 * a bare number of the portal's form (2-2026-17).
 */
export function referenceInText(text: string): string {
  const model = /HR\d{2}\s*([0-9][0-9 -]{0,30}[0-9])/u.exec(text);
  if (model) return `HR00 ${model[1]!.replace(/\s+/gu, '')}`;
  const bare = /\b([12]-\d{4}-\d{1,12})\b/u.exec(text);
  return bare ? bare[1]! : '';
}

/** A bank transaction id as the payment record keeps it (letters, digits and . / : - _ only, at most 100). */
export function transactionIdOf(raw: string): string {
  return raw.trim().replace(/[^\w./:-]+/gu, '-').slice(0, 100);
}
