import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can, ticketVisibility, visibleIds, type Decision } from '../../domain/authorization/policy.js';
import type { Product } from '../../domain/catalog/product.js';
import { checkDocument, fileNameFor, type DocumentType } from '../../domain/email-change/document.js';
import type { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { DEPARTMENTS, PRIORITIES, Ticket, TicketMessage, type Department, type Priority, type TicketAttachment } from '../../domain/support/ticket.js';
import { actionFor, parseRequest, type RequestKind, type RequestPayload } from '../../domain/support/ticket-request.js';
import { membershipsOf } from '../accounts/memberships.js';
import { mailAccount } from '../mail/mail-account.js';
import { queueMail } from '../mail/queue-mail.js';
import { ticketMail } from '../mail/service-templates.js';
import { nextNumber } from '../ordering/cart.js';
import type { PlaceOrder } from '../ordering/place-order.js';
import type { ManageProfile } from '../profile/manage-profile.js';
import type { Page, TicketFilter } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import type { ServiceActions } from '../services/service-actions.js';
import { pageRequest, type Paging } from '../shared/paging.js';
import { raiseEvent } from '../integrations/webhook-events.js';
import { checkIdempotencyKey, keepIdempotencyKey, takeIdempotencyKey } from '../shared/idempotency.js';

export interface Upload {
  readonly name: string;
  readonly content: Uint8Array;
}

export interface NewTicket {
  readonly subject: string;
  readonly department: string;
  readonly priority: string;
  readonly body: string;
  /** A typed request: its kind and its fields, as the form or the API sent them. */
  readonly request?: { readonly kind: string; readonly fields: Record<string, unknown> } | null;
  readonly attachment?: Upload | null;
  /** A key the client chose: the same request sent again opens no second ticket. */
  readonly idempotencyKey?: string | null;
}

/** The requests the actor may make in an account, and on which services and domains: what the form offers. */
export interface RequestOptions {
  readonly account: ClientAccount;
  readonly kinds: readonly RequestKind[];
  readonly manageableServices: readonly HostedService[];
  readonly credentialServices: readonly HostedService[];
  readonly manageableDomains: readonly RegisteredDomain[];
  readonly plans: readonly Product[];
}

export interface TicketView {
  readonly ticket: Ticket;
  readonly account: ClientAccount;
  readonly messages: readonly TicketMessage[];
  readonly attachments: readonly TicketAttachment[];
  /** For staff: the policy's verdict on the request for the requester as they are now, and the right behind it. */
  readonly verdict: Decision | null;
  readonly requesterName: string;
  /** The service or domain the request names, as people read it. */
  readonly target: string | null;
}

const OPTIONS_LIMIT = 200;

/** The executors of requests: the same use cases the portal and the API call directly. */
export interface RequestExecutors {
  readonly serviceActions: ServiceActions;
  readonly profile: ManageProfile;
  readonly placeOrder: PlaceOrder;
}

/**
 * Support tickets: clients with the tickets right open and answer them; staff answer, and carry out the typed
 * request a ticket carries only when the policy allows it for the requester, by calling the same use case the
 * portal would with the requester as the actor.
 */
export class Tickets {
  constructor(
    private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'secrets' | 'settings'>,
    private readonly executors: RequestExecutors,
  ) {}

  async options(actor: Actor, accountId: string): Promise<Result<RequestOptions, DomainFailure>> {
    if (!can(actor, { type: 'tickets.create', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      // Every live item in the actor's scope; the policy then decides per item and per request below.
      const services = (await scope.services.listForAccount(accountId, { limit: OPTIONS_LIMIT }, visibleIds(actor, accountId, 'services'))).items.filter((s) => s.isLive());
      const domains = (await scope.domains.listForAccount(accountId, { limit: OPTIONS_LIMIT }, visibleIds(actor, accountId, 'domains'))).items.filter((d) => d.isLive());
      const manageableServices = services.filter((s) => can(actor, { type: 'services.manage', accountId, serviceId: s.id }).allowed);
      const credentialServices = services.filter((s) => s.sealedCredentials !== null && can(actor, { type: 'services.credentials', accountId, serviceId: s.id }).allowed);
      const manageableDomains = domains.filter((d) => can(actor, { type: 'domains.manage', accountId, domainId: d.id }).allowed);
      const mayOrder = can(actor, { type: 'orders.place', accountId }).allowed;
      // The products a plan change or an order can name (a plan change must stay within the service's kind).
      const plans = manageableServices.length || mayOrder ? await scope.products.listActive() : [];
      const kinds: RequestKind[] = [];
      if (can(actor, { type: 'profile.edit', accountId }).allowed) kinds.push('profile.change');
      if (manageableServices.length) kinds.push('service.change', 'service.cancel');
      if (manageableDomains.length) kinds.push('domain.nameservers', 'domain.transfer_code');
      if (credentialServices.length) kinds.push('credentials.resend');
      if (mayOrder) kinds.push('mailbox.add', 'order');
      return ok({ account, kinds, manageableServices, credentialServices, manageableDomains, plans });
    });
  }

  async open(actor: Actor, accountId: string, input: NewTicket, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'tickets.create', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const subject = input.subject.trim();
    const problems = new Problems();
    problems.check(subject.length >= 3 && subject.length <= 200, 'ticket.subject', 'subject');
    problems.check((DEPARTMENTS as readonly string[]).includes(input.department), 'ticket.department', 'department');
    problems.check((PRIORITIES as readonly string[]).includes(input.priority), 'ticket.priority', 'priority');
    const body = checkBody(input.body);
    if (!body.ok) problems.add(body.error);
    const request = input.request?.kind ? parseRequest(input.request.kind, input.request.fields) : null;
    if (request && !request.ok) {
      if (request.error.kind !== 'invalid') return request;
      problems.add(request.error);
    }
    const invalid = problems.failure();
    if (invalid || !body.ok || (request && !request.ok)) return fail(invalid ?? new InvalidInput('ticket.body', 'body'));
    // The request is refused here already when the policy would refuse the direct action: nothing to carry out.
    if (request && !can(actor, actionFor(accountId, request.value)).allowed) return fail(new Forbidden('request.not_allowed'));
    const file = input.attachment?.content.length ? checkDocument(input.attachment.content) : null;
    if (file && !file.ok) return file;
    const key = checkIdempotencyKey(input.idempotencyKey);
    if (!key.ok) return key;
    // A key is the caller's own: another member (or key) resending it opens its own ticket, and sees nothing of this one.
    const claim = { scope: `tickets:${accountId}:${actor.userId}:${actor.viaTokenId ?? ''}`, key: key.value, request: { ...input, idempotencyKey: undefined } };
    return this.deps.uow.run(async (scope) => {
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      const earlier = taken.value.kind === 'replay' ? await scope.tickets.findById(taken.value.resourceId) : null;
      if (earlier) return can(actor, { type: 'tickets.view', accountId, ticket: earlier }).allowed ? ok(earlier) : fail(new NotFound('not_found'));
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      if (request && !(await targetBelongs(scope, accountId, request.value))) return fail(new NotFound('not_found'));
      const user = await scope.users.findById(actor.userId);
      const now = this.deps.clock.now();
      const ticket = Ticket.open({
        id: this.deps.ids.newId(),
        accountId,
        number: await nextNumber(scope, 'T', now),
        subject,
        department: input.department as Department,
        priority: input.priority as Priority,
        openedByUserId: actor.userId,
        request: request ? { kind: request.value.kind, payload: { ...request.value } } : null,
        now,
      });
      await scope.tickets.add(ticket);
      const message = TicketMessage.write({ id: this.deps.ids.newId(), ticketId: ticket.id, authorKind: 'user', authorId: actor.userId, authorName: user?.name ?? '', body: body.value, now });
      await scope.tickets.addMessage(message);
      if (file?.ok && input.attachment) await this.attach(scope, ticket, message, input.attachment, file.value);
      await this.tellStaff(scope, ticket, account, body.value);
      await this.tellClient(scope, ticket, account, body.value, false);
      await audit(scope, this.deps, meta, { action: 'ticket.opened', actorKind: 'user', actorId: actor.userId, accountId, details: { ticket: ticket.number, request: ticket.requestKind } });
      await raiseEvent(scope, this.deps, { type: 'ticket.opened', accountId, data: { ticketId: ticket.id, number: ticket.number, request: ticket.requestKind } });
      await keepIdempotencyKey(scope, claim, ticket.id);
      return ok(ticket);
    });
  }

  async list(actor: Actor, accountId: string, filter: TicketFilter, after: string | null | Paging): Promise<Result<Page<Ticket>, DomainFailure>> {
    if (!can(actor, { type: 'tickets.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.reads.tickets(accountId, filter, pageRequest(after, 25), ticketVisibility(actor, accountId))));
  }

  async show(actor: Actor, accountId: string, ticketId: string): Promise<Result<TicketView, DomainFailure>> {
    if (!can(actor, { type: 'tickets.view', accountId }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const view = await this.load(scope, ticketId, false);
      if (!view || view.ticket.accountId !== accountId || !can(actor, { type: 'tickets.view', accountId, ticket: view.ticket }).allowed) return fail(new NotFound('not_found'));
      return ok(view);
    });
  }

  async reply(actor: Actor, accountId: string, ticketId: string, input: { body: string; attachment?: Upload | null; idempotencyKey?: string | null }, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'tickets.create', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.write(ticketId, { kind: 'user', id: actor.userId }, input, meta, { accountId, actor });
  }

  async close(actor: Actor, accountId: string, ticketId: string, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'tickets.create', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const ticket = await scope.tickets.findById(ticketId);
      if (!ticket || ticket.accountId !== accountId || !can(actor, { type: 'tickets.view', accountId, ticket }).allowed) return fail(new NotFound('not_found'));
      ticket.close(this.deps.clock.now());
      await scope.tickets.save(ticket);
      await audit(scope, this.deps, meta, { action: 'ticket.closed', actorKind: 'user', actorId: actor.userId, accountId, details: { ticket: ticket.number } });
      return ok(ticket);
    });
  }

  /** A file of a ticket, for a member of its account or for staff. */
  async attachment(actor: Actor, ticketId: string, attachmentId: string, accountId?: string): Promise<Result<{ name: string; type: DocumentType; content: Uint8Array }, DomainFailure>> {
    const allowed = accountId ? can(actor, { type: 'tickets.view', accountId }).allowed : can(actor, { type: 'staff.tickets' }).allowed;
    if (!allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const ticket = await scope.tickets.findById(ticketId);
      const found = ticket ? await scope.tickets.attachment(attachmentId) : null;
      if (!ticket || !found || found.attachment.ticketId !== ticket.id) return fail(new NotFound('not_found'));
      if (accountId && (ticket.accountId !== accountId || !can(actor, { type: 'tickets.view', accountId, ticket }).allowed)) return fail(new NotFound('not_found'));
      return ok({ name: fileNameFor(found.attachment.fileName, found.attachment.type), type: found.attachment.type, content: Buffer.from(this.deps.secrets.open(found.sealed), 'base64') });
    });
  }

  async queue(actor: Actor, filter: TicketFilter, after: string | null | Paging): Promise<Result<{ page: Page<Ticket>; accounts: ReadonlyMap<string, ClientAccount> }, DomainFailure>> {
    if (!can(actor, { type: 'staff.tickets' }).allowed) return fail(new Forbidden('forbidden'));
    return ok(await this.deps.uow.read((scope) => scope.backOffice.ticketQueue(filter, pageRequest(after, 50))));
  }

  async staffShow(actor: Actor, ticketId: string): Promise<Result<TicketView, DomainFailure>> {
    if (!can(actor, { type: 'staff.tickets' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const view = await this.load(scope, ticketId, true);
      return view ? ok(view) : fail(new NotFound('not_found'));
    });
  }

  async staffReply(actor: Actor, ticketId: string, input: { body: string; attachment?: Upload | null; close?: boolean; idempotencyKey?: string | null }, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'staff.tickets' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.write(ticketId, { kind: 'staff', id: actor.staffId }, input, meta, null);
  }

  /** Carries out the ticket's request, only if the policy allows it for the requester as they are now. */
  async carryOut(actor: Actor, ticketId: string, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'staff.tickets' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const found = await this.deps.uow.run(async (scope) => {
      const ticket = await scope.tickets.findById(ticketId);
      if (!ticket) return null;
      return { ticket, requester: { kind: 'user' as const, userId: ticket.openedByUserId, memberships: await membershipsOf(scope, ticket.openedByUserId) } };
    });
    if (!found) return fail(new NotFound('not_found'));
    const { ticket, requester } = found;
    if (!ticket.hasPendingRequest() || !ticket.requestKind || !ticket.requestPayload) return fail(new Conflict('request.not_pending'));
    const request = parseRequest(ticket.requestKind, ticket.requestPayload);
    if (!request.ok) return request;
    const verdict = can(requester, actionFor(ticket.accountId, request.value));
    if (!verdict.allowed) return fail(new Forbidden('request.not_authorized', { reason: verdict.reason }));
    // The change and the ticket's record are two transactions; every executor is idempotent for a ticket (an
    // order carries the ticket as its idempotency key, a cancelled service is not cancelled twice).
    const done = await this.execute(requester, ticket, request.value, meta);
    if (!done.ok && !(done.error.kind === 'conflict' && request.value.kind === 'service.cancel')) return done;
    return this.deps.uow.run(async (scope) => {
      const fresh = await scope.tickets.findById(ticketId);
      if (!fresh?.decideRequest('done', actor.staffId, `${verdict.grantedBy}`, this.deps.clock.now())) return fail(new Conflict('request.not_pending'));
      await scope.tickets.save(fresh);
      await audit(scope, this.deps, meta, { action: 'staff.request_carried_out', actorKind: 'staff', actorId: actor.staffId, accountId: fresh.accountId, details: { ticket: fresh.number, request: fresh.requestKind, requester: requester.userId, grantedBy: verdict.grantedBy } });
      return ok(fresh);
    });
  }

  async decline(actor: Actor, ticketId: string, reason: string, meta: RequestMeta): Promise<Result<Ticket, DomainFailure>> {
    if (!can(actor, { type: 'staff.tickets' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) return fail(new InvalidInput('order.reason', 'reason'));
    return this.deps.uow.run(async (scope) => {
      const ticket = await scope.tickets.findById(ticketId);
      if (!ticket) return fail(new NotFound('not_found'));
      if (!ticket.decideRequest('declined', actor.staffId, why, this.deps.clock.now())) return fail(new Conflict('request.not_pending'));
      await scope.tickets.save(ticket);
      await audit(scope, this.deps, meta, { action: 'staff.request_declined', actorKind: 'staff', actorId: actor.staffId, accountId: ticket.accountId, details: { ticket: ticket.number, reason: why } });
      return ok(ticket);
    });
  }

  private execute(requester: Actor, ticket: Ticket, request: RequestPayload, meta: RequestMeta): Promise<Result<unknown, DomainFailure>> {
    const { serviceActions, profile, placeOrder } = this.executors;
    const accountId = ticket.accountId;
    switch (request.kind) {
      case 'profile.change':
        return profile.update(requester, accountId, request, meta);
      case 'service.change':
        return serviceActions.changePlan(requester, accountId, request.serviceId, request.productCode, meta);
      case 'service.cancel':
        return serviceActions.cancel(requester, accountId, request.serviceId, meta);
      case 'domain.nameservers':
        return serviceActions.setNameservers(requester, accountId, request.domainId, request.nameservers, meta);
      case 'domain.transfer_code':
        return serviceActions.transferCode(requester, accountId, request.domainId, meta);
      case 'credentials.resend':
        return serviceActions.resetCredentials(requester, accountId, request.serviceId, meta);
      case 'mailbox.add':
        return placeOrder.asMember(requester, { accountId, items: [{ productCode: 'MAIL-BOX', domainName: request.domainName }], idempotencyKey: `ticket:${ticket.id}`, source: 'portal' }, meta);
      case 'order':
        return placeOrder.asMember(requester, { accountId, items: [{ productCode: request.productCode, domainName: request.domainName }], idempotencyKey: `ticket:${ticket.id}`, source: 'portal' }, meta);
    }
  }

  /** A message by staff (`member` null) or by a member of the account, who must be able to read the ticket. */
  private async write(ticketId: string, author: { kind: 'user' | 'staff'; id: string }, input: { body: string; attachment?: Upload | null; close?: boolean; idempotencyKey?: string | null }, meta: RequestMeta, member: { accountId: string; actor: Actor } | null): Promise<Result<Ticket, DomainFailure>> {
    const body = checkBody(input.body);
    if (!body.ok) return body;
    const file = input.attachment?.content.length ? checkDocument(input.attachment.content) : null;
    if (file && !file.ok) return file;
    const key = checkIdempotencyKey(input.idempotencyKey);
    if (!key.ok) return key;
    const claim = { scope: `ticket-messages:${ticketId}:${author.id}`, key: key.value, request: { ...input, idempotencyKey: undefined } };
    return this.deps.uow.run(async (scope) => {
      const taken = await takeIdempotencyKey(scope, this.deps, claim);
      if (!taken.ok) return taken;
      const ticket = await scope.tickets.findById(ticketId);
      if (!ticket) return fail(new NotFound('not_found'));
      if (member && (ticket.accountId !== member.accountId || !can(member.actor, { type: 'tickets.view', accountId: member.accountId, ticket }).allowed)) return fail(new NotFound('not_found'));
      if (taken.value.kind === 'replay') return ok(ticket);
      const account = await scope.accounts.findById(ticket.accountId);
      if (!account) return fail(new NotFound('not_found'));
      const name = author.kind === 'user' ? ((await scope.users.findById(author.id))?.name ?? '') : ((await scope.staff.findById(author.id))?.name ?? '');
      const now = this.deps.clock.now();
      const message = TicketMessage.write({ id: this.deps.ids.newId(), ticketId, authorKind: author.kind, authorId: author.id, authorName: name, body: body.value, now });
      await scope.tickets.addMessage(message);
      if (file?.ok && input.attachment) await this.attach(scope, ticket, message, input.attachment, file.value);
      ticket.messageFrom(author.kind, now);
      if (input.close) ticket.close(now);
      await scope.tickets.save(ticket);
      if (author.kind === 'staff') await raiseEvent(scope, this.deps, { type: 'ticket.answered', accountId: ticket.accountId, data: { ticketId: ticket.id, number: ticket.number, messageId: message.id } });
      await keepIdempotencyKey(scope, claim, message.id);
      if (author.kind === 'staff') await this.tellClient(scope, ticket, account, body.value, true);
      else await this.tellStaff(scope, ticket, account, body.value);
      await audit(scope, this.deps, meta, { action: author.kind === 'staff' ? 'staff.ticket_answered' : 'ticket.replied', actorKind: author.kind, actorId: author.id, accountId: ticket.accountId, details: { ticket: ticket.number } });
      return ok(ticket);
    });
  }

  private async attach(scope: TransactionScope, ticket: Ticket, message: TicketMessage, upload: Upload, type: DocumentType): Promise<void> {
    const fileName = fileNameFor(upload.name, type);
    await scope.tickets.addAttachment(
      { id: this.deps.ids.newId(), ticketId: ticket.id, messageId: message.id, fileName, type, bytes: upload.content.length, sha256: this.deps.tokens.digest(upload.content), createdAt: message.createdAt },
      this.deps.secrets.seal(Buffer.from(upload.content).toString('base64')),
    );
  }

  private async load(scope: TransactionScope, ticketId: string, withVerdict: boolean): Promise<TicketView | null> {
    const ticket = await scope.tickets.findById(ticketId);
    const account = ticket ? await scope.accounts.findById(ticket.accountId) : null;
    if (!ticket || !account) return null;
    const messages = await scope.tickets.listMessages(ticket.id);
    const attachments = await scope.tickets.listAttachments(ticket.id);
    const requester = await scope.users.findById(ticket.openedByUserId);
    let verdict: Decision | null = null;
    if (withVerdict && ticket.requestKind && ticket.requestPayload) {
      const request = parseRequest(ticket.requestKind, ticket.requestPayload);
      const actor: Actor = { kind: 'user', userId: ticket.openedByUserId, memberships: await membershipsOf(scope, ticket.openedByUserId) };
      verdict = request.ok ? can(actor, actionFor(ticket.accountId, request.value)) : null;
    }
    const payload = ticket.requestPayload ?? {};
    const service = typeof payload['serviceId'] === 'string' ? await scope.services.findById(payload['serviceId']) : null;
    const domain = typeof payload['domainId'] === 'string' ? await scope.domains.findById(payload['domainId']) : null;
    const target = service?.accountId === ticket.accountId ? `${service.name} — ${service.domainName}` : domain?.accountId === ticket.accountId ? domain.name : null;
    return { ticket, account, messages, attachments, verdict, requesterName: requester?.name ?? '', target };
  }

  private async tellStaff(scope: TransactionScope, ticket: Ticket, account: ClientAccount, text: string): Promise<void> {
    const roles = ticket.department === 'billing' ? (['billing', 'admin'] as const) : (['support', 'admin'] as const);
    for (const member of await scope.staff.listActiveWithRoles([...roles])) {
      await queueMail(scope, this.deps, { to: member.email, topic: 'support', content: ticketMail.hr({ product: this.deps.settings.productName, number: ticket.number, subject: `${account.name}: ${ticket.subject}`, text, link: `${this.deps.settings.appUrl}/staff/tickets/${ticket.id}`, fromStaff: false }) });
    }
  }

  private async tellClient(scope: TransactionScope, ticket: Ticket, account: ClientAccount, text: string, fromStaff: boolean): Promise<void> {
    await mailAccount(scope, this.deps, {
      account,
      topic: 'support',
      about: { ticket },
      compose: (locale) => ticketMail[locale]({ product: this.deps.settings.productName, number: ticket.number, subject: ticket.subject, text, link: `${this.deps.settings.appUrl}/accounts/${account.id}/tickets/${ticket.id}`, fromStaff }),
    });
  }
}

function checkBody(raw: string): Result<string, InvalidInput> {
  const body = raw.trim();
  return body.length < 2 || body.length > 20_000 ? fail(new InvalidInput('ticket.body', 'body')) : ok(body);
}

/** A request names a service or domain of this very account. */
async function targetBelongs(scope: TransactionScope, accountId: string, request: RequestPayload): Promise<boolean> {
  if ('serviceId' in request) return (await scope.services.findById(request.serviceId))?.accountId === accountId;
  if ('domainId' in request) return (await scope.domains.findById(request.domainId))?.accountId === accountId;
  return true;
}
