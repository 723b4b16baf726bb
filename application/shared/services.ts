import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { CommonPasswords, PasswordHasher } from '../ports/password-hasher.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { Tokens } from '../ports/tokens.js';
import type { Totp } from '../ports/totp.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import type { SecretBox } from '../ports/secret-box.js';
import type { DocumentRenderer } from '../ports/document-renderer.js';
import type { EInvoiceWriter } from '../ports/einvoice-writer.js';
import type { PortalSettings } from './settings.js';
import type { Fiscalizer } from '../ports/fiscalizer.js';
import type { EInvoiceExchange } from '../ports/einvoice-exchange.js';
import type { PaymentReporter } from '../ports/payment-reporter.js';
import type { BankStatementReader } from '../ports/bank-statement-reader.js';

export type { BillingSettings, PortalSettings } from './settings.js';

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
  readonly einvoices: EInvoiceWriter;
  readonly settings: PortalSettings;
  /** The outside services of lawful invoicing: B2C fiscalization, the eRačun intermediary, payment reporting. */
  readonly fiscalizer: Fiscalizer;
  readonly exchange: EInvoiceExchange;
  readonly paymentReporter: PaymentReporter;
  readonly statements: BankStatementReader;
}
