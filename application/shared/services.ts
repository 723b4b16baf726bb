import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { CommonPasswords, PasswordHasher } from '../ports/password-hasher.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { Tokens } from '../ports/tokens.js';
import type { Totp } from '../ports/totp.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { DocumentRenderer } from '../ports/document-renderer.js';
import type { Party } from '../../domain/billing/invoice.js';
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
}

export interface BillingSettings {
  readonly seller: Party;
  readonly iban: string;
  /** Business premises and device of the invoice number (sequence/premises/device). */
  readonly premises: string;
  readonly device: string;
  readonly paymentTermDays: number;
  readonly renewal: RenewalPolicy;
}

/** The ports every use case draws from, wired once in the composition root. */
export interface Services {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly tokens: Tokens;
  readonly hasher: PasswordHasher;
  readonly commonPasswords: CommonPasswords;
  readonly rateLimiter: RateLimiter;
  readonly totp: Totp;
  readonly secrets: SecretBox;
  readonly documents: DocumentRenderer;
  readonly settings: PortalSettings;
}
