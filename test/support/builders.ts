import { randomInt } from 'node:crypto';
import { ClientAccount, type EntityType } from '../../domain/accounts/client-account.js';
import { Oib, checkDigit } from '../../domain/accounts/oib.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { User } from '../../domain/identity/user.js';
import { StaffMember, type StaffRole } from '../../domain/staff/staff-member.js';
import type { Services } from '../../application/shared/services.js';
import { sealTotpSecret } from '../../application/identity/totp-secret.js';
import type { AccessScope } from '../../domain/authorization/actor.js';
import type { Permission } from '../../domain/authorization/permission.js';
import { Contact, type Subscription } from '../../domain/contacts/contact.js';

let sequence = 0;

export function email(raw: string): EmailAddress {
  const parsed = EmailAddress.parse(raw);
  if (!parsed.ok) throw new Error(`bad test email ${raw}`);
  return parsed.value;
}

/** A valid OIB that no other builder call has produced. */
export function uniqueOib(): string {
  const first10 = String(randomInt(1_000_000_000, 9_999_999_999));
  return `${first10}${checkDigit(first10)}`;
}

export const PASSWORD = 'correct horse battery staple';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A user who owns one client account; returns both, stored through the ports. */
export async function givenOwner(services: Services, opts: { email?: string; name?: string; entityType?: EntityType; locale?: 'hr' | 'en' } = {}) {
  sequence += 1;
  const now = services.clock.now();
  const user = User.create({
    id: services.ids.newId(),
    email: email(opts.email ?? `owner${sequence}-${Date.now()}@example.hr`),
    name: opts.name ?? `Owner ${sequence}`,
    locale: opts.locale ?? 'hr',
    now,
    passwordHash: await services.hasher.hash(PASSWORD),
  });
  const oib = Oib.parse(uniqueOib());
  if (!oib.ok) throw new Error('builder made a bad OIB');
  const account = ClientAccount.open({
    id: services.ids.newId(),
    entityType: opts.entityType ?? 'doo',
    name: `Firma ${sequence} d.o.o.`,
    oib: oib.value,
    email: email(user.email),
    phone: '+385 1 000 0000',
    street: 'Ilica 1',
    postalCode: '10000',
    city: 'Zagreb',
    ownerUserId: user.id,
    now,
  });
  await services.uow.run(async (scope) => {
    await scope.users.add(user);
    await scope.accounts.add(account);
  });
  return { user, account };
}

export async function givenStaff(services: Services, roles: StaffRole[], opts: { email?: string } = {}) {
  sequence += 1;
  const staff = StaffMember.create({
    id: services.ids.newId(),
    email: email(opts.email ?? `staff${sequence}-${Date.now()}@portal.test`),
    name: `Staff ${sequence}`,
    passwordHash: await services.hasher.hash(PASSWORD),
    totpSealed: sealTotpSecret(services.secrets, TOTP_SECRET),
    roles,
    now: services.clock.now(),
  });
  await services.uow.run((scope) => scope.staff.add(staff));
  return staff;
}

/** A person with a sign-in who has accepted to be a contact of `accountId` with these rights and scope. */
export async function givenContact(
  services: Services,
  accountId: string,
  opts: { permissions?: readonly Permission[]; scope?: AccessScope | null; subscriptions?: readonly Subscription[]; email?: string; locale?: 'hr' | 'en' } = {},
) {
  sequence += 1;
  const now = services.clock.now();
  const user = User.create({
    id: services.ids.newId(),
    email: email(opts.email ?? `contact${sequence}-${Date.now()}@example.hr`),
    name: `Contact ${sequence}`,
    locale: opts.locale ?? 'hr',
    now,
    passwordHash: await services.hasher.hash(PASSWORD),
  });
  const contact = Contact.add({
    id: services.ids.newId(),
    accountId,
    name: user.name,
    email: email(user.email),
    locale: user.locale,
    permissions: opts.permissions ?? [],
    scope: opts.scope ?? null,
    subscriptions: opts.subscriptions ?? [],
    now,
  });
  contact.invite(`h${sequence}-${Date.now()}`, now);
  contact.accept(user.id, now);
  await services.uow.run(async (scope) => {
    await scope.users.add(user);
    await scope.contacts.add(contact);
  });
  return { user, contact };
}
