import { Migration20261125000000Foundation } from './Migration20261125000000Foundation.js';
import { Migration20261125010000Ordering } from './Migration20261125010000Ordering.js';
import { Migration20261125020000Billing } from './Migration20261125020000Billing.js';
import { Migration20261125030000Renewals } from './Migration20261125030000Renewals.js';
import { Migration20261125040000ApiTokens } from './Migration20261125040000ApiTokens.js';
import { Migration20261125050000Contacts } from './Migration20261125050000Contacts.js';
import { Migration20261125060000EmailChange } from './Migration20261125060000EmailChange.js';
import { Migration20261125070000Tickets } from './Migration20261125070000Tickets.js';
import { Migration20261130000000PersonalMail } from './Migration20261130000000PersonalMail.js';
import { Migration20261130010000TicketScope } from './Migration20261130010000TicketScope.js';
import { Migration20261130020000PublicEmailChange } from './Migration20261130020000PublicEmailChange.js';
import { Migration20261130030000SealedStaffTotp } from './Migration20261130030000SealedStaffTotp.js';
import { Migration20261130040000HelpCenter } from './Migration20261130040000HelpCenter.js';
import { Migration20261130050000EInvoice } from './Migration20261130050000EInvoice.js';
import { Migration20261130060000MailDelivery } from './Migration20261130060000MailDelivery.js';
import { Migration20261201000000Fiscalization } from './Migration20261201000000Fiscalization.js';
import { Migration20261202000000Integrations } from './Migration20261202000000Integrations.js';
import { Migration20261203000000MailAbout } from './Migration20261203000000MailAbout.js';
import { Migration20261203010000TokenExpiry } from './Migration20261203010000TokenExpiry.js';
import { Migration20261204000000ClientNotesRecoveryCodes } from './Migration20261204000000ClientNotesRecoveryCodes.js';
import { Migration20261205000000ListIndexes } from './Migration20261205000000ListIndexes.js';
import { Migration20261206000000ChangeNotices } from './Migration20261206000000ChangeNotices.js';

/** Every migration, in order. Listed by hand so the runtime never globs the file system. */
export const MIGRATIONS = [
  { name: 'Migration20261125000000Foundation', class: Migration20261125000000Foundation },
  { name: 'Migration20261125010000Ordering', class: Migration20261125010000Ordering },
  { name: 'Migration20261125020000Billing', class: Migration20261125020000Billing },
  { name: 'Migration20261125030000Renewals', class: Migration20261125030000Renewals },
  { name: 'Migration20261125040000ApiTokens', class: Migration20261125040000ApiTokens },
  { name: 'Migration20261125050000Contacts', class: Migration20261125050000Contacts },
  { name: 'Migration20261125060000EmailChange', class: Migration20261125060000EmailChange },
  { name: 'Migration20261125070000Tickets', class: Migration20261125070000Tickets },
  { name: 'Migration20261130000000PersonalMail', class: Migration20261130000000PersonalMail },
  { name: 'Migration20261130010000TicketScope', class: Migration20261130010000TicketScope },
  { name: 'Migration20261130020000PublicEmailChange', class: Migration20261130020000PublicEmailChange },
  { name: 'Migration20261130030000SealedStaffTotp', class: Migration20261130030000SealedStaffTotp },
  { name: 'Migration20261130040000HelpCenter', class: Migration20261130040000HelpCenter },
  { name: 'Migration20261130050000EInvoice', class: Migration20261130050000EInvoice },
  { name: 'Migration20261130060000MailDelivery', class: Migration20261130060000MailDelivery },
  { name: 'Migration20261201000000Fiscalization', class: Migration20261201000000Fiscalization },
  { name: 'Migration20261202000000Integrations', class: Migration20261202000000Integrations },
  { name: 'Migration20261203000000MailAbout', class: Migration20261203000000MailAbout },
  { name: 'Migration20261203010000TokenExpiry', class: Migration20261203010000TokenExpiry },
  { name: 'Migration20261204000000ClientNotesRecoveryCodes', class: Migration20261204000000ClientNotesRecoveryCodes },
  { name: 'Migration20261205000000ListIndexes', class: Migration20261205000000ListIndexes },
  { name: 'Migration20261206000000ChangeNotices', class: Migration20261206000000ChangeNotices },
];
