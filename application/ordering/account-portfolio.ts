import type { Actor } from '../../domain/authorization/actor.js';
import { can, visibleIds } from '../../domain/authorization/policy.js';
import type { Quote } from '../../domain/billing/quote.js';
import type { Order } from '../../domain/ordering/order.js';
import type { HostedService, RegisteredDomain, ServiceCredentials } from '../../domain/services/hosted-service.js';
import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { Page } from '../ports/repositories.js';
import type { DashboardData, ReadDetail, InvoiceRead, DashboardPart, DashboardQuery, QuoteRead } from '../ports/portal-reads.js';
import type { Announcement } from '../../domain/help/announcement.js';
import { DASHBOARD_DAYS, DASHBOARD_LIMIT } from '../help/announcements.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

const RENEWAL_WINDOW_MS = 60 * 86_400_000;
const PAGE = 25;
/** The dashboard is a summary: at most this many rows in each of its lists, each linking to the whole list. */
export const DASHBOARD_ROWS = 10;


/** An account's overview: its quotes and invoices as a list shows them (the dashboard) or whole (the JSON API). */
export interface Overview<D extends ReadDetail = 'summary'> {
  readonly account: ClientAccount;
  readonly services: readonly HostedService[] | null;
  readonly domains: readonly RegisteredDomain[] | null;
  readonly renewals: ReadonlyArray<{ kind: 'service' | 'domain'; id: string; name: string; expiresAt: Date }>;
  readonly openQuotes: readonly QuoteRead<D>[] | null;
  readonly unpaidInvoices: readonly InvoiceRead<D>[] | null;
}

export interface Dashboard {
  readonly accounts: readonly ClientAccount[];
  readonly notices: readonly Announcement[];
  readonly overview: Overview | null;
}

/** What a client account has: services, domains, orders and the dashboard over them, each behind the policy. */
export class AccountPortfolio {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets'>) {}

  /**
   * The dashboard in one statement whatever the account holds: the accounts to switch between, the unread
   * announcements and the chosen account's overview (by default the first account by name). The policy decides each
   * part for each account the person may see; the read model only applies its answers.
   */
  async dashboard(actor: Actor, chosen: string | null): Promise<Result<Dashboard, DomainFailure>> {
    if (actor.kind !== 'user') return ok({ accounts: [], notices: [], overview: null });
    if (chosen !== null && !can(actor, { type: 'account.view', accountId: chosen }).allowed) return fail(new Forbidden('forbidden'));
    const accountIds = actor.memberships.map((m) => m.accountId).filter((accountId) => can(actor, { type: 'account.view', accountId }).allowed);
    const notices = can(actor, { type: 'announcements.read' }).allowed;
    const data = await this.deps.uow.read((scope) => scope.reads.dashboard(this.query('summary', actor, accountIds, chosen, notices ? DASHBOARD_LIMIT : 0)));
    if (!data.account) return chosen === null ? ok({ accounts: data.accounts, notices: data.notices, overview: null }) : fail(new NotFound('not_found'));
    return ok({ accounts: data.accounts, notices: data.notices, overview: this.overviewOf(data) });
  }

  /** The overview of one account (the JSON API's dashboard): the same read, without the switcher and the notices. */
  async overview(actor: Actor, accountId: string): Promise<Result<Overview<'full'>, DomainFailure>> {
    if (!can(actor, { type: 'account.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const data = await this.deps.uow.read((scope) => scope.reads.dashboard(this.query('full', actor, [], accountId, 0)));
    return data.account ? ok(this.overviewOf(data)) : fail(new NotFound('not_found'));
  }

  private query<D extends ReadDetail>(detail: D, actor: Actor, accountIds: readonly string[], chosen: string | null, announcementLimit: number): DashboardQuery<D> {
    const candidates = chosen ? [chosen] : accountIds;
    const allowed = (type: 'services.view' | 'domains.view' | 'quotes.view' | 'invoices.view') => candidates.filter((accountId) => can(actor, { type, accountId }).allowed);
    const scoped = (type: 'services.view' | 'domains.view', kind: 'services' | 'domains'): DashboardPart => {
      const accounts = allowed(type);
      const limited = accounts.map((accountId) => ({ accountId, ids: visibleIds(actor, accountId, kind) })).filter((x) => x.ids !== null);
      return { accounts, scopedAccounts: limited.map((x) => x.accountId), only: limited.flatMap((x) => x.ids ?? []) };
    };
    return {
      detail,
      userId: actor.kind === 'user' ? actor.userId : '',
      accountIds,
      accountId: chosen,
      services: scoped('services.view', 'services'),
      domains: scoped('domains.view', 'domains'),
      quotes: { accounts: allowed('quotes.view') },
      invoices: { accounts: allowed('invoices.view') },
      announcementsSince: new Date(this.deps.clock.now().getTime() - DASHBOARD_DAYS * 86_400_000),
      announcementLimit,
      limit: DASHBOARD_ROWS,
    };
  }

  private overviewOf<D extends ReadDetail>(data: DashboardData<D>): Overview<D> {
    const horizon = this.deps.clock.now().getTime() + RENEWAL_WINDOW_MS;
    const renewals = [
      ...(data.services ?? []).map((s) => ({ kind: 'service' as const, id: s.id, name: `${s.name} — ${s.domainName}`, expiresAt: s.expiresAt, status: s.status })),
      ...(data.domains ?? []).map((d) => ({ kind: 'domain' as const, id: d.id, name: d.name, expiresAt: d.expiresAt, status: d.status })),
    ]
      .filter((r) => (r.status === 'active' || r.status === 'suspended') && r.expiresAt.getTime() <= horizon)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .map(({ status: _status, ...r }) => r);
    return { account: data.account!, services: data.services, domains: data.domains, renewals, openQuotes: data.openQuotes, unpaidInvoices: data.unpaidInvoices };
  }

  async services(actor: Actor, accountId: string, after: string | null | Paging): Promise<Result<Page<HostedService>, DomainFailure>> {
    if (!can(actor, { type: 'services.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.services(accountId, pageRequest(after, PAGE), visibleIds(actor, accountId, 'services'))));
  }

  async service(actor: Actor, accountId: string, serviceId: string): Promise<Result<{ service: HostedService; mayReveal: boolean }, DomainFailure>> {
    if (!can(actor, { type: 'services.view', accountId, serviceId }).allowed) return fail(new Forbidden('forbidden'));
    const service = await this.deps.uow.read((scope) => scope.services.findById(serviceId));
    if (!service || service.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok({ service, mayReveal: service.sealedCredentials !== null && can(actor, { type: 'services.credentials', accountId, serviceId }).allowed });
  }

  /** Opens the sealed access data for one service; every reveal is in the audit log. */
  async revealCredentials(actor: Actor, accountId: string, serviceId: string, meta: RequestMeta): Promise<Result<ServiceCredentials, DomainFailure>> {
    if (!can(actor, { type: 'services.credentials', accountId, serviceId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const service = await scope.services.findById(serviceId);
      if (!service || service.accountId !== accountId || !service.sealedCredentials) return fail(new NotFound('not_found'));
      const credentials = JSON.parse(this.deps.secrets.open(service.sealedCredentials)) as ServiceCredentials;
      await audit(scope, this.deps, meta, { action: 'service.credentials_revealed', actorKind: 'user', actorId: actor.userId, accountId, details: { service: service.id } });
      return ok(credentials);
    });
  }

  async domains(actor: Actor, accountId: string, after: string | null | Paging): Promise<Result<Page<RegisteredDomain>, DomainFailure>> {
    if (!can(actor, { type: 'domains.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.domains(accountId, pageRequest(after, PAGE), visibleIds(actor, accountId, 'domains'))));
  }

  async domain(actor: Actor, accountId: string, domainId: string): Promise<Result<RegisteredDomain, DomainFailure>> {
    if (!can(actor, { type: 'domains.view', accountId, domainId }).allowed) return fail(new Forbidden('forbidden'));
    const domain = await this.deps.uow.read((scope) => scope.domains.findById(domainId));
    if (!domain || domain.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok(domain);
  }

  /** One order of the account, for members with the orders right. */
  async order(actor: Actor, accountId: string, orderId: string): Promise<Result<{ order: Order; quote: Quote | null }, DomainFailure>> {
    if (!can(actor, { type: 'orders.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const order = await scope.orders.findById(orderId);
      if (!order || order.accountId !== accountId) return fail(new NotFound('not_found'));
      return ok({ order, quote: await scope.quotes.findByOrder(order.id) });
    });
  }

  async orders(actor: Actor, accountId: string, after: string | null | Paging): Promise<Result<Page<Order>, DomainFailure>> {
    if (!can(actor, { type: 'orders.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.orders.listForAccount(accountId, pageRequest(after, PAGE))));
  }
}
