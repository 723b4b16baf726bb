import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OsloTotp } from '../../adapters/system/oslo-totp.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import type { Permission } from '../../domain/authorization/permission.js';
import type { StaffRole } from '../../domain/staff/staff-member.js';
import { createApp, type App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenContact, givenOwner, givenStaff, PASSWORD, TOTP_SECRET } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { multipart } from '../support/http-portal.js';
import { APP_URL, META } from '../support/in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';

/**
 * Every route of the portal, the back office and the API, against every kind of caller. A new route without
 * a row here fails the first test. "allow" means the caller got past authorization (any answer but 401, 403
 * or a redirect to sign in); requests use ids of account A, and unknown ids where an allowed call would change
 * something, so the matrix changes nothing.
 */
type Caller = 'anonymous' | 'ownerA' | 'ownerB' | `staff:${StaffRole}` | 'token:all' | 'token:invoices' | 'stoken:billing' | 'stoken:all' | 'contact:all' | 'contact:none' | 'contact:invoices' | 'contact:otherService';
/**
 * `client` rows: the right a contact or token needs. A row naming one service or domain (`:serviceId`,
 * `:domainId`) is refused to a contact scoped to other services; `wholeAccount` marks a write that asks for
 * the whole account, which a scoped contact cannot give either.
 */
type Rule =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  /** A signed-in person or any client API token (the caller asks about itself). */
  | { kind: 'signedInOrToken' }
  | { kind: 'client'; right: Permission | null; ownerOnly?: boolean; wholeAccount?: boolean }
  /** `sessionOnly`: a staff API token is refused whatever its roles (token and webhook administration). */
  | { kind: 'staff'; roles: readonly StaffRole[]; sessionOnly?: boolean };

const ALL_STAFF: readonly StaffRole[] = ['admin', 'support', 'billing', 'verifier', 'editor'];
/** Staff who work with clients: every role but the editors of help pages. */
const CLIENT_STAFF: readonly StaffRole[] = ['admin', 'support', 'billing', 'verifier'];
const client = (right: Permission | null, ownerOnly = false, wholeAccount = false): Rule => ({ kind: 'client', right, ownerOnly, wholeAccount });
const staff = (...roles: StaffRole[]): Rule => ({ kind: 'staff', roles: roles.length ? roles : ALL_STAFF });
const staffSession = (...roles: StaffRole[]): Rule => ({ kind: 'staff', roles, sessionOnly: true });
/** The roles of the staff API tokens among the callers (a token never has admin). */
const STAFF_TOKEN_ROLES: Partial<Record<Caller, readonly StaffRole[]>> = { 'stoken:billing': ['billing'], 'stoken:all': ['support', 'billing', 'verifier', 'editor'] };

const MATRIX: Record<string, Rule> = {
  'GET /assets/app.css': { kind: 'public' },
  'GET /assets/htmx.min.js': { kind: 'public' },
  'GET /healthz': { kind: 'public' },
  'GET /': { kind: 'public' },
  'GET /sign-in': { kind: 'public' },
  'POST /sign-in': { kind: 'public' },
  'POST /sign-in/code': { kind: 'public' },
  'GET /order/thanks': { kind: 'public' },
  'POST /sign-out': { kind: 'public' },
  'POST /language': { kind: 'public' },
  'GET /password-reset': { kind: 'public' },
  'POST /password-reset': { kind: 'public' },
  'GET /password-reset/:token': { kind: 'public' },
  'POST /password-reset/:token': { kind: 'public' },
  'GET /order': { kind: 'public' },
  'POST /order': { kind: 'public' },
  'GET /dashboard': { kind: 'signedIn' },
  'GET /sessions': { kind: 'signedIn' },
  'POST /sessions/:sessionId/end': { kind: 'signedIn' },
  'GET /accounts/:accountId/services': client('services'),
  'GET /accounts/:accountId/services/:serviceId': client('services'),
  'POST /accounts/:accountId/services/:serviceId/credentials': client('credentials'),
  'GET /accounts/:accountId/services/:serviceId/credentials': client('credentials'),
  'GET /accounts/:accountId/domains/:domainId/nameservers': client('domains'),
  'GET /accounts/:accountId/domains': client('domains'),
  'GET /accounts/:accountId/domains/:domainId': client('domains'),
  'POST /accounts/:accountId/domains/:domainId/nameservers': client('domains.manage'),
  'GET /accounts/:accountId/orders': client('orders'),
  'GET /accounts/:accountId/orders/new': client('orders'),
  'POST /accounts/:accountId/orders': client('orders'),
  'GET /accounts/:accountId/quotes': client('quotes'),
  'GET /accounts/:accountId/quotes/:quoteId': client('quotes'),
  'GET /accounts/:accountId/quotes/:quoteId/pdf': client('quotes'),
  'GET /accounts/:accountId/invoices': client('invoices'),
  'GET /accounts/:accountId/invoices/:invoiceId': client('invoices'),
  'GET /accounts/:accountId/invoices/:invoiceId/pdf': client('invoices'),
  'GET /accounts/:accountId/invoices/:invoiceId/ubl': client('invoices'),
  'GET /accounts/:accountId/invoices/archive/:year': client('invoices'),
  'GET /accounts/:accountId/emails': client('emails'),
  'GET /accounts/:accountId/emails/:mailId': client('emails'),
  'GET /accounts/:accountId/audit': client(null, true),
  'GET /accounts/:accountId/tokens': client(null, true),
  'POST /accounts/:accountId/tokens': client(null, true),
  'POST /accounts/:accountId/tokens/:tokenId/revoke': client(null, true),
  'GET /accounts/:accountId/contacts': client('contacts'),
  'GET /accounts/:accountId/contacts/new': client('contacts'),
  'POST /accounts/:accountId/contacts': client('contacts'),
  'GET /accounts/:accountId/contacts/:contactId': client('contacts'),
  'POST /accounts/:accountId/contacts/:contactId': client('contacts'),
  'POST /accounts/:accountId/contacts/:contactId/invite': client('contacts', true),
  'POST /accounts/:accountId/contacts/:contactId/remove': client('contacts'),
  'GET /security': { kind: 'signedIn' },
  'GET /security/emails': { kind: 'signedIn' },
  'GET /security/emails/:mailId': { kind: 'signedIn' },
  'POST /security/two-factor/setup': { kind: 'signedIn' },
  'POST /security/two-factor/enable': { kind: 'signedIn' },
  'POST /security/two-factor/disable': { kind: 'signedIn' },
  'POST /security/password': { kind: 'signedIn' },
  'POST /security/recovery-codes': { kind: 'signedIn' },
  'GET /accounts/:accountId/profile': client('profile'),
  'POST /accounts/:accountId/profile': client('profile'),
  'GET /accounts/:accountId/email-change': client(null, true),
  'POST /accounts/:accountId/email-change': client(null, true),
  'GET /accounts/:accountId/tickets': client('tickets'),
  'GET /accounts/:accountId/tickets/new': client('tickets'),
  'POST /accounts/:accountId/tickets': client('tickets'),
  'GET /accounts/:accountId/tickets/:ticketId': client('tickets'),
  'POST /accounts/:accountId/tickets/:ticketId/messages': client('tickets'),
  'POST /accounts/:accountId/tickets/:ticketId/close': client('tickets'),
  'GET /accounts/:accountId/tickets/:ticketId/files/:fileId': client('tickets'),
  'GET /email-change': { kind: 'public' },
  'POST /email-change': { kind: 'public' },
  'GET /email-change/confirm/:token': { kind: 'public' },
  'POST /email-change/confirm/:token': { kind: 'public' },
  'GET /email-change/cancel/:token': { kind: 'public' },
  'POST /email-change/cancel/:token': { kind: 'public' },
  'GET /invitations/:token': { kind: 'public' },
  'POST /invitations/:token': { kind: 'public' },
  'POST /invitations/:token/accept': { kind: 'public' },
  'GET /staff/sign-in': { kind: 'public' },
  'POST /staff/sign-in': { kind: 'public' },
  'POST /staff/sign-out': { kind: 'public' },
  'GET /staff': staff(),
  'GET /staff/orders': staff('admin', 'support', 'billing'),
  'GET /staff/orders/:orderId': staff('admin', 'support', 'billing'),
  'POST /staff/orders/:orderId/accept': staff('admin', 'support', 'billing'),
  'POST /staff/orders/:orderId/reject': staff('admin', 'support', 'billing'),
  'POST /staff/orders/:orderId/link': staff('admin', 'support', 'billing'),
  'GET /staff/payments': staff('admin', 'billing'),
  'POST /staff/payments': staff('admin', 'billing'),
  'GET /staff/invoices/:invoiceId': staff('admin', 'billing'),
  'GET /staff/invoices/:invoiceId/pdf': staff('admin', 'billing'),
  'GET /staff/invoices/:invoiceId/ubl': staff('admin', 'billing'),
  'GET /staff/accounts/:accountId/buyer-class': staff('admin', 'billing'),
  'POST /staff/accounts/:accountId/buyer-class': staff('admin', 'billing'),
  'POST /staff/invoices/:invoiceId/credit-note': staff('admin', 'billing'),
  'POST /staff/invoices/:invoiceId/retry-delivery': staff('admin', 'billing'),
  'GET /staff/einvoicing': staff('admin', 'billing'),
  'GET /staff/bank-statements': staff('admin', 'billing'),
  'POST /staff/bank-statements': staff('admin', 'billing'),
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId/delivery': client('invoices'),
  'GET /api/v1/staff/invoices/:invoiceId/delivery': staff('admin', 'billing'),
  'POST /api/v1/staff/invoices/:invoiceId/retry-delivery': staff('admin', 'billing'),
  'GET /api/v1/staff/einvoicing/waiting': staff('admin', 'billing'),
  'GET /api/v1/staff/einvoicing/rejected': staff('admin', 'billing'),
  'GET /api/v1/staff/bank-statements': staff('admin', 'billing'),
  'POST /api/v1/staff/bank-statements': staff('admin', 'billing'),
  'GET /staff/audit': staff('admin'),
  'GET /staff/email-changes': staff('admin', 'verifier'),
  'GET /staff/email-changes/:requestId': staff('admin', 'verifier'),
  'GET /staff/email-changes/:requestId/document': staff('admin', 'verifier'),
  'POST /staff/email-changes/:requestId/approve': staff('admin', 'verifier'),
  'POST /staff/email-changes/:requestId/reject': staff('admin', 'verifier'),
  'GET /staff/accounts/:accountId/profile': staff('admin', 'support'),
  'GET /staff/tickets': staff('admin', 'support', 'billing'),
  'GET /staff/tickets/:ticketId': staff('admin', 'support', 'billing'),
  'POST /staff/tickets/:ticketId/messages': staff('admin', 'support', 'billing'),
  'POST /staff/tickets/:ticketId/carry-out': staff('admin', 'support', 'billing'),
  'POST /staff/tickets/:ticketId/decline': staff('admin', 'support', 'billing'),
  'GET /staff/tickets/:ticketId/files/:fileId': staff('admin', 'support', 'billing'),
  'GET /staff/clients': staff(...CLIENT_STAFF),
  'POST /staff/users/:userId/two-factor/reset': staff('admin', 'support'),
  'GET /staff/clients/:accountId': staff(...CLIENT_STAFF),
  'POST /staff/clients/:accountId/notes': staff(...CLIENT_STAFF),
  'POST /staff/accounts/:accountId/locks': staff('admin', 'support'),
  'GET /staff/mail': staff('admin', 'support'),
  'POST /staff/mail/:mailId/resend': staff('admin', 'support'),
  'GET /api/v1/staff/mail/undelivered': staff('admin', 'support'),
  'POST /api/v1/staff/mail/:mailId/resend': staff('admin', 'support'),
  // The mail catcher's inbox exists only when the in-process SMTP catcher runs (development and tests).
  'GET /dev/mail': { kind: 'public' },
  'GET /dev/mail.json': { kind: 'public' },
  'GET /dev/mail/:id{[0-9]+}': { kind: 'public' },
  'GET /api/v1/health': { kind: 'public' },
  'GET /api/v1/me': { kind: 'signedInOrToken' },
  'POST /api/v1/password-reset': { kind: 'public' },
  'GET /api/v1/catalog': { kind: 'public' },
  'GET /api/v1/openapi.json': { kind: 'public' },
  'GET /api/v1/docs': { kind: 'public' },
  'GET /api/v1/accounts/:accountId/orders': client('orders'),
  'POST /api/v1/accounts/:accountId/orders': client('orders'),
  'GET /api/v1/accounts/:accountId/services': client('services'),
  'GET /api/v1/accounts/:accountId/domains': client('domains'),
  'GET /api/v1/accounts/:accountId/quotes': client('quotes'),
  'GET /api/v1/accounts/:accountId/invoices': client('invoices'),
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId': client('invoices'),
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId/pdf': client('invoices'),
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId/ubl': client('invoices'),
  'GET /api/v1/accounts/:accountId/invoice-archives/:year': client('invoices'),
  'GET /api/v1/accounts/:accountId/contacts': client('contacts'),
  'POST /api/v1/accounts/:accountId/contacts': client('contacts', false, true),
  'GET /api/v1/accounts/:accountId/contacts/:contactId': client('contacts'),
  'PUT /api/v1/accounts/:accountId/contacts/:contactId': client('contacts'),
  'DELETE /api/v1/accounts/:accountId/contacts/:contactId': client('contacts'),
  'POST /api/v1/accounts/:accountId/contacts/:contactId/invitation': client('contacts', true),
  'POST /api/v1/staff/accounts/:accountId/invoices': staff('admin', 'billing'),
  'POST /api/v1/staff/payments': staff('admin', 'billing'),
  'GET /api/v1/accounts/:accountId/profile': client('profile'),
  'PUT /api/v1/accounts/:accountId/profile': client('profile'),
  'GET /api/v1/accounts/:accountId/email-change': client(null, true),
  'POST /api/v1/accounts/:accountId/email-change': client(null, true),
  'POST /api/v1/email-change': { kind: 'public' },
  'GET /api/v1/accounts/:accountId/tickets': client('tickets'),
  'GET /api/v1/accounts/:accountId/ticket-options': client('tickets'),
  'POST /api/v1/accounts/:accountId/tickets': client('tickets'),
  'GET /api/v1/accounts/:accountId/tickets/:ticketId': client('tickets'),
  'POST /api/v1/accounts/:accountId/tickets/:ticketId/messages': client('tickets'),
  'GET /api/v1/staff/tickets': staff('admin', 'support', 'billing'),
  'GET /api/v1/staff/tickets/:ticketId': staff('admin', 'support', 'billing'),
  'POST /api/v1/staff/tickets/:ticketId/messages': staff('admin', 'support', 'billing'),
  'POST /api/v1/staff/tickets/:ticketId/request': staff('admin', 'support', 'billing'),
  'GET /api/v1/staff/clients': staff(...CLIENT_STAFF),
  'GET /api/v1/staff/email-changes': staffSession('admin', 'verifier'),
  'GET /api/v1/staff/email-changes/:requestId': staffSession('admin', 'verifier'),
  'POST /api/v1/staff/email-changes/:requestId/decision': staffSession('admin', 'verifier'),
  'GET /help': { kind: 'public' },
  'GET /help/search': { kind: 'public' },
  'GET /help/categories/:slug': { kind: 'public' },
  'GET /help/articles/:slug': { kind: 'public' },
  'POST /help/articles/:slug/vote': { kind: 'public' },
  'GET /announcements': { kind: 'public' },
  'POST /announcements/:id/read': { kind: 'signedIn' },
  'GET /staff/help': staff('admin', 'editor'),
  'GET /staff/help/articles/new': staff('admin', 'editor'),
  'POST /staff/help/articles': staff('admin', 'editor'),
  'GET /staff/help/articles/:id': staff('admin', 'editor'),
  'POST /staff/help/articles/:id': staff('admin', 'editor'),
  'POST /staff/help/articles/:id/publish': staff('admin', 'editor'),
  'POST /staff/help/articles/:id/unpublish': staff('admin', 'editor'),
  'POST /staff/help/articles/:id/move': staff('admin', 'editor'),
  'POST /staff/help/articles/:id/related': staff('admin', 'editor'),
  'POST /staff/help/articles/:id/delete': staff('admin', 'editor'),
  'POST /staff/help/categories': staff('admin', 'editor'),
  'POST /staff/help/categories/:id': staff('admin', 'editor'),
  'GET /staff/announcements': staff('admin', 'support', 'editor'),
  'POST /staff/announcements': staff('admin', 'support', 'editor'),
  'POST /staff/announcements/:id/withdraw': staff('admin', 'support', 'editor'),
  'GET /api/v1/help/categories': { kind: 'public' },
  'GET /api/v1/help/articles': { kind: 'public' },
  'GET /api/v1/help/articles/:slug': { kind: 'public' },
  'GET /api/v1/help/search': { kind: 'public' },
  'POST /api/v1/help/articles/:slug/vote': { kind: 'public' },
  'GET /api/v1/staff/help/articles': staff('admin', 'editor'),
  'POST /api/v1/staff/help/articles': staff('admin', 'editor'),
  'GET /api/v1/staff/help/articles/:id': staff('admin', 'editor'),
  'PUT /api/v1/staff/help/articles/:id': staff('admin', 'editor'),
  'DELETE /api/v1/staff/help/articles/:id': staff('admin', 'editor'),
  'PUT /api/v1/staff/help/articles/:id/status': staff('admin', 'editor'),
  'POST /api/v1/staff/help/articles/:id/move': staff('admin', 'editor'),
  'PUT /api/v1/staff/help/articles/:id/related': staff('admin', 'editor'),
  'POST /api/v1/staff/help/categories': staff('admin', 'editor'),
  'PUT /api/v1/staff/help/categories/:id': staff('admin', 'editor'),
  'GET /api/v1/staff/announcements': staff('admin', 'support', 'editor'),
  'POST /api/v1/staff/announcements': staff('admin', 'support', 'editor'),
  'POST /api/v1/staff/announcements/:id/withdraw': staff('admin', 'support', 'editor'),
  'GET /api/v1/docs/assets/:file': { kind: 'public' },
  'POST /api/v1/orders': { kind: 'public' },
  'GET /api/v1/accounts/:accountId/overview': client(null),
  'GET /api/v1/announcements': { kind: 'public' },
  'POST /api/v1/announcements/:id/read': { kind: 'signedIn' },
  'GET /api/v1/accounts/:accountId/orders/:orderId': client('orders'),
  'GET /api/v1/staff/orders': staff('admin', 'support', 'billing'),
  'GET /api/v1/staff/orders/:orderId': staff('admin', 'support', 'billing'),
  'POST /api/v1/staff/orders/:orderId/accept': staff('admin', 'support', 'billing'),
  'POST /api/v1/staff/orders/:orderId/reject': staff('admin', 'support', 'billing'),
  'POST /api/v1/staff/orders/:orderId/link': staff('admin', 'support', 'billing'),
  'GET /api/v1/accounts/:accountId/services/:serviceId': client('services'),
  'POST /api/v1/accounts/:accountId/services/:serviceId/access-data': client('credentials'),
  'GET /api/v1/accounts/:accountId/domains/:domainId': client('domains'),
  'PUT /api/v1/accounts/:accountId/domains/:domainId/nameservers': client('domains.manage'),
  'GET /api/v1/accounts/:accountId/quotes/:quoteId': client('quotes'),
  'GET /api/v1/accounts/:accountId/quotes/:quoteId/pdf': client('quotes'),
  'GET /api/v1/staff/payments': staff('admin', 'billing'),
  'GET /api/v1/staff/invoices/:invoiceId': staff('admin', 'billing'),
  'GET /api/v1/staff/invoices/:invoiceId/pdf': staff('admin', 'billing'),
  'GET /api/v1/staff/invoices/:invoiceId/ubl': staff('admin', 'billing'),
  'POST /api/v1/staff/invoices/:invoiceId/credit-note': staff('admin', 'billing'),
  'GET /api/v1/staff/accounts/:accountId/buyer-class': staff('admin', 'billing'),
  'PUT /api/v1/staff/accounts/:accountId/buyer-class': staff('admin', 'billing'),
  'GET /api/v1/accounts/:accountId/emails': client('emails'),
  'GET /api/v1/accounts/:accountId/emails/:mailId': client('emails'),
  'GET /api/v1/accounts/:accountId/audit': client(null, true),
  'GET /api/v1/accounts/:accountId/api-tokens': client(null, true),
  'POST /api/v1/accounts/:accountId/api-tokens': client(null, true),
  'DELETE /api/v1/accounts/:accountId/api-tokens/:tokenId': client(null, true),
  'GET /api/v1/me/sessions': { kind: 'signedIn' },
  'DELETE /api/v1/me/sessions/:sessionId': { kind: 'signedIn' },
  'GET /api/v1/me/security-messages': { kind: 'signedIn' },
  'GET /api/v1/staff/email-changes/:requestId/document': staffSession('admin', 'verifier'),
  'POST /api/v1/accounts/:accountId/tickets/:ticketId/attachments': client('tickets'),
  'POST /api/v1/accounts/:accountId/tickets/:ticketId/close': client('tickets'),
  'GET /api/v1/accounts/:accountId/tickets/:ticketId/files/:fileId': client('tickets'),
  'POST /api/v1/staff/tickets/:ticketId/attachments': staff('admin', 'support', 'billing'),
  'GET /api/v1/staff/tickets/:ticketId/files/:fileId': staff('admin', 'support', 'billing'),
  'GET /api/v1/staff/clients/:accountId': staff(...CLIENT_STAFF),
  'GET /api/v1/staff/accounts/:accountId/profile': staff('admin', 'support'),
  'PUT /api/v1/staff/accounts/:accountId/locks': staff('admin', 'support'),
  'POST /api/v1/staff/users/:userId/two-factor/reset': staffSession('admin', 'support'),
  'GET /api/v1/staff/audit': staff('admin'),
  'GET /api/v1/staff/api-tokens': staffSession('admin'),
  'POST /api/v1/staff/api-tokens': staffSession('admin'),
  'DELETE /api/v1/staff/api-tokens/:tokenId': staffSession('admin'),
  'GET /api/v1/accounts/:accountId/webhooks': client(null, true),
  'POST /api/v1/accounts/:accountId/webhooks': client(null, true),
  'DELETE /api/v1/accounts/:accountId/webhooks/:endpointId': client(null, true),
  'GET /api/v1/accounts/:accountId/webhooks/:endpointId/deliveries': client(null, true),
  'POST /api/v1/accounts/:accountId/webhooks/:endpointId/deliveries/:deliveryId/replay': client(null, true),
  'GET /api/v1/staff/webhooks': staffSession('admin'),
  'POST /api/v1/staff/webhooks': staffSession('admin'),
  'DELETE /api/v1/staff/webhooks/:endpointId': staffSession('admin'),
  'GET /api/v1/staff/webhooks/:endpointId/deliveries': staffSession('admin'),
  'POST /api/v1/staff/webhooks/:endpointId/deliveries/:deliveryId/replay': staffSession('admin'),
};

/** Routes a caller would change for everybody (their own session): checked for the anonymous caller only. */
const ANONYMOUS_ONLY = new Set(['POST /sign-in/code', 'POST /api/v1/orders', 'POST /email-change', 'POST /api/v1/email-change', 'POST /sign-in', 'POST /sign-out', 'POST /staff/sign-in', 'POST /staff/sign-out', 'POST /language', 'POST /password-reset', 'POST /password-reset/:token', 'POST /order', 'POST /api/v1/password-reset']);

/** Valid bodies for API writes, so a refusal can only come from authorization (not from validation). */
const BODIES: Record<string, unknown> = {
  'POST /api/v1/help/articles/:slug/vote': { helpful: true },
  // Well-formed, but refused by the use case after the policy said yes (no title, unknown ids).
  'POST /api/v1/staff/help/articles': { categoryId: '00000000-0000-4000-8000-000000000000', locale: 'hr', title: '', bodyMarkdown: '' },
  'PUT /api/v1/staff/help/articles/:id': { categoryId: '00000000-0000-4000-8000-000000000000', locale: 'hr', title: '', bodyMarkdown: '' },
  'PUT /api/v1/staff/help/articles/:id/status': { status: 'draft' },
  'POST /api/v1/staff/help/articles/:id/move': { direction: 'up' },
  'PUT /api/v1/staff/help/articles/:id/related': { slugs: [] },
  'POST /api/v1/staff/help/categories': { nameHr: '' },
  'PUT /api/v1/staff/help/categories/:id': { nameHr: '' },
  'POST /api/v1/staff/announcements': { kind: 'news', titleHr: '', bodyHr: '' },
  // Well-formed for the schema; the use case refuses the empty subject or body after the policy said yes.
  'POST /api/v1/accounts/:accountId/tickets': { subject: '', department: 'technical', priority: 'normal', body: '' },
  'POST /api/v1/accounts/:accountId/tickets/:ticketId/messages': { body: '' },
  'POST /api/v1/staff/tickets/:ticketId/messages': { body: '' },
  'POST /api/v1/staff/tickets/:ticketId/request': { action: 'decline', reason: 'matrica' },
  // A wrong password: an allowed caller gets past authorization (422) and nothing changes.

  'POST /api/v1/staff/email-changes/:requestId/decision': { decision: 'reject', reason: 'matrica' },
  'POST /api/v1/accounts/:accountId/contacts': { name: 'Matrica', email: 'matrica-kontakt@example.hr', login: false, permissions: [], scope: null, subscriptions: [] },
  'PUT /api/v1/accounts/:accountId/contacts/:contactId': { name: 'Matrica', permissions: [], scope: null, subscriptions: [] },
  'POST /api/v1/accounts/:accountId/orders': { items: [{ productCode: 'DOM-EU', domainName: 'matrica-api.eu' }] },
  'POST /api/v1/staff/accounts/:accountId/invoices': { dueDate: '2099-01-01', lines: [{ description: 'Matrica', unitPriceCents: 100, quantity: 1, vat: 'S25', kpdCode: '63.10.12', unitCode: 'C62' }] },
  'POST /api/v1/staff/payments': { bankTransactionId: 'MATRIX-2', amountCents: 100, receivedOn: '2026-11-20', reference: '9-9-9', payerName: '' },
  // Unknown ids, or a field the use case refuses after the policy said yes: nothing changes.
  'POST /api/v1/staff/orders/:orderId/reject': { reason: 'matrica' },
  'PUT /api/v1/accounts/:accountId/domains/:domainId/nameservers': { nameservers: ['ns1.test.hr', 'ns2.test.hr'] },
  'POST /api/v1/staff/invoices/:invoiceId/credit-note': { reason: '' },
  'PUT /api/v1/staff/accounts/:accountId/locks': { fields: [] },
  'PUT /api/v1/staff/accounts/:accountId/buyer-class': { buyerClass: 'vat_business', country: 'HR', vatNumber: '' },
  'POST /api/v1/staff/users/:userId/two-factor/reset': { reason: 'matrica' },
  'POST /api/v1/accounts/:accountId/api-tokens': { name: '', permissions: ['invoices'] },
  'POST /api/v1/staff/api-tokens': { name: '', roles: ['billing'] },
  'POST /api/v1/accounts/:accountId/webhooks': { name: '', url: 'https://matrica.example.hr/hook', events: ['order.placed'] },
  'POST /api/v1/staff/webhooks': { name: '', url: 'https://matrica.example.hr/hook', events: ['order.placed'] },
};

/** Valid document uploads for the API routes that take one (a multipart form). */
const pdf = { field: 'document', bytes: new Uint8Array(Buffer.from('%PDF-1.7 matrica')), name: 'matrica.pdf', type: 'application/pdf' };
const UPLOADS: Record<string, () => FormData> = {
  // A wrong password: an allowed caller gets past authorization (422) and nothing changes.
  'POST /api/v1/accounts/:accountId/email-change': () => multipart({ password: 'not the password', newEmail: 'matrica-nova@example.hr' }, pdf),
  'POST /api/v1/email-change': () => multipart({ oib: '1', newEmail: 'x' }, pdf),
  // An empty message: refused by the use case after the policy said yes.
  'POST /api/v1/accounts/:accountId/tickets/:ticketId/attachments': () => multipart({ body: '' }, { ...pdf, field: 'file' }),
  'POST /api/v1/staff/tickets/:ticketId/attachments': () => multipart({ body: '' }, { ...pdf, field: 'file' }),
  // Not a bank statement: an allowed caller gets past authorization (422) and nothing is booked.
  'POST /api/v1/staff/bank-statements': () => multipart({}, { field: 'file', bytes: new TextEncoder().encode('<Document/>'), name: 'izvod.xml', type: 'application/xml' }),
};

/** Required query parameters, so that a refusal can only come from authorization (not from validation). */
const QUERIES: Record<string, string> = { 'GET /api/v1/staff/clients': '?q=matrica' };

const CALLERS: readonly Caller[] = ['anonymous', 'ownerA', 'ownerB', 'staff:admin', 'staff:support', 'staff:billing', 'staff:verifier', 'staff:editor', 'token:all', 'token:invoices', 'stoken:billing', 'stoken:all', 'contact:all', 'contact:none', 'contact:invoices', 'contact:otherService'];
const PEOPLE: readonly Caller[] = ['ownerA', 'ownerB', 'contact:all', 'contact:none', 'contact:invoices', 'contact:otherService'];

function expected(rule: Rule, caller: Caller, api: boolean, route: string): 'allow' | 'deny' {
  if (rule.kind === 'public') return 'allow';
  if (rule.kind === 'signedIn') return PEOPLE.includes(caller) ? 'allow' : 'deny';
  if (rule.kind === 'signedInOrToken') return PEOPLE.includes(caller) || caller.startsWith('token:') ? 'allow' : 'deny';
  const tokenRoles = STAFF_TOKEN_ROLES[caller];
  if (rule.kind === 'staff' && tokenRoles) return api && !rule.sessionOnly && tokenRoles.some((r) => rule.roles.includes(r)) ? 'allow' : 'deny';
  if (rule.kind === 'staff') return caller.startsWith('staff:') && rule.roles.includes(caller.slice(6) as StaffRole) ? 'allow' : 'deny';
  if (tokenRoles) return 'deny';
  if (caller === 'ownerA') return 'allow';
  if (caller === 'token:all') return api && !rule.ownerOnly ? 'allow' : 'deny';
  if (caller === 'token:invoices') return api && !rule.ownerOnly && (rule.right === 'invoices' || rule.right === null) ? 'allow' : 'deny';
  if (rule.ownerOnly) return 'deny';
  if (caller === 'contact:all') return 'allow';
  if (caller === 'contact:none') return rule.right === null ? 'allow' : 'deny';
  if (caller === 'contact:invoices') return rule.right === null || rule.right === 'invoices' ? 'allow' : 'deny';
  if (caller === 'contact:otherService') return /:serviceId|:domainId/u.test(route) || rule.wholeAccount ? 'deny' : 'allow';
  return 'deny';
}

let portal: PostgresPortal;
let app: App;
const clients = new Map<Caller, ReturnType<typeof httpClient>>();
const tokens: Partial<Record<Caller, string>> = {};
let ids: Record<string, string>;

beforeAll(async () => {
  portal = await postgresPortal();
  await seedCatalog(portal.services);
  const useCases = buildUseCases(portal.services, { database: portal.database });
  app = createApp({ useCases, appUrl: APP_URL, secureCookies: false, trustProxy: false, mailCatcher: portal.catcher, log: () => undefined });
  const a = await givenOwner(portal.services);
  const b = await givenOwner(portal.services);
  const ownerA = { kind: 'user' as const, userId: a.user.id, memberships: [{ accountId: a.account.id, role: 'owner' as const, permissions: [] }] };
  const order = await useCases.placeOrder.asMember(
    ownerA,
    { accountId: a.account.id, items: [{ productCode: 'HOST-START', domainName: 'matrica.hr' }, { productCode: 'DOM-HR', domainName: 'matrica.hr' }, { productCode: 'HOST-START', domainName: 'druga-matrica.hr' }, { productCode: 'DOM-HR', domainName: 'druga-matrica.hr' }] },
    META,
  );
  if (!order.ok) throw new Error('order failed');
  const admin = await givenStaff(portal.services, ['admin']);
  const adminActor = { kind: 'staff' as const, staffId: admin.id, roles: admin.roles };
  await useCases.decideOrder.accept(adminActor, order.value.id, META);
  const quote = await portal.services.uow.run((scope) => scope.quotes.findByOrder(order.value.id));
  const paid = await useCases.recordPayment.execute(adminActor, { bankTransactionId: 'MATRIX-1', amountCents: quote!.grossCents, receivedOn: '2026-11-20', reference: quote!.paymentReference.number, payerName: '' }, META);
  if (!paid.ok || !paid.value.invoice) throw new Error('payment failed');
  const services = await portal.services.uow.run((scope) => scope.services.listForAccount(a.account.id, { limit: 2 }));
  const domains = await portal.services.uow.run((scope) => scope.domains.listForAccount(a.account.id, { limit: 2 }));
  const everything = ['profile', 'contacts', 'services', 'services.manage', 'credentials', 'domains', 'domains.manage', 'orders', 'quotes', 'invoices', 'tickets', 'emails'] as const;
  const contacts: Partial<Record<Caller, { user: { email: string } }>> = {
    'contact:all': await givenContact(portal.services, a.account.id, { permissions: everything }),
    'contact:none': await givenContact(portal.services, a.account.id, { permissions: [] }),
    'contact:invoices': await givenContact(portal.services, a.account.id, { permissions: ['invoices'] }),
    // Every right, but only over the second service and domain: the rows use the first.
    'contact:otherService': await givenContact(portal.services, a.account.id, { permissions: everything, scope: { serviceIds: [services.items[1]!.id], domainIds: [domains.items[1]!.id] } }),
  };
  const mails = await portal.services.uow.run((scope) => scope.mails.listForAccount(a.account.id, { limit: 1 }));
  const all = await useCases.apiTokens.create(ownerA, a.account.id, { name: 'all', permissions: [...everything] }, META);
  const invoicesOnly = await useCases.apiTokens.create(ownerA, a.account.id, { name: 'invoices', permissions: ['invoices'] }, META);
  if (!all.ok || !invoicesOnly.ok) throw new Error('tokens failed');
  tokens['token:all'] = all.value.token;
  tokens['token:invoices'] = invoicesOnly.value.token;
  for (const [caller, roles] of Object.entries(STAFF_TOKEN_ROLES)) {
    const made = await useCases.staffTokens.create(adminActor, { name: caller, roles: [...roles] }, META);
    if (!made.ok) throw new Error(`staff token failed: ${made.error.code}`);
    tokens[caller as Caller] = made.value.token;
  }
  // The same details the account has: an allowed change changes nothing.
  BODIES['PUT /api/v1/accounts/:accountId/profile'] = { name: a.account.name, street: a.account.street, postalCode: a.account.postalCode, city: a.account.city, phone: a.account.phone };
  ids = {
    id: crypto.randomUUID(),
    slug: 'matrica-nema-clanka',
    requestId: crypto.randomUUID(),
    ticketId: crypto.randomUUID(),
    userId: crypto.randomUUID(),
    fileId: crypto.randomUUID(),
    accountId: a.account.id,
    serviceId: services.items[0]!.id,
    domainId: domains.items[0]!.id,
    invoiceId: paid.value.invoice.id,
    quoteId: quote!.id,
    mailId: mails.items[0]!.id,
    orderId: crypto.randomUUID(),
    tokenId: crypto.randomUUID(),
    endpointId: crypto.randomUUID(),
    deliveryId: crypto.randomUUID(),
    file: 'docs.js',
    contactId: crypto.randomUUID(),
    sessionId: 'f'.repeat(64),
    token: 'abcdefghijklmnopqrstuvwxyz234567',
    year: String(new Date().getUTCFullYear()),
  };

  for (const caller of CALLERS) {
    const c = httpClient(app);
    if (caller === 'ownerA' || caller === 'ownerB') {
      const email = caller === 'ownerA' ? a.user.email : b.user.email;
      expect((await c.post('/sign-in', { form: { email, password: PASSWORD } })).status).toBe(303);
    } else if (contacts[caller]) {
      expect((await c.post('/sign-in', { form: { email: contacts[caller].user.email, password: PASSWORD } })).status).toBe(303);
    } else if (caller.startsWith('staff:')) {
      const member = caller === 'staff:admin' ? admin : await givenStaff(portal.services, [caller.slice(6) as StaffRole]);
      expect((await c.post('/staff/sign-in', { form: { email: member.email, password: PASSWORD, code: OsloTotp.codeAt(TOTP_SECRET, portal.clock.now()) } })).status).toBe(303);
    }
    clients.set(caller, c);
  }
});

afterAll(async () => {
  await portal.close();
});

describe('authorization matrix', () => {
  it('has a row for every route', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.has(r))).toEqual([]);
  });

  for (const [route, rule] of Object.entries(MATRIX)) {
    it(route, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const base = pattern.replace(/:(\w+)/gu, (_, name: string) => ids[name] ?? 'x');
      const path = `${base}${QUERIES[route] ?? ''}`;
      const api = base.startsWith('/api/');
      const outcomes: string[] = [];
      for (const caller of CALLERS) {
        if (ANONYMOUS_ONLY.has(route) && caller !== 'anonymous') continue;
        const token = tokens[caller];
        const c = token ? httpClient(app) : clients.get(caller)!;
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const body = UPLOADS[route] ? { multipart: UPLOADS[route]() } : api ? { json: BODIES[route] ?? {} } : { form: {} };
        const response = method === 'GET' ? await c.get(path, { headers }) : await c.send(method, path, { headers, ...body });
        const location = response.headers.get('location') ?? '';
        // Public routes answer everybody (a wrong password is a 401 from sign-in, not a refusal to talk).
        const denied =
          rule.kind === 'public'
            ? response.status === 403
            : response.status === 401 || response.status === 403 || (response.status === 303 && /\/(staff\/)?sign-in/u.test(location));
        const got = denied ? 'deny' : 'allow';
        const want = expected(rule, caller, api, route);
        if (got !== want) outcomes.push(`${caller}: expected ${want}, got ${response.status} ${location}`);
        expect(response.status, `${caller} ${route}`).toBeLessThan(500);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
