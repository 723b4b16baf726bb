import { zagrebYear } from '../../domain/billing/calendar.js';
import { standardVat, vatForBuyer, type BuyerTaxProfile } from '../../domain/billing/vat.js';
import type { Product } from '../../domain/catalog/product.js';
import { DomainName } from '../../domain/ordering/domain-name.js';
import type { OrderLine } from '../../domain/ordering/order.js';
import { fail, InvalidInput, ok, Problems, type Result } from '../../domain/shared/result.js';
import type { TransactionScope } from '../ports/unit-of-work.js';

export interface CartItem {
  readonly productCode: string;
  readonly domainName: string;
}

export const MAX_CART_ITEMS = 20;

/**
 * Prices the cart from the catalog as it is now, checking every domain name; every wrong row is reported at once.
 * `buyer`: the account ordering, whose VAT classification may mean no Croatian VAT (reverse charge, outside the EU).
 */
export async function priceCart(scope: TransactionScope, items: readonly CartItem[], holderOib: string, buyer?: BuyerTaxProfile): Promise<Result<OrderLine[], InvalidInput>> {
  const wanted = items.filter((i) => i.productCode.trim() !== '');
  if (wanted.length === 0) return fail(new InvalidInput('order.empty', 'items'));
  if (wanted.length > MAX_CART_ITEMS) return fail(new InvalidInput('order.too_many', 'items', { max: MAX_CART_ITEMS }));
  const products = new Map((await scope.products.findByCodes(wanted.map((i) => i.productCode))).map((p): [string, Product] => [p.code, p]));
  const lines: OrderLine[] = [];
  const problems = new Problems();
  /** Each domain name registered by this cart, and the row that names it. */
  const seen = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    if (item.productCode.trim() === '') continue;
    const product = products.get(item.productCode);
    if (!problems.check(product?.active === true, 'order.unknown_product', `items.${index}.productCode`) || !product) continue;
    const domain = problems.take(DomainName.parse(item.domainName, `items.${index}.domainName`));
    if (!domain) continue;
    if (product.kind === 'domain') {
      if (!problems.check(domain.tld === product.tld, 'domain.tld_mismatch', `items.${index}.domainName`, { tld: `.${product.tld}` })) continue;
      if (!problems.check(!seen.has(domain.value), 'domain.duplicate', `items.${index}.domainName`)) continue;
      seen.set(domain.value, index);
    }
    lines.push({
      productId: product.id,
      productCode: product.code,
      kind: product.kind,
      name: product.nameHr,
      domainName: domain.value,
      holderOib: product.kind === 'domain' && domain.needsHolderOib() ? holderOib : null,
      periodMonths: product.periodMonths,
      unitPriceCents: product.priceCents,
      quantity: 1,
      vatRatePercent: buyer ? vatForBuyer(buyer, standardVat(product.vatRatePercent)).ratePercent : product.vatRatePercent,
    });
  }
  // A name held here already (by this client or another) cannot be registered again: said now, not at acceptance.
  for (const held of seen.size ? await scope.domains.findHeld([...seen.keys()]) : []) problems.check(false, 'domain.taken', `items.${seen.get(held.name)}.domainName`, { domain: held.name });
  const failure = problems.failure();
  return failure ? fail(failure) : ok(lines);
}

/** N-2026-000123: series letter, year, number (rising; one whose use case failed is skipped). */
export async function nextNumber(scope: TransactionScope, series: 'N' | 'P' | 'T', now: Date): Promise<string> {
  return (await nextNumbered(scope, series, now)).number;
}

export async function nextNumbered(scope: TransactionScope, series: 'N' | 'P' | 'T', now: Date): Promise<{ number: string; sequence: number }> {
  const year = zagrebYear(now);
  const sequence = await scope.counters.reserve(series, year);
  return { number: `${series}-${year}-${String(sequence).padStart(6, '0')}`, sequence };
}
