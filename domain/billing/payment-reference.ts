/**
 * The payment reference of a Croatian bank transfer: model HR00 (no check digits) and the "poziv na broj",
 * here `<document type>-<year>-<sequence>`: 1 for quotes, 2 for invoices. Unique, so a payment finds its document.
 */
export interface PaymentReference {
  readonly model: 'HR00';
  readonly number: string;
}

export function referenceFor(kind: 'quote' | 'invoice', year: number, sequence: number): PaymentReference {
  return { model: 'HR00', number: `${kind === 'quote' ? 1 : 2}-${year}-${sequence}` };
}

/** What a bank statement or a clerk typed, normalised: spaces gone, model prefix split off. */
export function parseReference(raw: string): string | null {
  const cleaned = raw.replace(/\s+/gu, '').toUpperCase().replace(/^HR00/u, '').replace(/^HR00/u, '');
  return /^\d{1,12}(-\d{1,12}){0,2}$/u.test(cleaned) && cleaned.length <= 22 ? cleaned : null;
}

export function formatReference(reference: PaymentReference): string {
  return `${reference.model} ${reference.number}`;
}
