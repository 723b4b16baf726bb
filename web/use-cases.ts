import { AccountMails } from '../application/accounts/account-mails.js';
import { ListMyAccounts } from '../application/accounts/list-my-accounts.js';
import { ListAuditLog } from '../application/audit/list-audit-log.js';
import { CheckHealth } from '../application/health/check-health.js';
import { Authenticate } from '../application/identity/authenticate.js';
import { RequestPasswordReset } from '../application/identity/request-password-reset.js';
import { ResetPassword } from '../application/identity/reset-password.js';
import { SetPreferredLanguage } from '../application/identity/set-preferred-language.js';
import { SignIn } from '../application/identity/sign-in.js';
import { ChangePassword } from '../application/identity/change-password.js';
import { SignOut } from '../application/identity/sign-out.js';
import type { DatabaseHealth } from '../application/ports/unit-of-work.js';
import type { Services } from '../application/shared/services.js';
import { StaffSignIn } from '../application/staff/staff-sign-in.js';
import { ListCatalog } from '../application/catalog/list-catalog.js';
import { AccountPortfolio } from '../application/ordering/account-portfolio.js';
import { DecideOrder } from '../application/ordering/decide-order.js';
import { PlaceOrder } from '../application/ordering/place-order.js';
import { AccountBilling } from '../application/billing/account-billing.js';
import { IssueCreditNote } from '../application/billing/issue-credit-note.js';
import { RecordPayment } from '../application/billing/record-payment.js';
import { StaffInvoice } from '../application/billing/staff-invoice.js';
import { IssueDirectInvoice } from '../application/billing/issue-direct-invoice.js';
import { ClassifyBuyer } from '../application/billing/classify-buyer.js';
import { ManageSessions } from '../application/identity/manage-sessions.js';
import { AccountAuditLog } from '../application/audit/account-audit-log.js';
import { ApiTokens } from '../application/integrations/api-tokens.js';
import { AccountNavigation } from '../application/accounts/account-areas.js';
import { StaffNavigation } from '../application/backoffice/staff-navigation.js';
import { ManageContacts } from '../application/contacts/manage-contacts.js';
import { Invitations } from '../application/contacts/invitations.js';
import { TwoFactor } from '../application/identity/two-factor.js';
import { ManageProfile } from '../application/profile/manage-profile.js';
import { EmailChange } from '../application/email-change/email-change.js';
import { ServiceActions } from '../application/services/service-actions.js';
import { Tickets } from '../application/support/tickets.js';
import { UndeliveredMail } from '../application/mail/undelivered-mail.js';
import { ClientDirectory } from '../application/backoffice/client-directory.js';
import { HelpCenter } from '../application/help/help-center.js';
import { HelpEditor } from '../application/help/help-editor.js';
import { Announcements } from '../application/help/announcements.js';
import { MarkdownItRenderer } from '../adapters/markdown/markdown-it-renderer.js';
import { InvoiceDeliveries } from '../application/fiscal/invoice-delivery.js';
import { ImportBankStatement } from '../application/fiscal/import-bank-statement.js';
import { StaffApiTokens } from '../application/integrations/staff-api-tokens.js';
import { ApiRateLimit } from '../application/integrations/api-rate-limit.js';
import { Webhooks } from '../application/integrations/webhooks.js';

/** Every use case the driving side may call, built from one set of ports. */
export function buildUseCases(services: Services, extra: { database: DatabaseHealth }) {
  const placeOrder = new PlaceOrder(services);
  const profile = new ManageProfile(services);
  const serviceActions = new ServiceActions(services);
  return {
    signIn: new SignIn(services),
    changePassword: new ChangePassword(services),
    signOut: new SignOut(services),
    authenticate: new Authenticate(services),
    requestPasswordReset: new RequestPasswordReset(services),
    resetPassword: new ResetPassword(services),
    staffSignIn: new StaffSignIn(services),
    setPreferredLanguage: new SetPreferredLanguage(services),
    listMyAccounts: new ListMyAccounts(services),
    accountMails: new AccountMails(services),
    listAuditLog: new ListAuditLog(services),
    checkHealth: new CheckHealth(extra),
    listCatalog: new ListCatalog(services),
    placeOrder,
    decideOrder: new DecideOrder(services),
    portfolio: new AccountPortfolio(services),
    recordPayment: new RecordPayment(services),
    issueCreditNote: new IssueCreditNote(services),
    billing: new AccountBilling(services),
    staffInvoice: new StaffInvoice(services),
    issueDirectInvoice: new IssueDirectInvoice(services),
    classifyBuyer: new ClassifyBuyer(services),
    manageSessions: new ManageSessions(services),
    accountAuditLog: new AccountAuditLog(services),
    apiTokens: new ApiTokens(services),
    accountNavigation: new AccountNavigation(),
    staffNavigation: new StaffNavigation(),
    contacts: new ManageContacts(services),
    invitations: new Invitations(services),
    twoFactor: new TwoFactor(services),
    profile,
    serviceActions,
    tickets: new Tickets(services, { serviceActions, profile, placeOrder }),
    clients: new ClientDirectory(services),
    undeliveredMail: new UndeliveredMail(services),
    emailChange: new EmailChange(services),
    helpCenter: new HelpCenter(services),
    helpEditor: new HelpEditor(services, new MarkdownItRenderer()),
    announcements: new Announcements(services),
    deliveries: new InvoiceDeliveries(services),
    importBankStatement: new ImportBankStatement(services),
    staffTokens: new StaffApiTokens(services),
    apiRateLimit: new ApiRateLimit(services),
    webhooks: new Webhooks(services),
  };
}

export type UseCases = ReturnType<typeof buildUseCases>;
