import type { Actor } from '../../domain/authorization/actor.js';
import { can, type MailAbout } from '../../domain/authorization/policy.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { HostedService, RegisteredDomain, ServiceCredentials } from '../../domain/services/hosted-service.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { checkNameservers } from '../../domain/support/ticket-request.js';
import { mailAccount } from '../mail/mail-account.js';
import { queueMail, SECRET_MARK } from '../mail/queue-mail.js';
import { itemChangedMail, transferCodeMail } from '../mail/service-templates.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { raiseEvent } from '../integrations/webhook-events.js';

const CHANGES = {
  cancelled: { hr: 'otkazano', en: 'cancelled' },
  plan: { hr: 'promijenjen paket', en: 'plan changed' },
  credentials: { hr: 'novi pristupni podaci su u portalu', en: 'new access data is in the portal' },
  nameservers: { hr: 'promijenjeni poslužitelji imena', en: 'nameservers changed' },
} as const;

type Deps = Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings'>;

/**
 * What a client with the manage rights can do to a service or a domain. The portal and the tickets call these
 * same methods; for a ticket, with the requester as the actor, so the policy judges the requester.
 */
export class ServiceActions {
  constructor(private readonly deps: Deps) {}

  /** Whether the portal offers the direct change of this domain (nameservers) to the actor. */
  mayManageDomain(actor: Actor, accountId: string, domainId: string): boolean {
    return can(actor, { type: 'domains.manage', accountId, domainId }).allowed;
  }

  cancel(actor: Actor, accountId: string, serviceId: string, meta: RequestMeta): Promise<Result<HostedService, DomainFailure>> {
    return this.onService(actor, { type: 'services.manage', accountId, serviceId }, serviceId, meta, async (scope, service) => {
      if (!service.isLive()) return fail(new Conflict('service.not_live'));
      service.cancel();
      await scope.services.save(service);
      await raiseEvent(scope, this.deps, { type: 'service.cancelled', accountId, data: { serviceId: service.id, reason: 'client' } });
      await this.told(scope, accountId, `${service.name} — ${service.domainName}`, 'cancelled', { serviceIds: [service.id] });
      return ok('service.cancelled');
    });
  }

  changePlan(actor: Actor, accountId: string, serviceId: string, productCode: string, meta: RequestMeta): Promise<Result<HostedService, DomainFailure>> {
    return this.onService(actor, { type: 'services.manage', accountId, serviceId }, serviceId, meta, async (scope, service) => {
      const [product] = await scope.products.findByCodes([productCode]);
      if (!product || product.kind !== service.kind || product.code === service.productCode) return fail(new InvalidInput('service.plan', 'productCode'));
      if (!service.isLive()) return fail(new Conflict('service.not_live'));
      service.changePlan({ id: product.id, code: product.code, name: product.nameHr });
      await scope.services.save(service);
      await this.told(scope, accountId, `${service.name} — ${service.domainName}`, 'plan', { serviceIds: [service.id] });
      return ok('service.plan_changed');
    });
  }

  /** New access data (a new password), sealed; the mail only says it is waiting in the portal. */
  resetCredentials(actor: Actor, accountId: string, serviceId: string, meta: RequestMeta): Promise<Result<HostedService, DomainFailure>> {
    return this.onService(actor, { type: 'services.credentials', accountId, serviceId }, serviceId, meta, async (scope, service) => {
      if (!service.sealedCredentials || !service.isLive()) return fail(new Conflict('service.no_credentials'));
      const old = JSON.parse(this.deps.secrets.open(service.sealedCredentials)) as ServiceCredentials;
      service.sealedCredentials = this.deps.secrets.seal(JSON.stringify({ ...old, password: this.deps.tokens.generate().slice(0, 20) }));
      await scope.services.save(service);
      await this.told(scope, accountId, `${service.name} — ${service.domainName}`, 'credentials', { serviceIds: [service.id] });
      return ok('service.credentials_reset');
    });
  }

  setNameservers(actor: Actor, accountId: string, domainId: string, nameservers: readonly string[] | string, meta: RequestMeta): Promise<Result<RegisteredDomain, DomainFailure>> {
    return this.onDomain(actor, accountId, domainId, meta, async (scope, domain) => {
      const list = checkNameservers(nameservers);
      if (!list.ok) return list;
      domain.setNameservers(list.value);
      await scope.domains.save(domain);
      await this.told(scope, accountId, domain.name, 'nameservers', { domainIds: [domain.id] });
      return ok('domain.nameservers_changed');
    });
  }

  /** A transfer-out code, mailed to the account's own address only (the registrant), never shown or stored. */
  transferCode(actor: Actor, accountId: string, domainId: string, meta: RequestMeta): Promise<Result<RegisteredDomain, DomainFailure>> {
    return this.onDomain(actor, accountId, domainId, meta, async (scope, domain) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const owner = await scope.users.findById(account.ownerUserId);
      const locale: Locale = owner?.locale ?? 'hr';
      // The code exists in clear only in the mail on its way out: sealed until delivered, never in any history.
      const code = this.deps.tokens.generate().slice(0, 16).toUpperCase();
      const registrant = owner?.email === account.email ? owner.id : null;
      await queueMail(scope, this.deps, { to: account.email, topic: 'domains', accountId, userId: registrant, secret: code, content: transferCodeMail[locale]({ account: account.name, product: this.deps.settings.productName, domain: domain.name, code: SECRET_MARK }) });
      return ok('domain.transfer_code_sent');
    });
  }

  private onService(
    actor: Actor,
    action: { type: 'services.manage' | 'services.credentials'; accountId: string; serviceId: string },
    serviceId: string,
    meta: RequestMeta,
    change: (scope: TransactionScope, service: HostedService) => Promise<Result<string, DomainFailure>>,
  ): Promise<Result<HostedService, DomainFailure>> {
    if (!can(actor, action).allowed || actor.kind !== 'user') return Promise.resolve(fail(new Forbidden('forbidden')));
    return this.deps.uow.run(async (scope) => {
      const service = await scope.services.findById(serviceId);
      if (!service || service.accountId !== action.accountId) return fail(new NotFound('not_found'));
      const done = await change(scope, service);
      if (!done.ok) return done;
      await audit(scope, this.deps, meta, { action: done.value, actorKind: 'user', actorId: actor.userId, accountId: action.accountId, details: { service: service.id, product: service.productCode } });
      return ok(service);
    });
  }

  private onDomain(actor: Actor, accountId: string, domainId: string, meta: RequestMeta, change: (scope: TransactionScope, domain: RegisteredDomain) => Promise<Result<string, DomainFailure>>): Promise<Result<RegisteredDomain, DomainFailure>> {
    if (!can(actor, { type: 'domains.manage', accountId, domainId }).allowed || actor.kind !== 'user') return Promise.resolve(fail(new Forbidden('forbidden')));
    return this.deps.uow.run(async (scope) => {
      const domain = await scope.domains.findById(domainId);
      if (!domain || domain.accountId !== accountId) return fail(new NotFound('not_found'));
      if (!domain.isLive()) return fail(new Conflict('service.not_live'));
      const done = await change(scope, domain);
      if (!done.ok) return done;
      await audit(scope, this.deps, meta, { action: done.value, actorKind: 'user', actorId: actor.userId, accountId, details: { domain: domain.name, nameservers: domain.nameservers.join(' ') } });
      return ok(domain);
    });
  }

  private async told(scope: TransactionScope, accountId: string, item: string, change: keyof typeof CHANGES, about: MailAbout): Promise<void> {
    const account = await scope.accounts.findById(accountId);
    if (!account) return;
    const topic = change === 'nameservers' ? 'domains' : 'services';
    await mailAccount(scope, this.deps, { account, topic, about, compose: (locale) => itemChangedMail[locale]({ account: account.name, product: this.deps.settings.productName, item, change: CHANGES[change][locale], link: `${this.deps.settings.appUrl}/dashboard?account=${account.id}` }) });
  }
}
