import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice, InvoiceLine } from '../../domain/billing/invoice.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invoiceIssuedMail } from '../mail/billing-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { issueInvoice } from './issue-invoice.js';

const VAT_RATES = [25, 13, 5, 0];

/** Billing staff invoice an account directly (work done, a one-off charge) with a due date of their choosing. */
export class IssueDirectInvoice {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'settings'>) {}

  async execute(actor: Actor, input: { accountId: string; lines: readonly InvoiceLine[]; dueDate: string }, meta: RequestMeta): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    if (input.lines.length === 0 || input.lines.length > 50) return fail(new InvalidInput('invoice.lines', 'lines'));
    for (const [i, line] of input.lines.entries()) {
      if (line.description.trim().length < 2 || line.description.length > 200) return fail(new InvalidInput('invoice.description', `lines.${i}.description`));
      if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents <= 0) return fail(new InvalidInput('payment.amount', `lines.${i}.unitPriceCents`));
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 10_000) return fail(new InvalidInput('invoice.quantity', `lines.${i}.quantity`));
      if (!VAT_RATES.includes(line.vatRatePercent)) return fail(new InvalidInput('invoice.vat_rate', `lines.${i}.vatRatePercent`));
    }
    const now = this.deps.clock.now();
    const due = /^\d{4}-\d{2}-\d{2}$/u.test(input.dueDate) ? new Date(`${input.dueDate}T22:59:59Z`) : null;
    if (!due || Number.isNaN(due.getTime()) || due.getTime() < now.getTime() - 86_400_000 || due.getTime() > now.getTime() + 366 * 86_400_000) return fail(new InvalidInput('invoice.due_date', 'dueDate'));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(input.accountId);
      if (!account) return fail(new NotFound('not_found'));
      const invoice = await issueInvoice(scope, this.deps, { account, lines: input.lines.map((l) => ({ ...l, description: l.description.trim() })), dueDate: due });
      await mailAccount(scope, this.deps, {
        account,
        topic: 'billing',
        compose: (locale) => invoiceIssuedMail[locale]({ name: account.name, product: this.deps.settings.productName, number: invoice.number, grossCents: invoice.grossCents, balanceCents: invoice.balanceCents(), credit: false, link: `${this.deps.settings.appUrl}/accounts/${account.id}/invoices/${invoice.id}` }),
      });
      await audit(scope, this.deps, meta, { action: 'staff.invoice_issued', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { invoice: invoice.number } });
      return ok(invoice);
    });
  }
}
