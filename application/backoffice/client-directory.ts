import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Contact } from '../../domain/contacts/contact.js';
import type { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { User } from '../../domain/identity/user.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Ticket } from '../../domain/support/ticket.js';
import type { ClientQuery } from '../ports/repositories.js';
import type { Services } from '../shared/services.js';

export interface ClientPicture {
  readonly account: ClientAccount;
  readonly owner: User | null;
  readonly services: readonly HostedService[];
  readonly domains: readonly RegisteredDomain[];
  readonly openQuotes: readonly Quote[];
  readonly unpaidInvoices: readonly Invoice[];
  readonly contacts: readonly Contact[];
  readonly tickets: readonly Ticket[];
  readonly emailChanges: readonly EmailChangeRequest[];
  readonly audit: readonly AuditEntry[];
}

export interface StaffCounts {
  readonly orders: number | null;
  readonly payments: number | null;
  readonly emailChanges: number | null;
  readonly tickets: number | null;
  /** Mail whose retries are spent, for staff to look at and send again. */
  readonly undeliveredMail: number | null;
}

const SEARCH_LIMIT = 50;
const SECTION = 50;

/** What the staff query means: an OIB, an address, a domain or a name. */
export function classify(raw: string): ClientQuery | null {
  const value = raw.trim().toLowerCase();
  if (value.length < 2 || value.length > 200) return null;
  if (/^\d{11}$/u.test(value)) return { by: 'oib', value };
  if (value.includes('@')) return { by: 'email', value };
  if (/^[a-z0-9čćžšđ-]+\.[a-z0-9.čćžšđ-]*$/u.test(value)) return { by: 'domain', value };
  return { by: 'name', value };
}

/** The back office: find a client by name, OIB, email or domain, see the whole client, and the queues' counts. */
export class ClientDirectory {
  constructor(private readonly deps: Pick<Services, 'uow'>) {}

  mayUse(actor: Actor): boolean {
    return can(actor, { type: 'staff.clients' }).allowed;
  }

  async search(actor: Actor, raw: string): Promise<Result<readonly ClientAccount[], DomainFailure>> {
    if (!can(actor, { type: 'staff.clients' }).allowed) return fail(new Forbidden('forbidden'));
    const query = classify(raw);
    if (!query) return fail(new InvalidInput('search.query', 'q'));
    return ok(await this.deps.uow.read((scope) => scope.accounts.search(query, SEARCH_LIMIT)));
  }

  /** Everything about one client on one page: a fixed number of queries whatever the client holds. */
  async view(actor: Actor, accountId: string): Promise<Result<ClientPicture, DomainFailure>> {
    if (!can(actor, { type: 'staff.clients' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const page = { limit: SECTION };
      return ok({
        account,
        owner: await scope.users.findById(account.ownerUserId),
        services: (await scope.services.listForAccount(accountId, page)).items,
        domains: (await scope.domains.listForAccount(accountId, page)).items,
        openQuotes: await scope.quotes.listOpenForAccount(accountId),
        unpaidInvoices: (await scope.invoices.listForAccount(accountId, 'unpaid', page)).items,
        contacts: (await scope.contacts.listForAccount(accountId, page)).items,
        tickets: (await scope.tickets.listForAccount(accountId, 'all', { limit: 20 })).items,
        emailChanges: await scope.emailChanges.listUndecidedForAccount(accountId),
        audit: (await scope.audit.list({ accountId }, { limit: 20 })).items,
      });
    });
  }

  /** The queues in one place: each count only for the roles that work that queue. */
  async counts(actor: Actor): Promise<StaffCounts> {
    const may = (type: 'staff.orders' | 'staff.billing' | 'staff.email_changes' | 'staff.tickets' | 'staff.mail') => can(actor, { type }).allowed;
    return this.deps.uow.read(async (scope) => ({
      orders: may('staff.orders') ? await scope.orders.countPending() : null,
      payments: may('staff.billing') ? await scope.payments.countUnmatched() : null,
      emailChanges: may('staff.email_changes') ? await scope.emailChanges.countAwaitingReview() : null,
      tickets: may('staff.tickets') ? await scope.tickets.countOpen() : null,
      undeliveredMail: may('staff.mail') ? await scope.mails.countUndeliverable() : null,
    }));
  }
}
