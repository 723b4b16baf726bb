import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { addDays, addMonths, zagrebDate, zagrebYear, type LocalDate } from '../../domain/billing/calendar.js';
import { eInvoiceOf } from '../../domain/billing/einvoice.js';
import { Invoice, type InvoiceKind, type InvoiceLine, type InvoiceProcess, type Operator, type Party } from '../../domain/billing/invoice.js';
import { referenceFor } from '../../domain/billing/payment-reference.js';
import type { Quote } from '../../domain/billing/quote.js';
import { standardVat, vatForBuyer } from '../../domain/billing/vat.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import type { Services } from '../shared/services.js';
import { routeIssuedInvoice } from '../fiscal/route-invoice.js';
import { verificationUrl } from '../../domain/fiscal/fiscal-bill.js';
import type { FiscalMarks } from '../ports/document-renderer.js';
import { raiseEvent } from '../integrations/webhook-events.js';

export function buyerOf(account: ClientAccount): Party {
  return {
    name: account.name,
    oib: account.oib,
    street: account.street,
    postalCode: account.postalCode,
    city: account.city,
    country: account.country,
    vatNumber: account.vatNumber,
    email: account.email,
    buyerClass: account.buyerClass,
  };
}

/** The staff member who issues, when they have an OIB to be named by; otherwise the configured system operator. */
export async function operatorFor(scope: TransactionScope, actor: Actor, fallback: Operator): Promise<Operator> {
  if (actor.kind !== 'staff') return fallback;
  const staff = await scope.staff.findById(actor.staffId);
  return staff?.oib ? { name: staff.name, oib: staff.oib } : fallback;
}

/**
 * The lines of a paid quote as invoice lines: KPD code and unit from the catalog, VAT as this buyer owes it, and
 * the service period — from the old expiry for a renewal, from the day of issue for a new order.
 */
export async function linesOfQuote(scope: TransactionScope, quote: Quote, account: ClientAccount): Promise<(issueDate: LocalDate) => InvoiceLine[]> {
  const products = new Map((await scope.products.findByCodes([...new Set(quote.lines.map((l) => l.productCode))])).map((p) => [p.code, p]));
  const renewal = quote.renewalId ? await scope.renewals.findById(quote.renewalId) : null;
  return (issueDate) =>
    quote.lines.map((l) => {
      const product = products.get(l.productCode);
      const start = renewal ? zagrebDate(renewal.periodEnd) : issueDate;
      const vat = vatForBuyer(account, standardVat(l.vatRatePercent));
      return {
        description: `${l.name} — ${l.domainName} (${l.periodMonths} mj.)`,
        unitPriceCents: l.unitPriceCents,
        quantity: l.quantity,
        vatRatePercent: vat.ratePercent,
        vatCategory: vat.category,
        exemption: vat.exemption,
        kpdCode: product?.kpdCode ?? null,
        unitCode: product?.unitCode ?? 'C62',
        periodStart: start,
        periodEnd: addDays(addMonths(start, l.periodMonths), -1),
      };
    });
}

export interface IssueInput {
  readonly account: ClientAccount;
  /** The lines, or how to make them from the day of issue (a new service runs from that day). */
  readonly lines: InvoiceLine[] | ((issueDate: LocalDate) => InvoiceLine[]);
  readonly process: InvoiceProcess;
  readonly operator: Operator;
  readonly kind?: InvoiceKind;
  readonly quoteId?: string | null;
  readonly corrects?: Invoice | null;
  readonly dueDate?: LocalDate;
}

/**
 * Issues the next invoice of the year inside the caller's transaction. The series is locked first and the clock
 * read after it, so numbers and times rise together; the year is Zagreb's. The PDF and the eRačun are made from
 * the issued invoice at once and archived unchanged: every later download serves those bytes.
 */
export async function issueInvoice(scope: TransactionScope, deps: Pick<Services, 'clock' | 'ids' | 'settings' | 'documents' | 'einvoices' | 'fiscalizer' | 'exchange'>, input: IssueInput): Promise<Invoice> {
  const { billing } = deps.settings;
  const series = `invoice:${billing.premises}:${billing.device}`;
  await scope.counters.lockSeries(series);
  const now = deps.clock.now();
  const year = zagrebYear(now);
  const issueDate = zagrebDate(now);
  const sequence = await scope.counters.next(series, year);
  const invoice = Invoice.issue({
    id: deps.ids.newId(),
    kind: input.kind ?? 'invoice',
    sequence,
    premises: billing.premises,
    device: billing.device,
    accountId: input.account.id,
    quoteId: input.quoteId ?? null,
    corrects: input.corrects ? { id: input.corrects.id, reference: input.corrects.reference() } : null,
    process: input.process,
    operator: input.operator,
    now,
    dueDate: input.dueDate ?? addDays(issueDate, input.kind === 'credit_note' ? 0 : billing.paymentTermDays),
    seller: billing.seller,
    buyer: buyerOf(input.account),
    lines: typeof input.lines === 'function' ? input.lines(issueDate) : input.lines,
    paymentReference: referenceFor('invoice', year, sequence),
  });
  await scope.invoices.add(invoice);
  const route = await routeIssuedInvoice(scope, deps, invoice, input.account);
  // A consumer's PDF waits for the first answer of the fiscalization service, so it can carry the JIR; the job
  // stores it then (or a download before it does, with the ZKI alone, as the law allows when no JIR comes).
  await archiveDocuments(scope, deps, invoice, now, { pdf: !route.fiscalize });
  await raiseEvent(scope, deps, { type: 'invoice.issued', accountId: invoice.accountId, data: { invoiceId: invoice.id, number: invoice.number, kind: invoice.kind, grossCents: invoice.grossCents } });
  return invoice;
}

/** The fiscal marks a PDF prints: the ZKI and, once it came, the JIR (none for an invoice that is not fiscalized). */
export async function fiscalMarksOf(scope: TransactionScope, invoice: Invoice): Promise<FiscalMarks | null> {
  const record = await scope.fiscal.findByInvoice(invoice.id);
  return record ? { zki: record.securityCode, jir: record.jir, verificationUrl: verificationUrl(invoice, { jir: record.jir, zki: record.securityCode }) } : null;
}

/**
 * Renders the legal documents of an invoice that are not archived yet and stores them: at issue, when the first
 * fiscalization answer came, and on the first download of an invoice issued before the archive existed.
 */
export async function archiveDocuments(scope: TransactionScope, deps: Pick<Services, 'settings' | 'documents' | 'einvoices'>, invoice: Invoice, at: Date, only: { pdf?: boolean; ubl?: boolean } = {}): Promise<void> {
  if ((only.pdf ?? true) && !(await scope.archive.find(invoice.id, 'pdf'))) {
    const pdf = await deps.documents.invoicePdf(invoice, deps.settings.billing, await fiscalMarksOf(scope, invoice));
    await scope.archive.store({ invoiceId: invoice.id, kind: 'pdf', mediaType: 'application/pdf', bytes: pdf, storedAt: at });
  }
  if ((only.ubl ?? true) && !(await scope.archive.find(invoice.id, 'ubl'))) {
    const ubl = deps.einvoices.write(eInvoiceOf(invoice, deps.settings.billing));
    await scope.archive.store({ invoiceId: invoice.id, kind: 'ubl', mediaType: deps.einvoices.mediaType, bytes: ubl, storedAt: at });
  }
}
