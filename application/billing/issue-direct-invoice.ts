import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { addDays, isLocalDate, zagrebDate } from '../../domain/billing/calendar.js';
import type { Invoice, InvoiceLine } from '../../domain/billing/invoice.js';
import { isKpdCode, isUnitCode, type UnitCode } from '../../domain/billing/line-classification.js';
import { MAX_AMOUNT_CENTS, totalsOf } from '../../domain/billing/money.js';
import { VAT_CHOICES, vatForBuyer, vatOfChoice, type VatChoice } from '../../domain/billing/vat.js';
import { conflictingReasons } from '../../domain/billing/vat-breakdown.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invoiceIssuedMail } from '../mail/billing-templates.js';
import { mailAccount } from '../mail/mail-account.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { issueInvoice, operatorFor } from './issue-invoice.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';

/** A line as billing staff type it: price without VAT, the VAT treatment, its KPD 2025 code and unit. */
export interface DirectInvoiceLine {
  readonly description: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
  readonly vat: VatChoice;
  /** Required for zero rate and exemption: the legal reason printed on the invoice. */
  readonly exemptionReason?: string | null;
  readonly kpdCode: string;
  readonly unitCode: string;
  readonly periodStart?: string | null;
  readonly periodEnd?: string | null;
}

/** Billing staff invoice an account directly (work done, a one-off charge) with a due date of their choosing. */
export class IssueDirectInvoice {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer' | 'exchange'>) {}

  async execute(actor: Actor, input: { accountId: string; lines: readonly DirectInvoiceLine[]; dueDate: string; idempotencyKey?: string | null }, meta: RequestMeta): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    if (input.lines.length === 0 || input.lines.length > 50) return fail(new InvalidInput('invoice.lines', 'lines'));
    const checked: Array<Omit<InvoiceLine, 'vatRatePercent' | 'vatCategory' | 'exemption'> & { vat: NonNullable<ReturnType<typeof vatOfChoice>> }> = [];
    for (const [i, line] of input.lines.entries()) {
      if (line.description.trim().length < 2 || line.description.length > 200) return fail(new InvalidInput('invoice.description', `lines.${i}.description`));
      if (!Number.isInteger(line.unitPriceCents) || line.unitPriceCents <= 0) return fail(new InvalidInput('payment.amount', `lines.${i}.unitPriceCents`));
      if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 10_000) return fail(new InvalidInput('invoice.quantity', `lines.${i}.quantity`));
      if (!VAT_CHOICES.includes(line.vat)) return fail(new InvalidInput('invoice.vat_rate', `lines.${i}.vat`));
      const vat = vatOfChoice(line.vat, line.exemptionReason ?? null);
      if (!vat) return fail(new InvalidInput('invoice.exemption_reason', `lines.${i}.exemptionReason`));
      const kpdCode = line.kpdCode.trim();
      if (!isKpdCode(kpdCode)) return fail(new InvalidInput('invoice.kpd', `lines.${i}.kpdCode`));
      if (!isUnitCode(line.unitCode)) return fail(new InvalidInput('invoice.unit', `lines.${i}.unitCode`));
      const start = line.periodStart?.trim() || null;
      const end = line.periodEnd?.trim() || null;
      if ((start === null) !== (end === null) || (start && (!isLocalDate(start) || !isLocalDate(end!) || end! < start))) return fail(new InvalidInput('invoice.period', `lines.${i}.periodStart`));
      checked.push({ description: line.description.trim(), unitPriceCents: line.unitPriceCents, quantity: line.quantity, kpdCode, unitCode: line.unitCode as UnitCode, periodStart: start, periodEnd: end, vat });
    }
    if (totalsOf(checked.map((l) => ({ unitPriceCents: l.unitPriceCents, quantity: l.quantity, vatRatePercent: l.vat.ratePercent }))).grossCents > MAX_AMOUNT_CENTS) return fail(new InvalidInput('invoice.too_large', 'lines'));
    const today = zagrebDate(this.deps.clock.now());
    if (!isLocalDate(input.dueDate) || input.dueDate < today || input.dueDate > addDays(today, 366)) return fail(new InvalidInput('invoice.due_date', 'dueDate'));
    const key = checkIdempotencyKey(input.idempotencyKey);
    if (!key.ok) return key;
    const claim = { scope: `invoices:${input.accountId}`, key: key.value, request: { ...input, idempotencyKey: undefined } };
    return this.deps.uow.run(async (scope) => {
      // A retried request with its key gets the invoice it issued, never a second one.
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      const earlier = taken.value.kind === 'replay' ? await scope.invoices.findById(taken.value.resourceId) : null;
      if (earlier) return ok(earlier);
      const account = await scope.accounts.findById(input.accountId);
      if (!account) return fail(new NotFound('not_found'));
      const lines: InvoiceLine[] = checked.map(({ vat: own, ...line }) => {
        const vat = vatForBuyer(account, own);
        return { ...line, vatRatePercent: vat.ratePercent, vatCategory: vat.category, exemption: vat.exemption };
      });
      if (conflictingReasons(lines)) return fail(new InvalidInput('invoice.one_reason', 'lines'));
      const operator = await operatorFor(scope, actor, this.deps.settings.billing.operator);
      const invoice = await issueInvoice(scope, this.deps, { account, lines, dueDate: input.dueDate, process: 'P1', operator });
      await mailAccount(scope, this.deps, {
        account,
        topic: 'billing',
        compose: (locale) => invoiceIssuedMail[locale]({ name: account.name, product: this.deps.settings.productName, number: invoice.number, grossCents: invoice.grossCents, balanceCents: invoice.balanceCents(), credit: false, link: `${this.deps.settings.appUrl}/accounts/${account.id}/invoices/${invoice.id}` }),
      });
      await audit(scope, this.deps, meta, { action: 'staff.invoice_issued', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { invoice: invoice.number } });
      await keepIdempotencyKey(scope, claim, invoice.id);
      return ok(invoice);
    });
  }
}
