import { EntitySchema } from '@mikro-orm/core';
import { ClientAccount } from '../../domain/accounts/client-account.js';
import { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import { User } from '../../domain/identity/user.js';
import { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import { StaffMember } from '../../domain/staff/staff-member.js';
import { Product } from '../../domain/catalog/product.js';
import { Order } from '../../domain/ordering/order.js';
import { Quote } from '../../domain/billing/quote.js';
import { Invoice } from '../../domain/billing/invoice.js';
import { Payment } from '../../domain/billing/payment.js';
import { Renewal } from '../../domain/billing/renewal.js';
import { Contact } from '../../domain/contacts/contact.js';
import { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import { Ticket, TicketMessage } from '../../domain/support/ticket.js';
import { ApiToken } from '../../domain/integrations/api-token.js';
import { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';

/** Plain domain classes mapped from outside the domain; the tables themselves are made by migrations/. */
export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', columnType: 'text', unique: true },
    name: { type: 'string', columnType: 'text' },
    passwordHash: { type: 'string', columnType: 'text', nullable: true },
    locale: { type: 'string', columnType: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    passwordChangedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    totpSealed: { type: 'string', columnType: 'text', nullable: true },
    lastTotpStep: { type: 'integer' },
    recoveryCodes: { type: 'string[]', columnType: 'text[]' },
  },
});

export const ClientAccountSchema = new EntitySchema<ClientAccount>({
  class: ClientAccount,
  tableName: 'client_accounts',
  properties: {
    id: { type: 'uuid', primary: true },
    entityType: { type: 'string', columnType: 'text' },
    name: { type: 'string', columnType: 'text' },
    oib: { type: 'string', columnType: 'char(11)', unique: true },
    email: { type: 'string', columnType: 'text' },
    phone: { type: 'string', columnType: 'text' },
    street: { type: 'string', columnType: 'text' },
    postalCode: { type: 'string', columnType: 'text' },
    city: { type: 'string', columnType: 'text' },
    country: { type: 'string', columnType: 'char(2)' },
    ownerUserId: { type: 'uuid', index: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lockedFields: { type: 'string[]', columnType: 'text[]' },
    buyerClass: { type: 'string', columnType: 'text' },
    vatNumber: { type: 'string', columnType: 'text', nullable: true },
    einvoiceRequested: { type: 'boolean', default: false },
  },
});

export const StaffMemberSchema = new EntitySchema<StaffMember>({
  class: StaffMember,
  tableName: 'staff_members',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', columnType: 'text', unique: true },
    name: { type: 'string', columnType: 'text' },
    passwordHash: { type: 'string', columnType: 'text' },
    totpSealed: { type: 'string', columnType: 'text' },
    lastTotpStep: { type: 'integer' },
    roles: { type: 'string[]', columnType: 'text[]' },
    oib: { type: 'string', columnType: 'char(11)', nullable: true },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

export const PasswordResetTokenSchema = new EntitySchema<PasswordResetToken>({
  class: PasswordResetToken,
  tableName: 'password_reset_tokens',
  properties: {
    tokenHash: { type: 'string', columnType: 'text', primary: true },
    userId: { type: 'uuid', index: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    usedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export const OutgoingMailSchema = new EntitySchema<OutgoingMail>({
  class: OutgoingMail,
  tableName: 'mail_messages',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid', nullable: true },
    userId: { type: 'uuid', nullable: true },
    topic: { type: 'string', columnType: 'text' },
    to: { type: 'string', columnType: 'text', fieldName: 'to_address' },
    subject: { type: 'string', columnType: 'text' },
    text: { type: 'text', fieldName: 'text_body' },
    html: { type: 'text', fieldName: 'html_body' },
    personal: { type: 'boolean' },
    about: { type: 'json', columnType: 'jsonb', nullable: true },
    sealedSecret: { type: 'text', nullable: true },
    status: { type: 'string', columnType: 'text' },
    attempts: { type: 'integer' },
    lastError: { type: 'string', columnType: 'text', nullable: true },
    claimedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    sentAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export interface AuditRow {
  id: string;
  at: Date;
  actorKind: string;
  actorId: string | null;
  accountId: string | null;
  action: string;
  clientAddress: string | null;
  details: Record<string, string | number | boolean | null>;
}

export const AuditRowSchema = new EntitySchema<AuditRow>({
  name: 'AuditRow',
  tableName: 'audit_log',
  properties: {
    id: { type: 'uuid', primary: true },
    at: { type: 'datetime', columnType: 'timestamptz' },
    actorKind: { type: 'string', columnType: 'text' },
    actorId: { type: 'uuid', nullable: true },
    accountId: { type: 'uuid', nullable: true },
    action: { type: 'string', columnType: 'text' },
    clientAddress: { type: 'string', columnType: 'text', nullable: true },
    details: { type: 'json', columnType: 'jsonb' },
  },
});

export const ALL_SCHEMAS: EntitySchema<any>[] = [UserSchema, ClientAccountSchema, StaffMemberSchema, PasswordResetTokenSchema, OutgoingMailSchema, AuditRowSchema];

export const ProductSchema = new EntitySchema<Product>({
  class: Product,
  tableName: 'products',
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'string', columnType: 'text', unique: true },
    kind: { type: 'string', columnType: 'text' },
    nameHr: { type: 'string', columnType: 'text' },
    nameEn: { type: 'string', columnType: 'text' },
    descriptionHr: { type: 'string', columnType: 'text' },
    descriptionEn: { type: 'string', columnType: 'text' },
    periodMonths: { type: 'integer' },
    priceCents: { type: 'integer' },
    vatRatePercent: { type: 'integer' },
    tld: { type: 'string', columnType: 'text', nullable: true },
    kpdCode: { type: 'string', columnType: 'text' },
    unitCode: { type: 'string', columnType: 'text' },
    active: { type: 'boolean' },
    sortOrder: { type: 'integer' },
  },
});

export const OrderSchema = new EntitySchema<Order>({
  class: Order,
  tableName: 'orders',
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'string', columnType: 'text', unique: true },
    accountId: { type: 'uuid', nullable: true },
    placedByUserId: { type: 'uuid', nullable: true },
    source: { type: 'string', columnType: 'text' },
    status: { type: 'string', columnType: 'text' },
    lines: { type: 'json', columnType: 'jsonb' },
    unlinkedCustomer: { type: 'json', columnType: 'jsonb', nullable: true },
    idempotencyKey: { type: 'string', columnType: 'text', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    decidedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    decidedByStaffId: { type: 'uuid', nullable: true },
    rejectionReason: { type: 'string', columnType: 'text', nullable: true },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const QuoteSchema = new EntitySchema<Quote>({
  class: Quote,
  tableName: 'quotes',
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'string', columnType: 'text', unique: true },
    accountId: { type: 'uuid' },
    orderId: { type: 'uuid', nullable: true },
    lines: { type: 'json', columnType: 'jsonb' },
    netCents: { type: 'integer' },
    vatCents: { type: 'integer' },
    grossCents: { type: 'integer' },
    status: { type: 'string', columnType: 'text' },
    issuedAt: { type: 'datetime', columnType: 'timestamptz' },
    validUntil: { type: 'datetime', columnType: 'timestamptz' },
    paymentReference: { type: 'json', columnType: 'jsonb' },
    renewalId: { type: 'uuid', nullable: true },
  },
});

export const HostedServiceSchema = new EntitySchema<HostedService>({
  class: HostedService,
  tableName: 'services',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    orderId: { type: 'uuid' },
    productId: { type: 'uuid' },
    productCode: { type: 'string', columnType: 'text' },
    kind: { type: 'string', columnType: 'text' },
    name: { type: 'string', columnType: 'text' },
    domainName: { type: 'string', columnType: 'text' },
    status: { type: 'string', columnType: 'text' },
    periodMonths: { type: 'integer' },
    activatedAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    sealedCredentials: { type: 'string', columnType: 'text', nullable: true },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const RegisteredDomainSchema = new EntitySchema<RegisteredDomain>({
  class: RegisteredDomain,
  tableName: 'domains',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    orderId: { type: 'uuid' },
    name: { type: 'string', columnType: 'text' },
    status: { type: 'string', columnType: 'text' },
    periodMonths: { type: 'integer' },
    registeredAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    nameservers: { type: 'string[]', columnType: 'text[]' },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

ALL_SCHEMAS.push(ProductSchema, OrderSchema, QuoteSchema, HostedServiceSchema, RegisteredDomainSchema);

export const InvoiceSchema = new EntitySchema<Invoice>({
  class: Invoice,
  tableName: 'invoices',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string', columnType: 'text' },
    number: { type: 'string', columnType: 'text' },
    year: { type: 'integer' },
    sequence: { type: 'integer' },
    premises: { type: 'string', columnType: 'text' },
    device: { type: 'string', columnType: 'text' },
    accountId: { type: 'uuid' },
    quoteId: { type: 'uuid', nullable: true },
    correctsInvoiceId: { type: 'uuid', nullable: true },
    corrects: { type: 'json', columnType: 'jsonb', nullable: true },
    process: { type: 'string', columnType: 'text' },
    operator: { type: 'json', columnType: 'jsonb', nullable: true },
    issuedAt: { type: 'datetime', columnType: 'timestamptz' },
    deliveryDate: { type: 'string', columnType: 'date' },
    dueDate: { type: 'string', columnType: 'date' },
    seller: { type: 'json', columnType: 'jsonb' },
    buyer: { type: 'json', columnType: 'jsonb' },
    lines: { type: 'json', columnType: 'jsonb' },
    vatGroups: { type: 'json', columnType: 'jsonb' },
    netCents: { type: 'integer' },
    vatCents: { type: 'integer' },
    grossCents: { type: 'integer' },
    paymentReference: { type: 'json', columnType: 'jsonb' },
    paidCents: { type: 'integer' },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const PaymentSchema = new EntitySchema<Payment>({
  class: Payment,
  tableName: 'payments',
  properties: {
    id: { type: 'uuid', primary: true },
    bankTransactionId: { type: 'string', columnType: 'text', unique: true },
    amountCents: { type: 'integer' },
    receivedOn: { type: 'datetime', columnType: 'timestamptz' },
    reference: { type: 'string', columnType: 'text' },
    payerName: { type: 'string', columnType: 'text' },
    invoiceId: { type: 'uuid', nullable: true },
    recordedByStaffId: { type: 'uuid' },
    recordedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

ALL_SCHEMAS.push(InvoiceSchema, PaymentSchema);

export const RenewalSchema = new EntitySchema<Renewal>({
  class: Renewal,
  tableName: 'renewals',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    itemKind: { type: 'string', columnType: 'text' },
    itemId: { type: 'uuid' },
    itemName: { type: 'string', columnType: 'text' },
    periodEnd: { type: 'datetime', columnType: 'timestamptz' },
    quoteId: { type: 'uuid' },
    stage: { type: 'string', columnType: 'text' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

ALL_SCHEMAS.push(RenewalSchema);

export const ApiTokenSchema = new EntitySchema<ApiToken>({
  class: ApiToken,
  tableName: 'api_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    name: { type: 'string', columnType: 'text' },
    createdByUserId: { type: 'uuid' },
    tokenHash: { type: 'string', columnType: 'text', unique: true },
    permissions: { type: 'string[]', columnType: 'text[]' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastUsedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    revokedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

ALL_SCHEMAS.push(ApiTokenSchema);

export const ContactSchema = new EntitySchema<Contact>({
  class: Contact,
  tableName: 'contacts',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    name: { type: 'string', columnType: 'text' },
    email: { type: 'string', columnType: 'text' },
    locale: { type: 'string', columnType: 'text' },
    userId: { type: 'uuid', nullable: true },
    login: { type: 'boolean' },
    permissions: { type: 'string[]', columnType: 'text[]' },
    scopeServiceIds: { type: 'string[]', columnType: 'uuid[]', nullable: true },
    scopeDomainIds: { type: 'string[]', columnType: 'uuid[]', nullable: true },
    subscriptions: { type: 'string[]', columnType: 'text[]' },
    invitationHash: { type: 'string', columnType: 'text', nullable: true },
    invitationExpiresAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    acceptedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

ALL_SCHEMAS.push(ContactSchema);

export const EmailChangeRequestSchema = new EntitySchema<EmailChangeRequest>({
  class: EmailChangeRequest,
  tableName: 'email_change_requests',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    oldEmail: { type: 'string', columnType: 'text' },
    newEmail: { type: 'string', columnType: 'text' },
    channel: { type: 'string', columnType: 'text' },
    requestedByUserId: { type: 'uuid', nullable: true },
    status: { type: 'string', columnType: 'text' },
    confirmTokenHash: { type: 'string', columnType: 'text', nullable: true },
    cancelTokenHash: { type: 'string', columnType: 'text', nullable: true },
    documentType: { type: 'string', columnType: 'text' },
    documentBytes: { type: 'integer' },
    documentSha256: { type: 'string', columnType: 'text' },
    documentDeletedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    confirmedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    decidedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    decidedByStaffId: { type: 'uuid', nullable: true },
    reason: { type: 'string', columnType: 'text', nullable: true },
  },
});

ALL_SCHEMAS.push(EmailChangeRequestSchema);

export const TicketSchema = new EntitySchema<Ticket>({
  class: Ticket,
  tableName: 'tickets',
  properties: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid' },
    number: { type: 'string', columnType: 'text' },
    subject: { type: 'string', columnType: 'text' },
    department: { type: 'string', columnType: 'text' },
    priority: { type: 'string', columnType: 'text' },
    status: { type: 'string', columnType: 'text' },
    openedByUserId: { type: 'uuid' },
    serviceId: { type: 'uuid', nullable: true },
    domainId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    lastActivityAt: { type: 'datetime', columnType: 'timestamptz' },
    closedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    requestKind: { type: 'string', columnType: 'text', nullable: true },
    requestPayload: { type: 'json', columnType: 'jsonb', nullable: true },
    requestStatus: { type: 'string', columnType: 'text', nullable: true },
    requestDecidedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    requestDecidedByStaffId: { type: 'uuid', nullable: true },
    requestOutcome: { type: 'string', columnType: 'text', nullable: true },
    // Stamped on every write, so that `updated_since` finds what changed (the clock of the server, like now()).
    updatedAt: { type: 'datetime', columnType: 'timestamptz', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

export const TicketMessageSchema = new EntitySchema<TicketMessage>({
  class: TicketMessage,
  tableName: 'ticket_messages',
  properties: {
    id: { type: 'uuid', primary: true },
    ticketId: { type: 'uuid' },
    authorKind: { type: 'string', columnType: 'text' },
    authorId: { type: 'uuid' },
    authorName: { type: 'string', columnType: 'text' },
    body: { type: 'string', columnType: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

ALL_SCHEMAS.push(TicketSchema, TicketMessageSchema);
