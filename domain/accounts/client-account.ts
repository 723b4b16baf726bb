import type { BuyerClass } from '../billing/vat.js';
import type { EmailAddress } from '../identity/email-address.js';
import { fail, InvalidInput, ok, Problems, type Result } from '../shared/result.js';
import type { Oib } from './oib.js';

/** The parts of the profile staff can lock against self-service (the OIB is never editable at all). */
export const PROFILE_FIELDS = ['name', 'address', 'phone'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileDetails {
  readonly name: string;
  readonly phone: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
}

/** Name, phone and address as the company's documents need them; `prefix` names the form's fields. */
export function checkProfileDetails(input: ProfileDetails, prefix = ''): Result<ProfileDetails, InvalidInput> {
  const problems = new Problems();
  const name = input.name.trim();
  problems.check(name.length >= 2 && name.length <= 200, 'customer.name', `${prefix}name`);
  const phone = input.phone.trim();
  problems.check(/^\+?[\d\s/()-]{6,30}$/u.test(phone), 'customer.phone', `${prefix}phone`);
  const street = input.street.trim();
  problems.check(street.length >= 3 && street.length <= 200, 'customer.street', `${prefix}street`);
  const postalCode = input.postalCode.trim();
  problems.check(/^\d{5}$/u.test(postalCode), 'customer.postal_code', `${prefix}postalCode`);
  const city = input.city.trim();
  problems.check(city.length >= 2 && city.length <= 100, 'customer.city', `${prefix}city`);
  const failure = problems.failure();
  return failure ? fail(failure) : ok({ name, phone, street, postalCode, city });
}

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
  lockedFields!: ProfileField[];
  /** Who the buyer is for VAT (and the channel of its invoices); staff correct what the order form asked. */
  buyerClass!: BuyerClass;
  /** VAT number with country prefix, for an EU business outside Croatia (reverse charge). */
  vatNumber!: string | null;
  /** A foreign buyer asked for eRačuni as well as the PDF (buyers in Croatia get them by their classification). */
  einvoiceRequested!: boolean;

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
    buyerClass?: BuyerClass;
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
    account.lockedFields = [];
    account.buyerClass = input.buyerClass ?? (input.entityType === 'person' ? 'consumer' : 'vat_business');
    account.vatNumber = null;
    account.einvoiceRequested = false;
    return account;
  }

  /** Applies checked details; a locked field may not change. Returns the fields that changed. */
  updateProfile(details: ProfileDetails): Result<ProfileField[], InvalidInput> {
    const changed: ProfileField[] = [];
    if (details.name !== this.name) changed.push('name');
    if (details.street !== this.street || details.postalCode !== this.postalCode || details.city !== this.city) changed.push('address');
    if (details.phone !== this.phone) changed.push('phone');
    const locked = changed.find((f) => this.lockedFields.includes(f));
    if (locked) return fail(new InvalidInput('profile.locked', locked === 'address' ? 'street' : locked));
    Object.assign(this, details);
    return ok(changed);
  }

  lock(fields: readonly ProfileField[]): void {
    this.lockedFields = PROFILE_FIELDS.filter((f) => fields.includes(f));
  }

  /** Only after the staff-verified procedure (see EmailChangeRequest). */
  changeEmail(email: string): void {
    this.email = email;
  }

  /** Staff set the VAT classification; a foreign EU business is reverse-charged only with a VAT number. */
  classify(buyerClass: BuyerClass, vatNumber: string | null, country: string, einvoiceRequested = false): void {
    const foreign = buyerClass === 'foreign_eu' || buyerClass === 'foreign_non_eu';
    this.buyerClass = buyerClass;
    this.vatNumber = foreign ? vatNumber : null;
    this.country = foreign ? country : 'HR';
    this.einvoiceRequested = foreign && einvoiceRequested;
  }

  isLegalEntity(): boolean {
    return this.entityType !== 'person';
  }
}
