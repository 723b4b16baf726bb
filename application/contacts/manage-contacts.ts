import type { AccessScope, Actor } from '../../domain/authorization/actor.js';
import { PERMISSIONS, type Permission } from '../../domain/authorization/permission.js';
import { can, visibleIds, type Grant } from '../../domain/authorization/policy.js';
import { Contact, SUBSCRIPTIONS, subscriptionAllowed, type Subscription } from '../../domain/contacts/contact.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import type { Locale } from '../../domain/identity/locale.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { invitationMail } from '../mail/contact-templates.js';
import { zagrebDate } from '../mail/mail-content.js';
import { queueMail, SECRET_MARK } from '../mail/queue-mail.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';
import { raiseEvent } from '../integrations/webhook-events.js';

/** What the owner (or a contact with the contacts right) fills in for a contact. */
export interface ContactInput {
  readonly name: string;
  readonly permissions: readonly string[];
  /** 'account': the rights apply to the whole account; 'chosen': only to the listed services and domains. */
  readonly scope: 'account' | 'chosen';
  readonly serviceIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly subscriptions: readonly string[];
}

export interface NewContactInput extends ContactInput {
  readonly email: string;
  /** True: invite the person to sign in; false: the contact only receives mail. */
  readonly login: boolean;
}

/** What the contact form offers: the services and domains a scope can name, and the rights the actor may give. */
export interface ContactChoices {
  readonly services: readonly HostedService[];
  readonly domains: readonly RegisteredDomain[];
  readonly grantable: readonly Permission[];
  /** Whether the actor may invite people to sign in (the signed-in owner), or only add contacts who receive mail. */
  readonly mayInvite: boolean;
}

const CHOICES_LIMIT = 500;

interface Parsed {
  readonly name: string;
  readonly permissions: Permission[];
  readonly scope: AccessScope | null;
  readonly subscriptions: Subscription[];
}

function parse(input: ContactInput, email?: string): Result<Parsed, InvalidInput> {
  const problems = new Problems();
  const name = input.name.trim();
  problems.check(name.length >= 2 && name.length <= 120, 'contact.name', 'name');
  if (email !== undefined) problems.check(EmailAddress.parse(email).ok, 'contact.email', 'email');
  const permissions = input.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  problems.check(permissions.length === input.permissions.length, 'contact.permissions', 'permissions');
  const subscriptions = input.subscriptions.filter((s): s is Subscription => (SUBSCRIPTIONS as readonly string[]).includes(s));
  // Mail of a kind only to someone who may read it: billing mail needs quotes or invoices, and so on.
  const beyond = subscriptions.find((s) => !subscriptionAllowed(permissions, s));
  if (problems.check(subscriptions.length === input.subscriptions.length, 'contact.subscriptions', 'subscriptions')) {
    problems.check(!beyond, 'contact.subscription_needs_right', 'subscriptions', beyond ? { subscription: beyond } : {});
  }
  if (input.scope !== 'account') problems.check(input.serviceIds.length + input.domainIds.length > 0, 'contact.scope_empty', 'scope');
  const failure = problems.failure();
  if (failure) return fail(failure);
  if (input.scope === 'account') return ok({ name, permissions, scope: null, subscriptions });
  return ok({ name, permissions, scope: { serviceIds: [...new Set(input.serviceIds)], domainIds: [...new Set(input.domainIds)] }, subscriptions });
}

const grantOf = (contact: Contact): Grant => ({ userId: contact.userId, permissions: contact.permissions, scope: contact.scope() });

/**
 * Contacts of an account: added with rights (for the whole account or chosen services and domains) and mail
 * subscriptions, invited by a 7-day single-use link, changed and removed. The policy decides who may, and a
 * contact may never give more than it holds nor change itself.
 */
export class ManageContacts {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'secrets' | 'tokens' | 'rateLimiter' | 'settings'>) {}

  async list(actor: Actor, accountId: string, after: string | null | Paging): Promise<Result<Page<Contact>, DomainFailure>> {
    if (!can(actor, { type: 'contacts.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.run((scope) => scope.contacts.listForAccount(accountId, pageRequest(after, 50))));
  }

  async show(actor: Actor, accountId: string, contactId: string): Promise<Result<{ contact: Contact; mayManage: boolean }, DomainFailure>> {
    if (!can(actor, { type: 'contacts.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const contact = await this.deps.uow.run((scope) => scope.contacts.findById(contactId));
    if (!contact || contact.accountId !== accountId) return fail(new NotFound('not_found'));
    return ok({ contact, mayManage: can(actor, { type: 'contacts.manage', accountId, target: grantOf(contact) }).allowed });
  }

  /** The choices of the contact form; a scoped actor only sees (and can only give) its own services and domains. */
  async choices(actor: Actor, accountId: string): Promise<Result<ContactChoices, DomainFailure>> {
    if (!can(actor, { type: 'contacts.manage', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const membership = actor.kind === 'user' ? actor.memberships.find((m) => m.accountId === accountId) : undefined;
    const own = membership?.role === 'contact' ? membership : null;
    return this.deps.uow.run(async (scope) => {
      const services = (await scope.services.listForAccount(accountId, { limit: CHOICES_LIMIT }, visibleIds(actor, accountId, 'services'))).items;
      const domains = (await scope.domains.listForAccount(accountId, { limit: CHOICES_LIMIT }, visibleIds(actor, accountId, 'domains'))).items;
      return ok({ services, domains, grantable: own ? PERMISSIONS.filter((p) => own.permissions.includes(p)) : [...PERMISSIONS], mayInvite: can(actor, { type: 'contacts.invite', accountId }).allowed });
    });
  }

  async add(actor: Actor, accountId: string, input: NewContactInput, meta: RequestMeta): Promise<Result<Contact, DomainFailure>> {
    if (!can(actor, { type: 'contacts.manage', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const parsed = parse(input, input.email);
    if (!parsed.ok) return fail(parsed.error);
    const email = EmailAddress.parse(input.email);
    if (!email.ok) return fail(new InvalidInput('contact.email', 'email'));
    const grant: Grant = { permissions: parsed.value.permissions, scope: parsed.value.scope };
    if (!can(actor, { type: 'contacts.manage', accountId, grant }).allowed) return fail(new Forbidden('contact.exceeds_own_rights'));
    if (input.login && !can(actor, { type: 'contacts.invite', accountId }).allowed) return fail(new Forbidden('contact.invite_owner_only'));
    if (input.login) {
      const limited = await checkRates(this.deps.rateLimiter, [[`invitations:account:${accountId}`, RATE_RULES.invitationsPerAccount]]);
      if (limited) return fail(limited);
    }
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const owner = await scope.users.findById(account.ownerUserId);
      if (owner?.email === email.value.value) return fail(new InvalidInput('contact.is_owner', 'email'));
      if (await scope.contacts.findByEmail(accountId, email.value.value)) return fail(new Conflict('contact.exists'));
      const scopeCheck = await this.checkScope(scope, accountId, parsed.value.scope);
      if (!scopeCheck.ok) return scopeCheck;
      const contact = Contact.add({ id: this.deps.ids.newId(), accountId, ...parsed.value, email: email.value, locale: meta.locale, now: this.deps.clock.now() });
      const token = input.login ? this.deps.tokens.generate() : null;
      if (token) contact.invite(this.deps.tokens.hash(token), this.deps.clock.now());
      await scope.contacts.add(contact);
      if (token) await this.mailInvitation(scope, actor.userId, account.name, contact, token);
      await raiseEvent(scope, this.deps, { type: 'contact.added', accountId, data: { contactId: contact.id, login: contact.login } });
      await audit(scope, this.deps, meta, { action: 'contact.added', actorKind: 'user', actorId: actor.userId, accountId, details: { contact: contact.id, email: contact.email, login: contact.login, permissions: contact.permissions.join(','), scoped: contact.scope() !== null } });
      return ok(contact);
    });
  }

  async update(actor: Actor, accountId: string, contactId: string, input: ContactInput, meta: RequestMeta): Promise<Result<Contact, DomainFailure>> {
    if (!can(actor, { type: 'contacts.manage', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const parsed = parse(input);
    if (!parsed.ok) return fail(parsed.error);
    return this.deps.uow.run(async (scope) => {
      const contact = await scope.contacts.findById(contactId);
      if (!contact || contact.accountId !== accountId) return fail(new NotFound('not_found'));
      const grant: Grant = { userId: contact.userId, permissions: parsed.value.permissions, scope: parsed.value.scope };
      const decision = can(actor, { type: 'contacts.manage', accountId, target: grantOf(contact), grant });
      if (!decision.allowed) return fail(new Forbidden(decision.reason === 'own_contact' ? 'contact.own' : 'contact.exceeds_own_rights'));
      const scopeCheck = await this.checkScope(scope, accountId, parsed.value.scope);
      if (!scopeCheck.ok) return scopeCheck;
      contact.rename(parsed.value.name);
      contact.grant(parsed.value.permissions, parsed.value.scope);
      contact.subscribe(parsed.value.subscriptions);
      await scope.contacts.save(contact);
      await audit(scope, this.deps, meta, { action: 'contact.changed', actorKind: 'user', actorId: actor.userId, accountId, details: { contact: contact.id, permissions: contact.permissions.join(','), scoped: contact.scope() !== null, subscriptions: contact.subscriptions.join(',') } });
      return ok(contact);
    });
  }

  /** Removing a contact ends what it allowed at once: memberships are read afresh on every request. */
  async remove(actor: Actor, accountId: string, contactId: string, meta: RequestMeta): Promise<Result<void, DomainFailure>> {
    if (!can(actor, { type: 'contacts.manage', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const contact = await scope.contacts.findById(contactId);
      if (!contact || contact.accountId !== accountId) return fail(new NotFound('not_found'));
      const decision = can(actor, { type: 'contacts.manage', accountId, target: grantOf(contact) });
      if (!decision.allowed) return fail(new Forbidden(decision.reason === 'own_contact' ? 'contact.own' : 'contact.exceeds_own_rights'));
      await scope.contacts.remove(contact.id);
      await raiseEvent(scope, this.deps, { type: 'contact.removed', accountId, data: { contactId: contact.id } });
      await audit(scope, this.deps, meta, { action: 'contact.removed', actorKind: 'user', actorId: actor.userId, accountId, details: { contact: contact.id, email: contact.email } });
      return ok(undefined);
    });
  }

  /** Sends a new invitation link (the previous one stops working); turns a mail-only contact into one with a login. */
  async invite(actor: Actor, accountId: string, contactId: string, meta: RequestMeta): Promise<Result<Contact, DomainFailure>> {
    if (!can(actor, { type: 'contacts.manage', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    if (!can(actor, { type: 'contacts.invite', accountId }).allowed) return fail(new Forbidden('contact.invite_owner_only'));
    const limited = await checkRates(this.deps.rateLimiter, [[`invitations:account:${accountId}`, RATE_RULES.invitationsPerAccount]]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const contact = await scope.contacts.findById(contactId);
      if (!contact || contact.accountId !== accountId) return fail(new NotFound('not_found'));
      if (!can(actor, { type: 'contacts.manage', accountId, target: grantOf(contact) }).allowed) return fail(new Forbidden('contact.exceeds_own_rights'));
      if (contact.acceptedAt) return fail(new Conflict('contact.already_accepted'));
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const token = this.deps.tokens.generate();
      contact.invite(this.deps.tokens.hash(token), this.deps.clock.now());
      await scope.contacts.save(contact);
      await this.mailInvitation(scope, actor.userId, account.name, contact, token);
      await audit(scope, this.deps, meta, { action: 'contact.invited', actorKind: 'user', actorId: actor.userId, accountId, details: { contact: contact.id, email: contact.email } });
      return ok(contact);
    });
  }

  /** Every service and domain of a scope must belong to the account. */
  private async checkScope(scope: TransactionScope, accountId: string, access: AccessScope | null): Promise<Result<void, DomainFailure>> {
    if (!access) return ok(undefined);
    const services = access.serviceIds.length ? (await scope.services.listForAccount(accountId, { limit: access.serviceIds.length }, access.serviceIds)).items : [];
    const domains = access.domainIds.length ? (await scope.domains.listForAccount(accountId, { limit: access.domainIds.length }, access.domainIds)).items : [];
    if (services.length !== access.serviceIds.length || domains.length !== access.domainIds.length) return fail(new InvalidInput('contact.scope_unknown', 'scope'));
    return ok(undefined);
  }

  private async mailInvitation(scope: TransactionScope, inviterId: string, accountName: string, contact: Contact, token: string): Promise<void> {
    const inviter = await scope.users.findById(inviterId);
    const locale: Locale = contact.locale;
    const invitee = contact.userId ?? (await scope.users.findByEmail(contact.email))?.id ?? null;
    await queueMail(scope, this.deps, {
      to: contact.email,
      topic: 'general',
      accountId: contact.accountId,
      userId: invitee,
      secret: token,
      content: invitationMail[locale]({
        name: contact.name,
        inviter: inviter?.name ?? accountName,
        account: accountName,
        product: this.deps.settings.productName,
        link: `${this.deps.settings.appUrl}/invitations/${SECRET_MARK}`,
        expires: zagrebDate(contact.invitationExpiresAt ?? this.deps.clock.now()),
      }),
    });
  }
}
