import type { ClientAccount } from '../../domain/accounts/client-account.js';
import { Oib } from '../../domain/accounts/oib.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { checkDocument, DOCUMENT_EXTENSIONS, type DocumentType } from '../../domain/email-change/document.js';
import { EmailChangeRequest } from '../../domain/email-change/email-change-request.js';
import type { PublicSubmission } from '../../domain/email-change/public-submission.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import type { Locale } from '../../domain/identity/locale.js';
import { Conflict, fail, Forbidden, InvalidInput, NotFound, ok, Problems, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { emailChangeConfirmMail, emailChangeDecidedMail, emailChangeNoticeMail } from '../mail/email-change-templates.js';
import { queueMail, SECRET_MARK } from '../mail/queue-mail.js';
import type { Page } from '../ports/repositories.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { pageRequest, type Paging } from '../shared/paging.js';

export interface EmailChangeInput {
  readonly newEmail: string;
  readonly document: Uint8Array;
}

export interface StaffEmailChangeView {
  readonly request: EmailChangeRequest;
  readonly account: ClientAccount;
  readonly status: ReturnType<EmailChangeRequest['statusAt']>;
}

/** What a confirmation or cancellation link leads to. */
export interface LinkView {
  readonly request: EmailChangeRequest;
  readonly accountName: string;
}

type Checked = { email: EmailAddress; type: DocumentType };

/**
 * Changing the account's email address, the procedure the seed asks for: a request with a document (memorandum
 * or identity document), the new address proves control, the old address is told and can stop it, staff in the
 * verifier role check the document and decide. Only then the address changes and every session of the owner ends.
 */
export class EmailChange {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'hasher' | 'rateLimiter' | 'secrets' | 'settings'>) {}

  /** The signed-in owner asks, proving it again with the current password. */
  async requestAsOwner(actor: Actor, accountId: string, input: EmailChangeInput & { password: string }, meta: RequestMeta): Promise<Result<EmailChangeRequest, DomainFailure>> {
    if (!can(actor, { type: 'account.email_change', accountId }).allowed || actor.kind !== 'user') return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`email-change:user:${actor.userId}`, RATE_RULES.emailChangePerAccount]]);
    if (limited) return fail(limited);
    const checked = this.check(input);
    if (!checked.ok) return checked;
    const user = await this.deps.uow.run((scope) => scope.users.findById(actor.userId));
    if (!user?.passwordHash || !(await this.deps.hasher.verify(user.passwordHash, input.password))) return fail(new InvalidInput('email_change.password', 'password'));
    const document = this.described(checked.value, input.document);
    const sealed = this.deps.secrets.seal(Buffer.from(input.document).toString('base64'));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const problem = await this.blocker(scope, account, checked.value.email.value);
      if (problem) return fail(problem);
      // The owner's own earlier request gives way to this one; public requests stay for the verifier to weigh.
      const now = this.deps.clock.now();
      for (const earlier of await scope.emailChanges.listUndecidedForAccount(account.id)) {
        if (earlier.channel === 'owner' && earlier.supersede(now)) await scope.emailChanges.save(earlier);
      }
      const request = await this.open(scope, account, { newEmail: checked.value.email.value, document, sealed }, 'owner', actor.userId, meta.locale);
      await audit(scope, this.deps, meta, { action: 'email_change.requested', actorKind: 'user', actorId: actor.userId, accountId, details: { newEmail: request.newEmail, channel: 'owner' } });
      return ok(request);
    });
  }

  /**
   * A locked-out client asks through the public form naming the OIB. The answer is the same whether or not the
   * OIB belongs to a client, and whether or not a request could be opened: only the mails tell. Nor does its time:
   * the submission is stored as it came and the OIB is looked up by a job (`processPublic`).
   */
  async requestPublic(input: EmailChangeInput & { oib: string }, meta: RequestMeta): Promise<Result<{ received: true }, DomainFailure>> {
    const limited = await checkRates(this.deps.rateLimiter, [[`email-change:address:${addressBlock(meta.clientAddress)}`, RATE_RULES.emailChangePerAddress]]);
    if (limited) return fail(limited);
    const checked = this.check(input);
    if (!checked.ok) return checked;
    const oib = { value: checked.value.oib! };
    const perOib = await checkRates(this.deps.rateLimiter, [[`email-change:oib:${oib.value.value}`, RATE_RULES.emailChangePerAccount]]);
    if (perOib) return ok({ received: true });
    const submission: PublicSubmission = {
      id: this.deps.ids.newId(),
      oib: oib.value.value,
      newEmail: checked.value.email.value,
      document: this.described(checked.value, input.document),
      locale: meta.locale,
      clientAddress: meta.clientAddress,
      userAgent: meta.userAgent,
      createdAt: this.deps.clock.now(),
    };
    const sealed = this.deps.secrets.seal(Buffer.from(input.document).toString('base64'));
    await this.deps.uow.run(async (scope) => {
      await scope.emailChanges.addSubmission(submission, sealed);
      await scope.jobs.enqueue('email_change.public', { submissionId: submission.id });
    });
    return ok({ received: true });
  }

  /** The job behind the public form: a request for a known OIB (its owner's address told), nothing otherwise. */
  async processPublic(submissionId: string): Promise<void> {
    await this.deps.uow.run(async (scope) => {
      const taken = await scope.emailChanges.takeSubmission(submissionId);
      if (!taken) return;
      const { submission, sealedDocument } = taken;
      const meta: RequestMeta = { clientAddress: submission.clientAddress, userAgent: submission.userAgent, locale: submission.locale };
      const account = await scope.accounts.findByOib(submission.oib);
      if (!account || (await this.blocker(scope, account, submission.newEmail))) {
        await audit(scope, this.deps, meta, { action: 'email_change.public_refused', actorKind: 'anonymous', accountId: account?.id ?? null, details: { oib: submission.oib } });
        return;
      }
      const request = await this.open(scope, account, { newEmail: submission.newEmail, document: submission.document, sealed: sealedDocument }, 'public', null, submission.locale);
      await audit(scope, this.deps, meta, { action: 'email_change.requested', actorKind: 'anonymous', accountId: account.id, details: { newEmail: request.newEmail, channel: 'public' } });
    });
  }

  /** The owner's view: the request under way, if any. */
  async current(actor: Actor, accountId: string): Promise<Result<EmailChangeRequest | null, DomainFailure>> {
    if (!can(actor, { type: 'account.email_change', accountId }).allowed) return fail(new Forbidden('forbidden'));
    const now = this.deps.clock.now();
    const open = await this.deps.uow.run((scope) => scope.emailChanges.listUndecidedForAccount(accountId));
    return ok(open.find((r) => r.isOpen(now)) ?? null);
  }

  async showLink(kind: 'confirm' | 'cancel', token: string): Promise<Result<LinkView, DomainFailure>> {
    return this.deps.uow.run(async (scope) => {
      const request = await this.byLink(scope, kind, token);
      if (!request.ok) return request;
      const account = await scope.accounts.findById(request.value.accountId);
      return ok({ request: request.value, accountName: account?.name ?? '' });
    });
  }

  /** Step 1: the new address proves control. */
  async confirm(token: string, meta: RequestMeta): Promise<Result<EmailChangeRequest, DomainFailure>> {
    return this.deps.uow.run(async (scope) => {
      const found = await this.byLink(scope, 'confirm', token);
      if (!found.ok) return found;
      if (!found.value.confirm(this.deps.clock.now())) return fail(new InvalidInput('email_change.link_invalid', 'token'));
      await scope.emailChanges.save(found.value);
      await audit(scope, this.deps, meta, { action: 'email_change.confirmed', actorKind: 'anonymous', accountId: found.value.accountId, details: { newEmail: found.value.newEmail } });
      return ok(found.value);
    });
  }

  /** The old address stops the request with one link. */
  async cancel(token: string, meta: RequestMeta): Promise<Result<EmailChangeRequest, DomainFailure>> {
    return this.deps.uow.run(async (scope) => {
      const found = await this.byLink(scope, 'cancel', token);
      if (!found.ok) return found;
      if (!found.value.cancel(this.deps.clock.now())) return fail(new InvalidInput('email_change.link_invalid', 'token'));
      await scope.emailChanges.save(found.value);
      await audit(scope, this.deps, meta, { action: 'email_change.cancelled', actorKind: 'anonymous', accountId: found.value.accountId, details: { newEmail: found.value.newEmail } });
      return ok(found.value);
    });
  }

  async queue(actor: Actor, after: string | null | Paging): Promise<Result<Page<StaffEmailChangeView>, DomainFailure>> {
    if (!can(actor, { type: 'staff.email_changes' }).allowed) return fail(new Forbidden('forbidden'));
    const now = this.deps.clock.now();
    return this.deps.uow.read(async (scope) => {
      const { page, accounts } = await scope.backOffice.emailChangeQueue(pageRequest(after, 50));
      const items = page.items.flatMap((request) => {
        const account = accounts.get(request.accountId);
        return account ? [{ request, account, status: request.statusAt(now) }] : [];
      });
      return ok({ items, next: page.next });
    });
  }

  async detail(actor: Actor, requestId: string): Promise<Result<StaffEmailChangeView, DomainFailure>> {
    if (!can(actor, { type: 'staff.email_changes' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.read(async (scope) => {
      const request = await scope.emailChanges.findById(requestId);
      const account = request ? await scope.accounts.findById(request.accountId) : null;
      if (!request || !account) return fail(new NotFound('not_found'));
      return ok({ request, account, status: request.statusAt(this.deps.clock.now()) });
    });
  }

  /** The document for the verifier; every opening is audited. Gone after the retention period. */
  async document(actor: Actor, requestId: string, meta: RequestMeta): Promise<Result<{ type: DocumentType; content: Uint8Array; name: string }, DomainFailure>> {
    if (!can(actor, { type: 'staff.email_changes' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const request = await scope.emailChanges.findById(requestId);
      const sealed = request ? await scope.emailChanges.document(requestId) : null;
      if (!request || !sealed) return fail(new NotFound('not_found'));
      await audit(scope, this.deps, meta, { action: 'staff.email_change_document_viewed', actorKind: 'staff', actorId: actor.staffId, accountId: request.accountId, details: { request: request.id } });
      return ok({ type: request.documentType, content: Buffer.from(this.deps.secrets.open(sealed), 'base64'), name: `dokument-${request.id.slice(0, 8)}.${DOCUMENT_EXTENSIONS[request.documentType]}` });
    });
  }

  /** Step 2: approve. Refused until the new address is confirmed; the address changes and the owner's sessions end. */
  async approve(actor: Actor, requestId: string, meta: RequestMeta): Promise<Result<EmailChangeRequest, DomainFailure>> {
    if (!can(actor, { type: 'staff.email_changes' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const now = this.deps.clock.now();
      const request = await scope.emailChanges.findById(requestId);
      const account = request ? await scope.accounts.findById(request.accountId) : null;
      if (!request || !account) return fail(new NotFound('not_found'));
      const status = request.statusAt(now);
      if (status === 'awaiting_confirmation') return fail(new Conflict('email_change.not_confirmed'));
      if (!request.approve(actor.staffId, now)) return fail(new Conflict('email_change.already_decided'));
      const owner = await scope.users.findById(account.ownerUserId);
      const holder = await scope.users.findByEmail(request.newEmail);
      if (holder && holder.id !== owner?.id) return fail(new Conflict('email_change.address_taken'));
      account.changeEmail(request.newEmail);
      await scope.accounts.save(account);
      if (owner) {
        owner.changeEmail(request.newEmail);
        await scope.users.save(owner);
        await scope.sessions.invalidateAll('user', owner.id);
      }
      await scope.emailChanges.save(request);
      // One approved: every other request of the account is moot now.
      for (const other of await scope.emailChanges.listUndecidedForAccount(account.id)) {
        if (other.id !== request.id && other.supersede(now)) await scope.emailChanges.save(other);
      }
      await this.mailDecision(scope, account, request, owner?.locale ?? 'hr', true);
      await audit(scope, this.deps, meta, { action: 'staff.email_change_approved', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { oldEmail: request.oldEmail, newEmail: request.newEmail, documentSha256: request.documentSha256, documentType: request.documentType } });
      return ok(request);
    });
  }

  async reject(actor: Actor, requestId: string, reason: string, meta: RequestMeta): Promise<Result<EmailChangeRequest, DomainFailure>> {
    if (!can(actor, { type: 'staff.email_changes' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) return fail(new InvalidInput('order.reason', 'reason'));
    return this.deps.uow.run(async (scope) => {
      const request = await scope.emailChanges.findById(requestId);
      const account = request ? await scope.accounts.findById(request.accountId) : null;
      if (!request || !account) return fail(new NotFound('not_found'));
      if (!request.reject(actor.staffId, why, this.deps.clock.now())) return fail(new Conflict('email_change.already_decided'));
      await scope.emailChanges.save(request);
      const owner = await scope.users.findById(account.ownerUserId);
      await this.mailDecision(scope, account, request, owner?.locale ?? 'hr', false);
      await audit(scope, this.deps, meta, { action: 'staff.email_change_rejected', actorKind: 'staff', actorId: actor.staffId, accountId: account.id, details: { newEmail: request.newEmail, reason: why, documentSha256: request.documentSha256 } });
      return ok(request);
    });
  }

  /** The new address and the document, every problem at once; `oib` too for the public form. */
  private check(input: EmailChangeInput & { oib?: string }): Result<Checked & { oib?: Oib }, DomainFailure> {
    const problems = new Problems();
    const oib = input.oib === undefined ? undefined : problems.take(Oib.parse(input.oib));
    const email = problems.take(EmailAddress.parse(input.newEmail, 'newEmail'));
    const type = checkDocument(input.document);
    if (!type.ok) {
      if (type.error.kind !== 'invalid') return type;
      problems.add(type.error as InvalidInput);
    }
    const invalid = problems.failure();
    if (invalid || !email || !type.ok) return fail(invalid ?? new InvalidInput('email.invalid', 'newEmail'));
    return ok({ email, type: type.value, ...(oib ? { oib } : {}) });
  }

  private described(checked: Checked, document: Uint8Array): PublicSubmission['document'] {
    return { type: checked.type, bytes: document.length, sha256: this.deps.tokens.digest(document) };
  }

  /**
   * Why a request cannot be opened now, or null. Requests under way do not block a new one: a stranger who knows the
   * OIB must not lock the real owner out; the verifier sees them all and approves at most one.
   */
  private async blocker(scope: TransactionScope, account: ClientAccount, newEmail: string): Promise<DomainFailure | null> {
    if (newEmail === account.email) return new InvalidInput('email_change.same', 'newEmail');
    await scope.emailChanges.lockAccount(account.id);
    const holder = await scope.users.findByEmail(newEmail);
    if (holder && holder.id !== account.ownerUserId) return new Conflict('email_change.address_taken');
    return null;
  }

  private async open(
    scope: TransactionScope,
    account: ClientAccount,
    input: { newEmail: string; document: PublicSubmission['document']; sealed: string },
    channel: 'owner' | 'public',
    userId: string | null,
    locale: Locale,
  ): Promise<EmailChangeRequest> {
    const confirmToken = this.deps.tokens.generate();
    const cancelToken = this.deps.tokens.generate();
    const request = EmailChangeRequest.open({
      id: this.deps.ids.newId(),
      accountId: account.id,
      oldEmail: account.email,
      newEmail: input.newEmail,
      channel,
      requestedByUserId: userId,
      confirmTokenHash: this.deps.tokens.hash(confirmToken),
      cancelTokenHash: this.deps.tokens.hash(cancelToken),
      document: input.document,
      now: this.deps.clock.now(),
    });
    await scope.emailChanges.add(request, input.sealed);
    const base = this.deps.settings.appUrl;
    const args = { account: account.name, product: this.deps.settings.productName, newEmail: request.newEmail };
    const newHolder = (await scope.users.findByEmail(request.newEmail))?.id ?? null;
    const oldHolder = (await scope.users.findByEmail(request.oldEmail))?.id ?? null;
    await queueMail(scope, this.deps, { to: request.newEmail, topic: 'security', accountId: account.id, userId: newHolder, secret: confirmToken, content: emailChangeConfirmMail[locale]({ ...args, link: `${base}/email-change/confirm/${SECRET_MARK}` }) });
    await queueMail(scope, this.deps, { to: request.oldEmail, topic: 'security', accountId: account.id, userId: oldHolder, secret: cancelToken, content: emailChangeNoticeMail[locale]({ ...args, link: `${base}/email-change/cancel/${SECRET_MARK}` }) });
    return request;
  }

  private async byLink(scope: TransactionScope, kind: 'confirm' | 'cancel', token: string): Promise<Result<EmailChangeRequest, DomainFailure>> {
    if (token.length < 16 || token.length > 100) return fail(new InvalidInput('email_change.link_invalid', 'token'));
    const hash = this.deps.tokens.hash(token);
    const request = kind === 'confirm' ? await scope.emailChanges.findByConfirmHash(hash) : await scope.emailChanges.findByCancelHash(hash);
    const now = this.deps.clock.now();
    if (!request || !request.isOpen(now) || (kind === 'confirm' && request.statusAt(now) !== 'awaiting_confirmation')) return fail(new InvalidInput('email_change.link_invalid', 'token'));
    return ok(request);
  }

  private async mailDecision(scope: TransactionScope, account: ClientAccount, request: EmailChangeRequest, locale: Locale, approved: boolean): Promise<void> {
    const args = { account: account.name, product: this.deps.settings.productName, newEmail: request.newEmail, link: `${this.deps.settings.appUrl}/sign-in`, approved, reason: request.reason ?? '' };
    for (const to of [request.oldEmail, request.newEmail]) await queueMail(scope, this.deps, { to, topic: 'security', accountId: account.id, content: emailChangeDecidedMail[locale](args) });
  }
}
