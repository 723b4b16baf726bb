import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';

export interface AccountAreas {
  readonly services: boolean;
  readonly domains: boolean;
  readonly orders: boolean;
  readonly placeOrder: boolean;
  readonly quotes: boolean;
  readonly invoices: boolean;
  readonly emails: boolean;
  readonly contacts: boolean;
  readonly manageContacts: boolean;
  readonly profile: boolean;
  readonly tickets: boolean;
  readonly openTicket: boolean;
  readonly audit: boolean;
  readonly tokens: boolean;
}

/** Which parts of an account the portal offers the actor: the policy's answers, so the pages never guess. */
export class AccountNavigation {
  areas(actor: Actor, accountId: string): AccountAreas {
    const may = (type: 'services.view' | 'domains.view' | 'orders.view' | 'orders.place' | 'quotes.view' | 'invoices.view' | 'account.emails' | 'contacts.view' | 'contacts.manage' | 'profile.view' | 'tickets.view' | 'tickets.create' | 'account.audit' | 'account.tokens') =>
      can(actor, { type, accountId }).allowed;
    return {
      services: may('services.view'),
      domains: may('domains.view'),
      orders: may('orders.view'),
      placeOrder: may('orders.place'),
      quotes: may('quotes.view'),
      invoices: may('invoices.view'),
      emails: may('account.emails'),
      contacts: may('contacts.view'),
      manageContacts: may('contacts.manage'),
      profile: may('profile.view'),
      tickets: may('tickets.view'),
      openTicket: may('tickets.create'),
      audit: may('account.audit'),
      tokens: may('account.tokens'),
    };
  }
}
