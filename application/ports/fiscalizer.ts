import type { FiscalBill, SecurityCodeInput } from '../../domain/fiscal/fiscal-bill.js';

/** An error of the service as it answered it (s001 … s006 for B2C fiscalization). */
export interface ServiceError {
  readonly code: string;
  readonly message: string;
}

export type FiscalOutcome = { readonly kind: 'fiscalized'; readonly jir: string } | { readonly kind: 'refused'; readonly errors: readonly ServiceError[] };

/** Thrown when the service cannot be reached or does not answer in time: the request is tried again later. */
export class ServiceUnavailable extends Error {}

/**
 * Fiscalization of invoices to consumers (B2C) at the Tax Administration: the issuer's security code (ZKI), signed
 * with the company's application certificate, and the request that returns the invoice's JIR.
 */
export interface Fiscalizer {
  /** The ZKI: MD5 (hex) of the RSA-SHA1 signature of the invoice's key data. */
  securityCode(input: SecurityCodeInput): string;
  /** Sends one invoice; throws ServiceUnavailable when the service does not answer. */
  fiscalize(bill: FiscalBill): Promise<FiscalOutcome>;
}
