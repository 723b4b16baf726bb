import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { formatReference } from '../../domain/billing/payment-reference.js';
import { Quote } from '../../domain/billing/quote.js';
import { Renewal, type RenewalPolicy, type RenewalStep } from '../../domain/billing/renewal.js';
import { standardVat, vatForBuyer } from '../../domain/billing/vat.js';
import type { Product } from '../../domain/catalog/product.js';
import { DomainName } from '../../domain/ordering/domain-name.js';
import type { OrderLine } from '../../domain/ordering/order.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { renewalMails } from '../mail/billing-templates.js';
import { zagrebDate } from '../mail/mail-content.js';
import { mailAccount } from '../mail/mail-account.js';
import { nextNumbered } from '../ordering/cart.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { SYSTEM_META } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { raiseEvent } from '../integrations/webhook-events.js';

const DAY = 86_400_000;
const COUNTED: Record<RenewalStep, keyof RenewalRun> = { remind: 'reminded', suspend: 'suspended', cancel: 'cancelled' };
const BATCH = 100;

export interface RenewalRun {
  quoted: number;
  reminded: number;
  suspended: number;
  cancelled: number;
}

/**
 * The daily renewal run (a pg-boss job; safe on several instances): renewal quotes N days before expiry,
 * a reminder, suspension at expiry and cancellation after the grace period. Each item and period has one
 * renewal row whose stage only moves forward with a conditional update, so every notice goes out once.
 */
export class RunRenewals {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'settings'> & { policy: RenewalPolicy }) {}

  async execute(): Promise<RenewalRun> {
    const run: RenewalRun = { quoted: 0, reminded: 0, suspended: 0, cancelled: 0 };
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + this.deps.policy.quoteDaysBefore * DAY);
    const products = await this.deps.uow.run((scope) => scope.products.listActive());

    for (const kind of ['service', 'domain'] as const) {
      for (;;) {
        const due = await this.deps.uow.run<Array<HostedService | RegisteredDomain>>((scope) => (kind === 'service' ? scope.services.listDueForRenewal(horizon, BATCH) : scope.domains.listDueForRenewal(horizon, BATCH)));
        let started = 0;
        for (const item of due) {
          const done = await this.deps.uow.run((scope) => this.startRenewal(scope, kind, item, products, now)).catch(() => false); // another instance started this renewal first (unique item and period)
          if (done) started += 1;
        }
        run.quoted += started;
        if (due.length < BATCH || started === 0) break;
      }
    }

    let after: string | null = null;
    for (;;) {
      const open: Renewal[] = await this.deps.uow.run((scope) => scope.renewals.listOpen(after, BATCH));
      for (const renewal of open) {
        const step = renewal.nextStep(now, this.deps.policy);
        if (step && (await this.deps.uow.run((scope) => this.advance(scope, renewal, step, now)))) run[COUNTED[step]] += 1;
      }
      if (open.length < BATCH) break;
      after = open[open.length - 1]!.id;
    }
    return run;
  }

  private renewalLine(kind: 'service' | 'domain', item: HostedService | RegisteredDomain, products: readonly Product[]): OrderLine | null {
    const product =
      kind === 'service'
        ? products.find((p) => p.id === (item as HostedService).productId)
        : products.find((p) => p.kind === 'domain' && (() => { const d = DomainName.parse((item as RegisteredDomain).name); return d.ok && d.value.tld === p.tld; })());
    if (!product) return null;
    const name = kind === 'service' ? (item as HostedService).domainName : (item as RegisteredDomain).name;
    return { productId: product.id, productCode: product.code, kind: product.kind, name: `${product.nameHr} (produženje)`, domainName: name, holderOib: null, periodMonths: product.periodMonths, unitPriceCents: product.priceCents, quantity: 1, vatRatePercent: product.vatRatePercent };
  }

  private async startRenewal(scope: TransactionScope, kind: 'service' | 'domain', item: HostedService | RegisteredDomain, products: readonly Product[], now: Date): Promise<boolean> {
    const priced = this.renewalLine(kind, item, products);
    const account = await scope.accounts.findById(item.accountId);
    if (!priced || !account) return false;
    // A buyer who owes no Croatian VAT (reverse charge, outside the EU) is quoted without it, as it will be invoiced.
    const line = { ...priced, vatRatePercent: vatForBuyer(account, standardVat(priced.vatRatePercent)).ratePercent };
    const renewalId = this.deps.ids.newId();
    const quote = Quote.forOrder({ id: this.deps.ids.newId(), ...(await nextNumbered(scope, 'P', now)), accountId: account.id, orderId: null, lines: [line], now, renewalId });
    quote.validUntil = new Date(Math.max(quote.validUntil.getTime(), item.expiresAt.getTime()));
    const itemName = kind === 'service' ? `${(item as HostedService).name} — ${line.domainName}` : line.domainName;
    await scope.renewals.add(Renewal.start({ id: renewalId, accountId: account.id, itemKind: kind, itemId: item.id, itemName, periodEnd: item.expiresAt, quoteId: quote.id, now }));
    await scope.quotes.add(quote);
    await this.mail(scope, account, 'quote', itemName, item.expiresAt, quote);
    await audit(scope, this.deps, SYSTEM_META, { action: 'renewal.quoted', actorKind: 'system', accountId: account.id, details: { item: itemName, quote: quote.number } });
    return true;
  }

  private async advance(scope: TransactionScope, renewal: Renewal, step: RenewalStep, now: Date): Promise<boolean> {
    const quote = await scope.quotes.findById(renewal.quoteId);
    if (!quote || quote.status !== 'open') return false;
    if (!(await scope.renewals.advance(renewal.id, renewal.stage, Renewal.stageAfter(step), now))) return false;
    if (step !== 'remind') {
      const item = renewal.itemKind === 'service' ? await scope.services.findById(renewal.itemId) : await scope.domains.findById(renewal.itemId);
      if (item) {
        if (step === 'suspend') item.suspend();
        else item.cancel();
        if (renewal.itemKind === 'service') {
          await scope.services.save(item as HostedService);
          await raiseEvent(scope, this.deps, { type: step === 'suspend' ? 'service.suspended' : 'service.cancelled', accountId: renewal.accountId, data: { serviceId: item.id, reason: 'unpaid_renewal' } });
        } else await scope.domains.save(item as RegisteredDomain);
      }
    }
    const account = await scope.accounts.findById(renewal.accountId);
    if (account) await this.mail(scope, account, step, renewal.itemName, renewal.periodEnd, quote);
    await audit(scope, this.deps, SYSTEM_META, { action: `renewal.${Renewal.stageAfter(step)}`, actorKind: 'system', accountId: renewal.accountId, details: { item: renewal.itemName, quote: quote.number } });
    return true;
  }

  private async mail(scope: TransactionScope, account: ClientAccount, step: 'quote' | RenewalStep, item: string, expires: Date, quote: Quote): Promise<void> {
    const { settings } = this.deps;
    await mailAccount(scope, this.deps, {
      account,
      topic: 'billing',
      compose: (locale) => renewalMails[step][locale]({ name: account.name, product: settings.productName, item, expires: zagrebDate(expires), quoteNumber: quote.number, grossCents: quote.grossCents, reference: formatReference(quote.paymentReference), iban: settings.billing.iban, link: `${settings.appUrl}/accounts/${account.id}/quotes` }),
    });
  }
}
