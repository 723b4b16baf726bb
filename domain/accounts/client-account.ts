import type { EmailAddress } from '../identity/email-address.js';
import type { Oib } from './oib.js';

export const ENTITY_TYPES = ['doo', 'jdoo', 'dd', 'obrt', 'udruga', 'person'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A customer of the company, identified for life by its OIB. Exactly one owner user. */
export class ClientAccount {
  id!: string;
  entityType!: EntityType;
  name!: string;
  oib!: string;
  email!: string;
  phone!: string;
  street!: string;
  postalCode!: string;
  city!: string;
  country!: string;
  ownerUserId!: string;
  createdAt!: Date;

  static open(input: {
    id: string;
    entityType: EntityType;
    name: string;
    oib: Oib;
    email: EmailAddress;
    phone: string;
    street: string;
    postalCode: string;
    city: string;
    country?: string;
    ownerUserId: string;
    now: Date;
  }): ClientAccount {
    const account = new ClientAccount();
    account.id = input.id;
    account.entityType = input.entityType;
    account.name = input.name.trim();
    account.oib = input.oib.value;
    account.email = input.email.value;
    account.phone = input.phone.trim();
    account.street = input.street.trim();
    account.postalCode = input.postalCode.trim();
    account.city = input.city.trim();
    account.country = input.country ?? 'HR';
    account.ownerUserId = input.ownerUserId;
    account.createdAt = input.now;
    return account;
  }

  isLegalEntity(): boolean {
    return this.entityType !== 'person';
  }
}
