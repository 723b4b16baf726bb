import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invoiceIssuedMail } from '../mail/billing-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { issueInvoice, operatorFor } from './issue-invoice.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';

/** An issued invoice is never edited: a correction is a credit note that cancels it, numbered like an invoice. */
export class IssueCreditNote {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer' | 'exchange'>) {}

  async execute(actor: Actor, invoiceId: string, reason: string, meta: RequestMeta, idempotencyKey: string | null = null): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) return fail(new InvalidInput('credit.reason', 'reason'));
    const key = checkIdempotencyKey(idempotencyKey);
    if (!key.ok) return key;
    const claim = { scope: `credit-notes:${invoiceId}`, key: key.value, request: { reason: why } };
    return this.deps.uow.run(async (scope) => {
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      const earlier = taken.value.kind === 'replay' ? await scope.invoices.findById(taken.value.resourceId) : null;
      if (earlier) return ok(earlier);
      const invoice = await scope.invoices.findById(invoiceId);
      if (!invoice) return fail(new NotFound('not_found'));
      if (invoice.kind !== 'invoice') return fail(new Conflict('credit.not_an_invoice'));
      if (await scope.invoices.findCreditNoteFor(invoice.id)) return fail(new Conflict('credit.already_credited'));
      const account = await scope.accounts.findById(invoice.accountId);
      if (!account) return fail(new NotFound('not_found'));
      const lines = invoice.creditLines().map((l) => ({ ...l, description: `${l.description} — storno ${invoice.number}: ${why}` }));
      const operator = await operatorFor(scope, actor, this.deps.settings.billing.operator);
      const credit = await issueInvoice(scope, this.deps, { account, lines, kind: 'credit_note', process: 'P9', operator, corrects: invoice });
      await mailAccount(scope, this.deps, {
        account,
        topic: 'billing',
        compose: (locale) => invoiceIssuedMail[locale]({ name: account.name, product: this.deps.settings.productName, number: credit.number, grossCents: credit.grossCents, balanceCents: 0, credit: true, link: `${this.deps.settings.appUrl}/accounts/${account.id}/invoices/${credit.id}` }),
      });
      await audit(scope, this.deps, meta, { action: 'staff.credit_note_issued', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { invoice: invoice.number, creditNote: credit.number } });
      await keepIdempotencyKey(scope, claim, credit.id);
      return ok(credit);
    });
  }
}
