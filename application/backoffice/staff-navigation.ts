import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';

/** The back office's sections a staff member may open: the policy's answers, so the navigation never guesses. */
export interface StaffAreas {
  readonly clients: boolean;
  readonly orders: boolean;
  readonly billing: boolean;
  readonly emailChanges: boolean;
  readonly tickets: boolean;
  readonly mail: boolean;
  readonly help: boolean;
  readonly announcements: boolean;
  readonly audit: boolean;
}

export class StaffNavigation {
  areas(actor: Actor): StaffAreas {
    const may = (type: 'staff.clients' | 'staff.orders' | 'staff.billing' | 'staff.email_changes' | 'staff.tickets' | 'staff.mail' | 'staff.help' | 'staff.announcements' | 'staff.audit') => can(actor, { type }).allowed;
    return {
      clients: may('staff.clients'),
      orders: may('staff.orders'),
      billing: may('staff.billing'),
      emailChanges: may('staff.email_changes'),
      tickets: may('staff.tickets'),
      mail: may('staff.mail'),
      help: may('staff.help'),
      announcements: may('staff.announcements'),
      audit: may('staff.audit'),
    };
  }
}
