import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { fail, Forbidden, InvalidInput, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { bookPayment, checkPayment, type RecordedPayment } from '../billing/record-payment.js';
import type { Page } from '../ports/repositories.js';
import type { StatementImport } from '../ports/fiscal-repositories.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

export interface StatementOutcome {
  readonly statementId: string;
  readonly credits: number;
  readonly booked: number;
  readonly duplicates: number;
  readonly unmatched: number;
  readonly skipped: number;
  readonly payments: readonly RecordedPayment[];
}

/** The largest statement taken in one upload; a bank's daily statement is far smaller. */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;

class EntryRefused extends Error {
  constructor(readonly failure: DomainFailure) {
    super(failure.code);
  }
}

/**
 * Billing staff import a bank statement (camt.053): every credit entry is booked as a payment by the same rules as
 * a payment typed by hand (bookPayment), all in one transaction — a file with one bad entry books nothing, and the
 * answer names the entry's line and element. Importing the same statement again books nothing new.
 */
export class ImportBankStatement {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer' | 'exchange' | 'statements'>) {}

  async execute(actor: Actor, file: { name: string; bytes: Uint8Array }, meta: RequestMeta): Promise<Result<StatementOutcome, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    if (file.bytes.length === 0 || file.bytes.length > MAX_STATEMENT_BYTES) return fail(new InvalidInput('statement.size', 'file'));
    const read = this.deps.statements.read(file.bytes);
    if (!read.ok) return fail(new InvalidInput('statement.unreadable', 'file', { line: read.error.line ?? '?', element: read.error.element, message: read.error.message }));
    const statement = read.value;
    try {
      return ok(
        await this.deps.uow.run(async (scope) => {
          const payments: RecordedPayment[] = [];
          for (const credit of statement.credits) {
            const checked = checkPayment({ bankTransactionId: credit.bankTransactionId, amountCents: credit.amountCents, receivedOn: credit.bookedOn, reference: credit.reference, payerName: credit.payerName }, this.deps.clock.now());
            if (!checked.ok) throw new EntryRefused(new InvalidInput('statement.entry', 'file', { line: credit.line, element: 'Ntry', message: checked.error.code }));
            payments.push(await bookPayment(scope, this.deps, actor, checked.value, meta));
          }
          const fresh = payments.filter((p) => !p.duplicate);
          const outcome = {
            statementId: statement.statementId,
            credits: statement.credits.length,
            booked: fresh.length,
            duplicates: payments.length - fresh.length,
            unmatched: fresh.filter((p) => !p.invoice).length,
            skipped: statement.skipped,
            payments,
          };
          await scope.statementImports.add({
            id: this.deps.ids.newId(),
            statementId: statement.statementId,
            sha256: statement.sha256,
            fileName: file.name.replace(/[^\w .()-]+/gu, '_').slice(0, 200) || 'izvod.xml',
            credits: outcome.credits,
            booked: outcome.booked,
            duplicates: outcome.duplicates,
            unmatched: outcome.unmatched,
            importedByStaffId: actor.staffId,
            importedAt: this.deps.clock.now(),
          });
          await audit(scope, this.deps, meta, { action: 'staff.bank_statement_imported', actorKind: 'staff', actorId: actor.staffId, details: { statement: statement.statementId, booked: outcome.booked, duplicates: outcome.duplicates, unmatched: outcome.unmatched } });
          return outcome;
        }),
      );
    } catch (error) {
      if (error instanceof EntryRefused) return fail(error.failure);
      throw error;
    }
  }

  async history(actor: Actor, after: string | null): Promise<Result<Page<StatementImport>, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.statementImports.list({ after, limit: 25 })));
  }
}
