import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import type { Invoice } from '../../domain/billing/invoice.js';
import { fail, Forbidden, NotFound, ok, type DomainFailure, type Result } from '../../domain/shared/result.js';
import type { ArchivedKind } from '../ports/invoice-archive.js';
import type { Services } from '../shared/services.js';
import { archivedFile, type DocumentFile } from './invoice-documents.js';

/** Billing staff open any invoice (to check a payment, or to credit it) and download its archived documents. */
export class StaffInvoice {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'settings' | 'documents' | 'einvoices'>) {}

  async show(actor: Actor, invoiceId: string): Promise<Result<Invoice, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    const invoice = await this.deps.uow.run((scope) => scope.invoices.findById(invoiceId));
    return invoice ? ok(invoice) : fail(new NotFound('not_found'));
  }

  async file(actor: Actor, invoiceId: string, kind: ArchivedKind): Promise<Result<DocumentFile, DomainFailure>> {
    if (!can(actor, { type: 'staff.billing' }).allowed) return fail(new Forbidden('forbidden'));
    return this.deps.uow.run(async (scope) => {
      const invoice = await scope.invoices.findById(invoiceId);
      return invoice ? ok(await archivedFile(scope, this.deps, invoice, kind)) : fail(new NotFound('not_found'));
    });
  }
}
