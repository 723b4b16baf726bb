import * as common from './messages/common.js';
import * as auth from './messages/auth.js';
import * as failures from './messages/failures.js';
import * as staff from './messages/staff.js';
import * as ordering from './messages/ordering.js';
import * as billing from './messages/billing.js';
import * as contacts from './messages/contacts.js';
import * as tickets from './messages/tickets.js';
import * as profile from './messages/profile.js';
import * as help from './messages/help.js';
import * as einvoice from './messages/einvoice.js';
import * as fiscal from './messages/fiscal.js';
import * as api from './messages/api.js';
import * as navigation from './messages/navigation.js';
import * as accountSecurity from './messages/account-security.js';
import * as auditWords from './messages/audit.js';

/** Every text of the portal, kept by page group in ./messages/; Croatian is the reference, English must match it key for key. */
const hr = { ...common.hr, ...auth.hr, ...failures.hr, ...staff.hr, ...ordering.hr, ...billing.hr, ...contacts.hr, ...tickets.hr, ...profile.hr, ...help.hr, ...einvoice.hr, ...fiscal.hr, ...api.hr, ...navigation.hr, ...accountSecurity.hr, ...auditWords.hr };

export type MessageKey = keyof typeof hr;

const en: Record<MessageKey, string> = { ...common.en, ...auth.en, ...failures.en, ...staff.en, ...ordering.en, ...billing.en, ...contacts.en, ...tickets.en, ...profile.en, ...help.en, ...einvoice.en, ...fiscal.en, ...api.en, ...navigation.en, ...accountSecurity.en, ...auditWords.en };

export const MESSAGES = { hr, en } as const;
