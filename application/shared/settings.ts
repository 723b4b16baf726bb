import type { Operator, Party } from '../../domain/billing/invoice.js';
import type { RenewalPolicy } from '../../domain/billing/renewal.js';

export interface PortalSettings {
  /** Public base URL of the portal; every link in a mail is built from it. */
  readonly appUrl: string;
  readonly productName: string;
  /** Nameservers given to every new domain. */
  readonly nameservers: readonly string[];
  /** The host clients log in to for hosting and mail. */
  readonly serviceHost: string;
  readonly billing: BillingSettings;
  /** Days an email-change document is kept after the decision; then a job deletes it. */
  readonly documentRetentionDays: number;
}

export interface BillingSettings {
  readonly seller: Party;
  readonly iban: string;
  /** Business premises and device of the invoice number (sequence/premises/device). */
  readonly premises: string;
  readonly device: string;
  readonly paymentTermDays: number;
  /** Named on documents no staff member with an OIB issued (HR-BT-4, HR-BT-5). */
  readonly operator: Operator;
  readonly renewal: RenewalPolicy;
}
