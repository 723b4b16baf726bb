import type { ClientAccount } from '../../domain/accounts/client-account.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { BUYER_CLASSES, EU_COUNTRIES, parseVatNumber, vatPrefixOf, type BuyerClass } from '../../domain/billing/vat.js';
import { fail, Forbidden, InvalidInput, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import { audit } from '../shared/audit.js';
import type { RequestMeta } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';

/**
 * Billing staff set who a buyer is for VAT: it decides the VAT of its next invoices (reverse charge for an EU
 * business with a VAT number) and, later, the channel they travel by. Issued invoices keep what they said.
 */
export class ClassifyBuyer {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids'>) {}

  async show(actor: Actor, accountId: string): Promise<Result<ClientAccount, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    const account = await this.deps.uow.run((scope) => scope.accounts.findById(accountId));
    return account ? ok(account) : fail(new NotFound('not_found'));
  }

  async execute(actor: Actor, accountId: string, input: { buyerClass: string; vatNumber: string; country?: string; einvoiceRequested?: boolean }, meta: RequestMeta): Promise<Result<ClientAccount, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed || actor.kind !== 'staff') return fail(new Forbidden('forbidden'));
    if (!(BUYER_CLASSES as readonly string[]).includes(input.buyerClass)) return fail(new InvalidInput('buyer.class', 'buyerClass'));
    const buyerClass = input.buyerClass as BuyerClass;
    const raw = input.vatNumber.trim();
    const vatNumber = raw ? parseVatNumber(raw) : null;
    const country = (input.country ?? '').trim().toUpperCase() || 'HR';
    const eu = (EU_COUNTRIES as readonly string[]).includes(country);
    if (!/^[A-Z]{2}$/u.test(country) || (buyerClass === 'foreign_eu' && (!eu || country === 'HR')) || (buyerClass === 'foreign_non_eu' && eu)) return fail(new InvalidInput('buyer.country', 'country'));
    if ((raw && !vatNumber) || (vatNumber && buyerClass === 'foreign_eu' && !vatNumber.startsWith(vatPrefixOf(country)))) return fail(new InvalidInput('buyer.vat_number', 'vatNumber'));
    return this.deps.uow.run(async (scope) => {
      const account = await scope.accounts.findById(accountId);
      if (!account) return fail(new NotFound('not_found'));
      const before = { buyerClass: account.buyerClass, vatNumber: account.vatNumber, country: account.country };
      account.classify(buyerClass, vatNumber, country, input.einvoiceRequested ?? false);
      await scope.accounts.save(account);
      await audit(scope, this.deps, meta, {
        action: 'staff.buyer_classified',
        actorKind: 'staff',
        actorId: actor.staffId,
        accountId,
        details: { from: before.buyerClass, to: account.buyerClass, vatNumberFrom: before.vatNumber, vatNumberTo: account.vatNumber, countryFrom: before.country, countryTo: account.country, einvoiceRequested: account.einvoiceRequested },
      });
      return ok(account);
    });
  }
}
