import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import type { Contact } from '../../domain/contacts/contact.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { checkNewPassword } from '../../domain/identity/password-policy.js';
import { User } from '../../domain/identity/user.js';
import { Conflict, fail, Forbidden, InvalidInput, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { TransactionScope } from '../ports/unit-of-work.js';
import { audit } from '../shared/audit.js';
import { addressBlock } from '../../domain/shared/address-block.js';
import { checkRates, RATE_RULES } from '../shared/rate-limits.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import type { SignedIn } from '../identity/sign-in.js';

export interface InvitationView {
  readonly contact: Contact;
  readonly account: ClientAccount;
  /** The invited address already has a sign-in: the invitee accepts after signing in with it. */
  readonly hasSignIn: boolean;
}

/**
 * Accepting an invitation: the link proves control of the invited address. A newcomer sets a name and a
 * password and is signed in; a person who already signs in with that address accepts while signed in.
 */
export class Invitations {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'hasher' | 'commonPasswords' | 'rateLimiter'>) {}

  async show(token: string): Promise<Result<InvitationView, DomainFailure>> {
    return this.deps.uow.run(async (scope) => {
      const found = await this.find(scope, token);
      if (!found.ok) return found;
      const user = await scope.users.findByEmail(found.value.contact.email);
      return ok({ ...found.value, hasSignIn: user !== null });
    });
  }

  /** A newcomer accepts: a user is made for the invited address and signed in. */
  async acceptAsNewcomer(token: string, input: { name: string; password: string }, meta: RequestMeta): Promise<Result<SignedIn, DomainFailure>> {
    const limited = await checkRates(this.deps.rateLimiter, [[`invitation:address:${addressBlock(meta.clientAddress)}`, RATE_RULES.invitationAcceptPerAddress]]);
    if (limited) return fail(limited);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 120) return fail(new InvalidInput('contact.name', 'name'));
    return this.deps.uow.run(async (scope) => {
      const found = await this.find(scope, token);
      if (!found.ok) return found;
      const { contact } = found.value;
      if (await scope.users.findByEmail(contact.email)) return fail(new Conflict('invitation.sign_in_first'));
      const password = checkNewPassword(input.password, (p) => this.deps.commonPasswords.isCommon(p), { email: contact.email });
      if (!password.ok) return fail(password.error);
      const email = EmailAddress.parse(contact.email);
      if (!email.ok) return fail(new InvalidInput('invitation.invalid', 'token'));
      const now = this.deps.clock.now();
      const user = User.create({ id: this.deps.ids.newId(), email: email.value, name, locale: meta.locale, now, passwordHash: await this.deps.hasher.hash(password.value) });
      await scope.users.add(user);
      contact.accept(user.id, now);
      contact.rename(name);
      await scope.contacts.save(contact);
      const created = await scope.sessions.create('user', user.id, meta);
      await audit(scope, this.deps, meta, { action: 'contact.accepted', actorKind: 'user', actorId: user.id, accountId: contact.accountId, details: { contact: contact.id, newUser: true } });
      return ok({ token: created.token, session: created.session, user });
    });
  }

  /** A signed-in person accepts; only the person the invitation was sent to can. */
  async acceptSignedIn(actor: Actor, token: string, meta: RequestMeta): Promise<Result<Contact, DomainFailure>> {
    if (actor.kind !== 'user' || actor.viaTokenId) return fail(new Forbidden('forbidden'));
    const limited = await checkRates(this.deps.rateLimiter, [[`invitation:address:${addressBlock(meta.clientAddress)}`, RATE_RULES.invitationAcceptPerAddress]]);
    if (limited) return fail(limited);
    return this.deps.uow.run(async (scope) => {
      const found = await this.find(scope, token);
      if (!found.ok) return found;
      const { contact, account } = found.value;
      const user = await scope.users.findById(actor.userId);
      if (!user || user.email !== contact.email) return fail(new Forbidden('invitation.other_user'));
      if (account.ownerUserId === user.id) return fail(new Conflict('contact.is_owner'));
      contact.accept(user.id, this.deps.clock.now());
      await scope.contacts.save(contact);
      await audit(scope, this.deps, meta, { action: 'contact.accepted', actorKind: 'user', actorId: user.id, accountId: contact.accountId, details: { contact: contact.id, newUser: false } });
      return ok(contact);
    });
  }

  private async find(scope: TransactionScope, token: string): Promise<Result<{ contact: Contact; account: ClientAccount }, DomainFailure>> {
    if (token.length < 16 || token.length > 100) return fail(new InvalidInput('invitation.invalid', 'token'));
    const contact = await scope.contacts.findByInvitationHash(this.deps.tokens.hash(token));
    if (!contact?.isInvitationUsable(this.deps.clock.now())) return fail(new InvalidInput('invitation.invalid', 'token'));
    const account = await scope.accounts.findById(contact.accountId);
    if (!account) return fail(new InvalidInput('invitation.invalid', 'token'));
    return ok({ contact, account });
  }
}
