import type { ProductKind } from '../catalog/product.js';

export const SERVICE_STATUSES = ['pending', 'active', 'suspended', 'cancelled', 'expired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** What services and domains share: a status and a paid period that can be suspended, cancelled or renewed. */
export abstract class ServiceTerm {
  status!: ServiceStatus;
  periodMonths!: number;
  expiresAt!: Date;
  /** When it last changed (set by the repository on every write): what `updated_since` asks about. */
  updatedAt!: Date;

  isLive(): boolean {
    return this.status === 'active' || this.status === 'suspended';
  }

  suspend(): void {
    if (this.status === 'active') this.status = 'suspended';
  }

  cancel(): void {
    this.status = 'cancelled';
  }

  /** Paid for the next period: it runs on from the old expiry, not from the day of payment. */
  renew(periodEnd: Date): void {
    this.expiresAt = addMonths(periodEnd, this.periodMonths);
    this.status = 'active';
  }
}

/** A service a client uses (hosting, mailbox, certificate), with its initial access data sealed. */
export class HostedService extends ServiceTerm {
  id!: string;
  accountId!: string;
  orderId!: string;
  productId!: string;
  productCode!: string;
  kind!: Exclude<ProductKind, 'domain'>;
  name!: string;
  domainName!: string;
  activatedAt!: Date;
  /** Username, password and host, encrypted by the SecretBox; null for services without a login. */
  sealedCredentials!: string | null;

  static activate(input: Omit<HostedService, 'status' | 'expiresAt' | 'updatedAt' | 'activatedAt' | 'suspend' | 'cancel' | 'renew' | 'changePlan' | 'isLive'> & { now: Date }): HostedService {
    const service = new HostedService();
    const { now, ...rest } = input;
    Object.assign(service, rest, { status: 'active', activatedAt: now, expiresAt: addMonths(now, input.periodMonths) });
    return service;
  }

  /** Another product of the same kind from the next renewal on (the paid period is not repriced). */
  changePlan(product: { id: string; code: string; name: string }): void {
    this.productId = product.id;
    this.productCode = product.code;
    this.name = product.name;
  }
}

/** A registered domain name with its nameservers. */
export class RegisteredDomain extends ServiceTerm {
  id!: string;
  accountId!: string;
  orderId!: string;
  name!: string;
  registeredAt!: Date;
  nameservers!: string[];

  static register(input: { id: string; accountId: string; orderId: string; name: string; periodMonths: number; nameservers: string[]; now: Date }): RegisteredDomain {
    const domain = new RegisteredDomain();
    const { now, ...rest } = input;
    Object.assign(domain, rest, { status: 'active', registeredAt: now, expiresAt: addMonths(now, input.periodMonths) });
    return domain;
  }

  setNameservers(nameservers: readonly string[]): void {
    this.nameservers = [...nameservers];
  }
}

export interface ServiceCredentials {
  readonly username: string;
  readonly password: string;
  readonly host: string;
}

export function addMonths(at: Date, months: number): Date {
  const result = new Date(at);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, last));
  return result;
}
