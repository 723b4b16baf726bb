import { zagrebYear } from '../../domain/billing/calendar.js';
import { parseReference } from '../../domain/billing/payment-reference.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Payment } from '../../domain/billing/payment.js';
import { ClientNote } from '../../domain/backoffice/client-note.js';
import { actorNames, type ActorNames } from '../audit/actor-names.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
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
  /** The latest invoices (paid or not) and the payments matched to them. */
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  /** Staff's internal notes, never shown to the client. */
  readonly notes: readonly ClientNote[];
  /** Who acted in the audit entries shown, by id. */
  readonly people: ActorNames;
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
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  mayUse(actor: Actor): boolean {
    return can(actor, { type: 'staff.clients' }).allowed;
  }

  async search(actor: Actor, raw: string): Promise<Result<readonly ClientAccount[], DomainFailure>> {
    if (!can(actor, { type: 'staff.clients' }).allowed) return fail(new Forbidden('forbidden'));
    const query = classify(raw);
    if (!query) return fail(new InvalidInput('search.query', 'q'));
    return ok(
      await this.deps.uow.read(async (scope) => {
        // An invoice number (17/WEB1/1) or a payment reference (HR00 2-2026-17) leads to the client it was issued to.
        const documents = await this.byDocument(scope, raw.trim());
        if (documents.length) return scope.accounts.listByIds([...new Set(documents)]);
        return scope.accounts.search(query, SEARCH_LIMIT);
      }),
    );
  }

  private async byDocument(scope: TransactionScope, raw: string): Promise<string[]> {
    const invoiceNumber = /^(\d{1,9})\/[A-Za-z0-9]{1,20}\/\d{1,9}$/u.exec(raw);
    if (invoiceNumber) {
      const year = zagrebYear(this.deps.clock.now());
      const found = await Promise.all([year, year - 1, year - 2].map((y) => scope.invoices.findByReference(`2-${y}-${Number(invoiceNumber[1])}`)));
      return found.filter((i) => i?.number.toUpperCase() === raw.toUpperCase()).map((i) => i!.accountId);
    }
    if (!/^(HR00\s*)?\d{1,4}-\d{4}-\d{1,9}$/iu.test(raw)) return [];
    const reference = parseReference(raw);
    if (!reference) return [];
    const [invoice, quote] = [await scope.invoices.findByReference(reference), await scope.quotes.findByReference(reference)];
    return [invoice?.accountId, quote?.accountId].filter((id): id is string => Boolean(id));
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
        ...(await (async () => {
          const audit = (await scope.audit.list({ accountId }, { limit: 20 })).items;
          return { audit, people: await actorNames(scope, audit) };
        })()),
        invoices: (await scope.invoices.listForAccount(accountId, 'all', { limit: 20 })).items,
        payments: await scope.payments.listForAccount(accountId, 20),
        notes: await scope.clientNotes.listForAccount(accountId, 20),
      });
    });
  }

  /** Staff write an internal note about the client (never shown to the client); every note is in the audit log. */
  async addNote(actor: Actor, accountId: string, body: string, meta: RequestMeta): Promise<Result<ClientNote, DomainFailure>> {
    if (!can(actor, { type: 'staff.clients' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const staff = await scope.staff.findById(actor.staffId);
      const note = ClientNote.write({ id: this.deps.ids.newId(), accountId, staffId: actor.staffId, staffName: staff?.name ?? '', body, now: this.deps.clock.now() });
      if (!note.ok) return note;
      await scope.clientNotes.add(note.value);
      await audit(scope, this.deps, meta, { action: 'staff.note_added', actorKind: 'staff', actorId: actor.staffId, accountId, details: { note: note.value.id } });
      return ok(note.value);
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
