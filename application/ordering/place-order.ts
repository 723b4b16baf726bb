import { checkProfileDetails, ClientAccount, ENTITY_TYPES, type EntityType, type ProfileDetails } from '../../domain/accounts/client-account.js';
import { Oib } from '../../domain/accounts/oib.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { Quote } from '../../domain/billing/quote.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { PasswordResetToken } from '../../domain/identity/password-reset-token.js';
import { User } from '../../domain/identity/user.js';
import { Order, type OrderCustomer } from '../../domain/ordering/order.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { existingOibMail, orderReceivedMail, welcomeMail } from '../mail/ordering-templates.js';
import { queueMail, SECRET_MARK } from '../mail/queue-mail.js';
import { mailAccount } from '../mail/mail-account.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { nextNumber, nextNumbered, priceCart, type CartItem } from './cart.js';
import { raiseEvent } from '../integrations/webhook-events.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';

export const WELCOME_LINK_TTL_MS = 7 * 86_400_000;

export interface NewCustomer extends OrderCustomer {
  readonly acceptTerms: boolean;
  /** Asked for companies, crafts and associations: decides their VAT classification (a person is a consumer). */
  readonly vatRegistered?: boolean;
}

interface CheckedCustomer extends ProfileDetails {
  readonly entityType: EntityType;
  readonly oib: Oib;
  readonly email: EmailAddress;
  readonly vatRegistered: boolean;
}

function checkCustomer(c: NewCustomer): Result<CheckedCustomer, InvalidInput> {
  const problems = new Problems();
  problems.check((ENTITY_TYPES as readonly string[]).includes(c.entityType), 'customer.entity_type', 'customer.entityType');
  const name = c.name.trim();
  problems.check(name.length >= 2 && name.length <= 200, 'customer.name', 'customer.name');
  const oib = problems.take(Oib.parse(c.oib, 'customer.oib'));
  const email = problems.take(EmailAddress.parse(c.email, 'customer.email'));
  const details = problems.take(checkProfileDetails(c, 'customer.'));
  problems.check(c.acceptTerms, 'customer.terms', 'customer.acceptTerms');
  const failure = problems.failure();
  if (failure || !oib || !email || !details) return fail(failure ?? new InvalidInput('validation.invalid', 'customer'));
  return ok({ entityType: c.entityType as EntityType, ...details, oib, email, vatRegistered: c.vatRegistered ?? true });
}

/**
 * What the thank-you page shows, the same for a newcomer and for an OIB that already has an account (the page must
 * not tell them apart): the order's number and total with VAT. `receipt` carries them sealed to that page.
 */
export interface PublicOrderOutcome {
  readonly received: true;
  readonly number: string;
  readonly grossCents: number;
  readonly receipt: string;
}

const RECEIPT = 'order-receipt:';
const RECEIPT_TTL_MS = 24 * 3_600_000;

/**
 * Ordering: the public form that makes a newcomer a client, and ordering from inside the portal.
 * Order, account, owner, quote and mails commit together or not at all.
 */
export class PlaceOrder {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'tokens' | 'rateLimiter' | 'settings'>) {}

  /** Whether this actor may order for the account (the portal offers the order form only then). */
  mayOrder(actor: Actor, accountId: string): boolean {
    return can(actor, { type: 'orders.place', accountId }).allowed;
  }

  async asNewcomer(input: { items: readonly CartItem[]; customer: NewCustomer }, meta: RequestMeta): Promise<Result<PublicOrderOutcome, DomainFailure>> {
    const customer = checkCustomer(input.customer);
    if (!customer.ok) {
      // The cart's problems too, so the form shows every wrong field at once (nothing is written).
      const cart = await this.deps.uow.run((scope) => priceCart(scope, input.items, input.customer.oib.replace(/\s+/gu, '')));
      return fail(cart.ok ? customer.error : (InvalidInput.all([...customer.error.problems, ...cart.error.problems]) ?? customer.error));
    }
    const limited = await checkRates(this.deps.rateLimiter, [[`order:address:${addressBlock(meta.clientAddress)}`, { limit: 10, windowSeconds: 3600 }]]);
    if (limited) return fail(limited);
    const c = customer.value;
    const token = this.deps.tokens.generate();

    return this.deps.uow.run(async (scope) => {
      const lines = await priceCart(scope, input.items, c.oib.value);
      if (!lines.ok) return fail(lines.error);
      const now = this.deps.clock.now();
      const existing = await scope.accounts.findByOib(c.oib.value);
      if (existing) {
        // Never a second account for one OIB, and nothing in the answer says that this one exists.
        const unlinked: OrderCustomer = { ...c, oib: c.oib.value, email: c.email.value };
        const order = Order.place({ id: this.deps.ids.newId(), number: await nextNumber(scope, 'N', now), accountId: null, placedByUserId: null, source: 'public', lines: lines.value, unlinkedCustomer: unlinked, now });
        await scope.orders.add(order);
        await queueMail(scope, this.deps, {
          to: existing.email,
          topic: 'general',
          accountId: existing.id,
          content: existingOibMail[meta.locale]({ name: existing.name, product: this.deps.settings.productName, link: `${this.deps.settings.appUrl}/sign-in` }),
        });
        await audit(scope, this.deps, meta, { action: 'order.placed_for_existing_oib', actorKind: 'anonymous', accountId: existing.id, details: { order: order.number } });
        return ok(this.outcome(order));
      }

      let owner = await scope.users.findByEmail(c.email.value);
      const newOwner = !owner;
      if (!owner) {
        owner = User.create({ id: this.deps.ids.newId(), email: c.email, name: c.name, locale: meta.locale, now });
        await scope.users.add(owner);
      }
      const account = ClientAccount.open({ id: this.deps.ids.newId(), entityType: c.entityType, name: c.name, oib: c.oib, email: c.email, phone: c.phone, street: c.street, postalCode: c.postalCode, city: c.city, buyerClass: c.entityType === 'person' ? 'consumer' : c.vatRegistered ? 'vat_business' : 'non_vat_business', ownerUserId: owner.id, now });
      await scope.accounts.add(account);
      const { order, quote } = await this.createOrderAndQuote(scope, account.id, owner.id, 'public', lines.value, null, now);
      let link = `${this.deps.settings.appUrl}/sign-in`;
      let secret: string | undefined;
      if (newOwner || !owner.hasPassword()) {
        await scope.resetTokens.add(PasswordResetToken.issue({ tokenHash: this.deps.tokens.hash(token), userId: owner.id, now, ttlMs: WELCOME_LINK_TTL_MS }));
        link = `${this.deps.settings.appUrl}/password-reset/${SECRET_MARK}`;
        secret = token;
      }
      const args = { name: c.name, product: this.deps.settings.productName, orderNumber: order.number, quoteNumber: quote.number, lines: order.lines, link };
      await queueMail(scope, this.deps, { to: owner.email, topic: 'general', accountId: account.id, userId: owner.id, content: (newOwner ? welcomeMail : orderReceivedMail)[meta.locale](args), secret });
      await audit(scope, this.deps, meta, { action: 'order.placed', actorKind: 'anonymous', actorId: owner.id, accountId: account.id, details: { order: order.number, newAccount: true } });
      await raiseEvent(scope, this.deps, { type: 'order.placed', accountId: account.id, data: { orderId: order.id, number: order.number } });
      return ok(this.outcome(order));
    });
  }

  /** A signed-in member with the orders right orders for their account; a repeated Idempotency-Key returns the first order. */
  async asMember(actor: Actor, input: { accountId: string; items: readonly CartItem[]; idempotencyKey?: string | null; source?: 'portal' | 'api' }, meta: RequestMeta): Promise<Result<Order, DomainFailure>> {
    if (!can(actor, { type: 'orders.place', accountId: input.accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const checked = checkIdempotencyKey(input.idempotencyKey);
    if (!checked.ok) return checked;
    const key = checked.value;
    const claim = { scope: `orders:${input.accountId}`, key, request: { items: input.items } };
    return this.deps.uow.run(async (scope) => {
      // One key, one order: a repeat returns it, concurrent repeats wait for it, another body with the key is refused.
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      if (taken.value.kind === 'replay') {
        const earlier = await scope.orders.findById(taken.value.resourceId);
        if (earlier) return ok(earlier);
      }
      if (key) {
        const earlier = await scope.orders.findByIdempotencyKey(input.accountId, key);
        if (earlier) return ok(earlier);
      }
      const account = await scope.accounts.findById(input.accountId);
      if (!account) return fail(new NotFound('not_found'));
      const lines = await priceCart(scope, input.items, account.oib, account);
      if (!lines.ok) return fail(lines.error);
      const now = this.deps.clock.now();
      const { order, quote } = await this.createOrderAndQuote(scope, account.id, actor.userId, input.source ?? 'portal', lines.value, key, now);
      await mailAccount(scope, this.deps, {
        account,
        topic: 'billing',
        compose: (locale) => orderReceivedMail[locale]({ name: account.name, product: this.deps.settings.productName, orderNumber: order.number, quoteNumber: quote.number, lines: order.lines, link: `${this.deps.settings.appUrl}/accounts/${account.id}/orders` }),
      });
      await audit(scope, this.deps, meta, { action: 'order.placed', actorKind: 'user', actorId: actor.userId, accountId: account.id, details: { order: order.number } });
      await raiseEvent(scope, this.deps, { type: 'order.placed', accountId: account.id, data: { orderId: order.id, number: order.number } });
      await keepIdempotencyKey(scope, claim, order.id);
      return ok(order);
    });
  }

  /** The thank-you page's order number and total from its sealed receipt; null when forged or older than a day. */
  receipt(sealed: string): { number: string; grossCents: number } | null {
    try {
      const plain = this.deps.secrets.open(sealed);
      const [number, gross, until] = plain.startsWith(RECEIPT) ? plain.slice(RECEIPT.length).split('|') : [];
      if (!number || Number(until) < this.deps.clock.now().getTime()) return null;
      return { number, grossCents: Number(gross) };
    } catch {
      return null;
    }
  }

  private outcome(order: Order): PublicOrderOutcome {
    const grossCents = order.totals().grossCents;
    return { received: true, number: order.number, grossCents, receipt: this.deps.secrets.seal(`${RECEIPT}${order.number}|${grossCents}|${this.deps.clock.now().getTime() + RECEIPT_TTL_MS}`) };
  }

  private async createOrderAndQuote(scope: TransactionScope, accountId: string, userId: string, source: 'public' | 'portal' | 'api', lines: Order['lines'], key: string | null, now: Date) {
    const order = Order.place({ id: this.deps.ids.newId(), number: await nextNumber(scope, 'N', now), accountId, placedByUserId: userId, source, lines, idempotencyKey: key, now });
    await scope.orders.add(order);
    const quote = Quote.forOrder({ id: this.deps.ids.newId(), ...(await nextNumbered(scope, 'P', now)), accountId, orderId: order.id, lines, now });
    await scope.quotes.add(quote);
    return { order, quote };
  }
}
