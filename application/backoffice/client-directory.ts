import { zagrebYear } from '../../domain/billing/calendar.js';
import { parseReference } from '../../domain/billing/payment-reference.js';
import type { ReadDetail } from '../ports/portal-reads.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { ClientNote } from '../../domain/backoffice/client-note.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { ClientQuery } from '../ports/repositories.js';
import type { ClientPicture, StaffCounts } from '../ports/back-office-reads.js';
import type { Services } from '../shared/services.js';

export type { ClientPicture, StaffCounts };

const SEARCH_LIMIT = 50;
const SECTION = 50;
/** Tickets, audit entries, invoices, payments and notes on the client view. */
const RECENT = 20;

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

  /**
   * Everything about one client on one page: a fixed number of queries whatever the client holds. Its quotes and
   * invoices as lists show them (the page) or whole (the JSON API).
   */
  async view<D extends ReadDetail>(actor: Actor, accountId: string, detail: D): Promise<Result<ClientPicture<D>, DomainFailure>> {
    if (!can(actor, { type: 'staff.clients' }).allowed) return fail(new Forbidden('forbidden'));
    const picture = await this.deps.uow.read((scope) => scope.backOffice.clientPicture(accountId, { section: SECTION, recent: RECENT }, detail));
    return picture ? ok(picture) : fail(new NotFound('not_found'));
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
    return this.deps.uow.read((scope) =>
      scope.backOffice.counts({
        orders: may('staff.orders'),
        payments: may('staff.billing'),
        emailChanges: may('staff.email_changes'),
        tickets: may('staff.tickets'),
        undeliveredMail: may('staff.mail'),
        // Fiscalization and eRačun delivery are billing's work (as InvoiceDeliveries asks).
        deliveries: may('staff.billing'),
      }),
    );
  }
}
