import type { ClientNote } from '../../domain/backoffice/client-note.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import type { SessionInfo } from '../../domain/identity/session.js';
import type { User } from '../../domain/identity/user.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { StaffMember } from '../../domain/staff/staff-member.js';
import type { JobName, JobPayloads } from '../../application/ports/job-queue.js';
import type { ArchivedDocument } from '../../application/ports/invoice-archive.js';
import type { Product } from '../../domain/catalog/product.js';
import type { Order } from '../../domain/ordering/order.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Payment } from '../../domain/billing/payment.js';
import type { Renewal } from '../../domain/billing/renewal.js';
import type { Contact } from '../../domain/contacts/contact.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { PublicSubmission } from '../../domain/email-change/public-submission.js';
import type { Ticket, TicketAttachment, TicketMessage } from '../../domain/support/ticket.js';
import type { Announcement } from '../../domain/help/announcement.js';
import type { ArticleRevision, HelpArticle } from '../../domain/help/article.js';
import type { HelpCategory } from '../../domain/help/category.js';
import type { ApiToken } from '../../domain/integrations/api-token.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import type { FiscalRecord } from '../../domain/fiscal/fiscal-record.js';
import type { EInvoiceDispatch } from '../../domain/fiscal/einvoice-dispatch.js';
import type { PaymentReport } from '../../domain/fiscal/payment-report.js';
import type { StatementImport } from '../../application/ports/fiscal-repositories.js';
import type { StaffApiToken } from '../../domain/integrations/staff-api-token.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../domain/integrations/webhook.js';
import type { IdempotencyRecord } from '../../application/ports/integrations.js';

export interface QueuedJob {
  readonly name: JobName;
  readonly payload: JobPayloads[JobName];
}

/** The tables of the in-memory database. Values are copies; a transaction snapshots the maps. */
export class InMemoryStore {
  users = new Map<string, User>();
  accounts = new Map<string, ClientAccount>();
  staff = new Map<string, StaffMember>();
  resetTokens = new Map<string, PasswordResetToken>();
  mails = new Map<string, OutgoingMail>();
  audit: AuditEntry[] = [];
  sessions = new Map<string, SessionInfo>();
  jobs: QueuedJob[] = [];
  products = new Map<string, Product>();
  orders = new Map<string, Order>();
  quotes = new Map<string, Quote>();
  services = new Map<string, HostedService>();
  domains = new Map<string, RegisteredDomain>();
  counters = new Map<string, number>();
  /** Numbers that may skip: one object, the same before and after a restore, so a failed use case keeps its number. */
  readonly reserved = { values: new Map<string, number>() };
  invoices = new Map<string, Invoice>();
  payments = new Map<string, Payment>();
  renewals = new Map<string, Renewal>();
  apiTokens = new Map<string, ApiToken>();
  clientNotes = new Map<string, ClientNote>();
  contacts = new Map<string, Contact>();
  emailChanges = new Map<string, EmailChangeRequest>();
  emailChangeDocuments = new Map<string, string>();
  emailChangeSubmissions = new Map<string, { submission: PublicSubmission; sealedDocument: string }>();
  tickets = new Map<string, Ticket>();
  ticketMessages = new Map<string, TicketMessage>();
  ticketAttachments = new Map<string, { attachment: TicketAttachment; sealed: string }>();
  helpCategories = new Map<string, HelpCategory>();
  helpArticles = new Map<string, HelpArticle>();
  helpRelated: Array<{ articleId: string; relatedId: string; position: number }> = [];
  helpRevisions: ArticleRevision[] = [];
  /** `${articleId}|${voterHash}` → helpful. */
  helpVotes = new Map<string, boolean>();
  announcements = new Map<string, Announcement>();
  /** `${announcementId}|${userId}` → when read. */
  announcementReads = new Map<string, Date>();
  invoiceDocuments = new Map<string, ArchivedDocument>();
  fiscalRecords = new Map<string, FiscalRecord>();
  dispatches = new Map<string, EInvoiceDispatch>();
  paymentReports = new Map<string, PaymentReport>();
  statementImports: StatementImport[] = [];
  staffTokens = new Map<string, StaffApiToken>();
  webhookEndpoints = new Map<string, WebhookEndpoint>();
  webhookEvents = new Map<string, WebhookEvent>();
  webhookDeliveries = new Map<string, WebhookDelivery>();
  /** `${scope}|${key}` → what the request left. */
  idempotency = new Map<string, IdempotencyRecord>();

  /** Copies every table (maps and lists); calling the result puts them back as they were. */
  snapshot(): () => void {
    const saved = Object.fromEntries(Object.entries(this).map(([name, table]) => [name, table instanceof Map ? new Map(table) : Array.isArray(table) ? [...table] : table]));
    return () => Object.assign(this, saved);
  }
}
