import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { Order } from '../../domain/ordering/order.js';
import { HostedService, RegisteredDomain, type ServiceCredentials } from '../../domain/services/hosted-service.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { queueMail } from '../mail/queue-mail.js';
import { mailAccount } from '../mail/mail-account.js';
import { orderAcceptedMail, orderReceivedMail, orderRejectedMail } from '../mail/ordering-templates.js';
import { Quote as QuoteDocument } from '../../domain/billing/quote.js';
import { nextNumbered } from './cart.js';
import type { Page } from '../ports/repositories.js';
import { audit } from '../shared/audit.js';
import { pageRequest } from '../shared/paging.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import type { Quote } from '../../domain/billing/quote.js';
import { raiseEvent } from '../integrations/webhook-events.js';

export interface OrderForStaff {
  readonly order: Order;
  readonly quote: Quote | null;
  readonly accountName: string | null;
}

/** The staff order queue: accepting creates the services and domains with sealed access data; each step is mailed. */
export class DecideOrder {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings'>) {}

  /** The queue, with the client of each order (one query for the page's accounts, whatever its size). */
  async pending(actor: Actor, page: { after?: string | null; limit?: number }): Promise<Result<Page<Order> & { count: number; accounts: ReadonlyMap<string, ClientAccount> }, DomainFailure>> {
    if (!can(actor, { type: 'staff.orders' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(
      await this.deps.uow.read(async (scope) => {
        const queue = await scope.backOffice.orderQueue(pageRequest({ after: page.after ?? null, limit: page.limit }, 25));
        return { ...queue.page, count: queue.count, accounts: queue.accounts };
      }),
    );
  }

  async show(actor: Actor, orderId: string): Promise<Result<OrderForStaff, DomainFailure>> {
    if (!can(actor, { type: 'staff.orders' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const order = await scope.orders.findById(orderId);
      if (!order) return fail(new NotFound('not_found'));
      const account = order.accountId ? await scope.accounts.findById(order.accountId) : null;
      return ok({ order, quote: await scope.quotes.findByOrder(order.id), accountName: account?.name ?? null });
    });
  }

  /** Attaches a public order for a known OIB to that OIB's account and issues its quote; the account is told. */
  async link(actor: Actor, orderId: string, meta: RequestMeta): Promise<Result<Order, DomainFailure>> {
    if (!can(actor, { type: 'staff.orders' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const order = await scope.orders.findById(orderId);
      if (!order) return fail(new NotFound('not_found'));
      if (order.status !== 'pending') return fail(new Conflict('order.already_decided'));
      if (order.accountId || !order.unlinkedCustomer) return fail(new Conflict('order.already_linked'));
      const account = await scope.accounts.findByOib(order.unlinkedCustomer.oib);
      if (!account) return fail(new NotFound('not_found'));
      const now = this.deps.clock.now();
      order.linkTo(account.id);
      await scope.orders.save(order);
      const quote = QuoteDocument.forOrder({ id: this.deps.ids.newId(), ...(await nextNumbered(scope, 'P', now)), accountId: account.id, orderId: order.id, lines: order.lines, now });
      await scope.quotes.add(quote);
      await mailAccount(scope, this.deps, {
        account,
        topic: 'billing',
        compose: (locale) => orderReceivedMail[locale]({ name: account.name, product: this.deps.settings.productName, orderNumber: order.number, quoteNumber: quote.number, lines: order.lines, link: `${this.deps.settings.appUrl}/accounts/${account.id}/orders` }),
      });
      await audit(scope, this.deps, meta, { action: 'staff.order_linked', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { order: order.number } });
      return ok(order);
    });
  }

  async accept(actor: Actor, orderId: string, meta: RequestMeta): Promise<Result<Order, DomainFailure>> {
    if (!can(actor, { type: 'staff.orders' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const order = await scope.orders.findById(orderId);
      if (!order) return fail(new NotFound('not_found'));
      if (order.status !== 'pending') return fail(new Conflict('order.already_decided'));
      if (!order.accountId) return fail(new Conflict('order.unlinked'));
      const account = await scope.accounts.findById(order.accountId);
      if (!account) return fail(new NotFound('not_found'));
      // Another order for the same name may have been accepted since this one was placed.
      const [held] = await scope.domains.findHeld(order.lines.filter((l) => l.kind === 'domain').map((l) => l.domainName));
      if (held) return fail(new Conflict('domain.taken', { domain: held.name }));
      const now = this.deps.clock.now();
      order.accept(actor.staffId, now);
      await scope.orders.save(order);
      for (const line of order.lines) {
        if (line.kind === 'domain') {
          await scope.domains.add(RegisteredDomain.register({ id: this.deps.ids.newId(), accountId: account.id, orderId: order.id, name: line.domainName, periodMonths: line.periodMonths, nameservers: [...this.deps.settings.nameservers], now }));
          continue;
        }
        const credentials: ServiceCredentials = {
          username: `${line.domainName.split('.')[0]!.replace(/[^a-z0-9]/gu, '').slice(0, 12) || 'user'}${this.deps.tokens.generate().slice(0, 4)}`,
          password: this.deps.tokens.generate().slice(0, 20),
          host: line.kind === 'mailbox' ? `mail.${line.domainName}` : this.deps.settings.serviceHost,
        };
        await scope.services.add(
          HostedService.activate({
            id: this.deps.ids.newId(),
            accountId: account.id,
            orderId: order.id,
            productId: line.productId,
            productCode: line.productCode,
            kind: line.kind,
            name: line.name,
            domainName: line.domainName,
            periodMonths: line.periodMonths,
            sealedCredentials: line.kind === 'ssl' ? null : this.deps.secrets.seal(JSON.stringify(credentials)),
            now,
          }),
        );
      }
      await mailAccount(scope, this.deps, {
        account,
        topic: 'services',
        compose: (locale) => orderAcceptedMail[locale]({ name: account.name, product: this.deps.settings.productName, orderNumber: order.number, link: `${this.deps.settings.appUrl}/accounts/${account.id}/services` }),
      });
      await audit(scope, this.deps, meta, { action: 'staff.order_accepted', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { order: order.number } });
      await raiseEvent(scope, this.deps, { type: 'order.accepted', accountId: account.id, data: { orderId: order.id, number: order.number } });
      return ok(order);
    });
  }

  async reject(actor: Actor, orderId: string, reason: string, meta: RequestMeta): Promise<Result<Order, DomainFailure>> {
    if (!can(actor, { type: 'staff.orders' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) return fail(new InvalidInput('order.reason', 'reason'));
    return this.deps.uow.run(async (scope) => {
      const order = await scope.orders.findById(orderId);
      if (!order) return fail(new NotFound('not_found'));
      if (order.status !== 'pending') return fail(new Conflict('order.already_decided'));
      order.reject(actor.staffId, why, this.deps.clock.now());
      await scope.orders.save(order);
      const account = order.accountId ? await scope.accounts.findById(order.accountId) : null;
      const rejected = (locale: Locale) => orderRejectedMail[locale]({ name: account?.name ?? order.unlinkedCustomer?.name ?? '', product: this.deps.settings.productName, orderNumber: order.number, reason: why, link: `${this.deps.settings.appUrl}/sign-in` });
      if (account) await mailAccount(scope, this.deps, { account, topic: 'general', compose: rejected });
      else if (order.unlinkedCustomer) await queueMail(scope, this.deps, { to: order.unlinkedCustomer.email, topic: 'general', content: rejected('hr') });
      await audit(scope, this.deps, meta, { action: 'staff.order_rejected', actorKind: 'staff', actorId: actor.staffId, accountId: account?.id ?? null, details: { order: order.number } });
      return ok(order);
    });
  }
}
