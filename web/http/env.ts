import type { Actor } from '../../domain/authorization/actor.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { AuthenticatedStaff, AuthenticatedUser } from '../../application/identity/authenticate.js';
import type { AccountAreas } from '../../application/accounts/account-areas.js';
import type { RequestMeta } from '../../application/shared/request-meta.js';
import type { Translate } from '../i18n/translate.js';

export interface AppEnv {
  Variables: {
    locale: Locale;
    t: Translate;
    meta: RequestMeta;
    auth: AuthenticatedUser | null;
    staffAuth: AuthenticatedStaff | null;
    actor: Actor;
    /** Who calls the JSON API: a signed-in user (session) or an API token; null when neither. */
    apiActor: Actor | null;
    /** Who calls the staff part of the JSON API: a staff session or a staff API token; null when neither. */
    apiStaff?: Actor | null;
    /** The parts of the current account the actor may reach, for the account navigation. */
    areas: AccountAreas | null;
    /** On English pages, the catalog's English product names by their Croatian ones (order and invoice lines keep the Croatian). */
    productNames?: ReadonlyMap<string, string> | null;
  };
}
