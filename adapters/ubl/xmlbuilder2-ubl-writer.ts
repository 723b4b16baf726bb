import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { EInvoiceWriter } from '../../application/ports/einvoice-writer.js';
import type { EInvoice, EInvoiceParty, EInvoiceSubtotal, EInvoiceTax } from '../../domain/billing/einvoice.js';

const NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  hrextac: 'urn:mfin.gov.hr:schema:xsd:HRExtensionAggregateComponents-1',
};

/**
 * UBL 2.1 Invoice / CreditNote written with xmlbuilder2 (escaping and namespaces by the library, never by string
 * concatenation). Elements follow the order of the UBL schemas; an absent value writes no element, because
 * HR-BR-33 forbids empty ones.
 */
export class XmlBuilderUblWriter implements EInvoiceWriter {
  readonly mediaType = 'application/xml';

  write(doc: EInvoice): Uint8Array {
    const credit = doc.documentType === 'CreditNote';
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS[doc.documentType], doc.documentType, {
      'xmlns:cac': NS.cac,
      'xmlns:cbc': NS.cbc,
      'xmlns:ext': NS.ext,
      'xmlns:hrextac': NS.hrextac,
    });
    const cbc = (parent: XMLBuilder, name: string, value: string | null, attributes?: Record<string, string>) => {
      if (value !== null && value !== '') parent.ele(NS.cbc, `cbc:${name}`, attributes).txt(value);
    };
    const cac = (parent: XMLBuilder, name: string) => parent.ele(NS.cac, `cac:${name}`);
    const money = (parent: XMLBuilder, name: string, value: string) => cbc(parent, name, value, { currencyID: doc.currency });

    if (doc.hrExtension) {
      const data = root.ele(NS.ext, 'ext:UBLExtensions').ele(NS.ext, 'ext:UBLExtension').ele(NS.ext, 'ext:ExtensionContent').ele(NS.hrextac, 'hrextac:HRFISK20Data');
      const total = data.ele(NS.hrextac, 'hrextac:HRTaxTotal');
      money(total, 'TaxAmount', doc.hrExtension.taxTotal);
      for (const sub of doc.hrExtension.subtotals) this.hrSubtotal(total, sub, money, cbc);
      const legal = data.ele(NS.hrextac, 'hrextac:HRLegalMonetaryTotal');
      money(legal, 'TaxExclusiveAmount', doc.hrExtension.taxExclusive);
      legal.ele(NS.hrextac, 'hrextac:OutOfScopeOfVATAmount', { currencyID: doc.currency }).txt(doc.hrExtension.outOfScope);
    }
    cbc(root, 'CustomizationID', doc.customizationId);
    cbc(root, 'ProfileID', doc.profileId);
    cbc(root, 'ID', doc.id);
    cbc(root, 'IssueDate', doc.issueDate);
    cbc(root, 'IssueTime', doc.issueTime);
    if (!credit) cbc(root, 'DueDate', doc.dueDate);
    cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', doc.typeCode);
    for (const note of doc.notes) cbc(root, 'Note', note);
    cbc(root, 'DocumentCurrencyCode', doc.currency);
    if (doc.billingReference) {
      const ref = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
      cbc(ref, 'ID', doc.billingReference.id);
      cbc(ref, 'IssueDate', doc.billingReference.issueDate);
    }
    const supplier = cac(root, 'AccountingSupplierParty');
    this.party(cac(supplier, 'Party'), doc.seller, cbc, cac);
    if (doc.operator) {
      const contact = cac(supplier, 'SellerContact');
      cbc(contact, 'ID', doc.operator.oib);
      cbc(contact, 'Name', doc.operator.name);
    }
    this.party(cac(cac(root, 'AccountingCustomerParty'), 'Party'), doc.buyer, cbc, cac);
    cbc(cac(root, 'Delivery'), 'ActualDeliveryDate', doc.deliveryDate);
    const means = cac(root, 'PaymentMeans');
    cbc(means, 'PaymentMeansCode', doc.payment.code);
    cbc(means, 'PaymentID', doc.payment.paymentId);
    cbc(cac(means, 'PayeeFinancialAccount'), 'ID', doc.payment.iban);
    const taxTotal = cac(root, 'TaxTotal');
    money(taxTotal, 'TaxAmount', doc.taxTotal);
    for (const sub of doc.subtotals) {
      const row = cac(taxTotal, 'TaxSubtotal');
      money(row, 'TaxableAmount', sub.taxable);
      money(row, 'TaxAmount', sub.tax);
      this.category(cac(row, 'TaxCategory'), sub.tax0, false, cbc, cac);
    }
    const totals = cac(root, 'LegalMonetaryTotal');
    money(totals, 'LineExtensionAmount', doc.totals.lineExtension);
    money(totals, 'TaxExclusiveAmount', doc.totals.taxExclusive);
    money(totals, 'TaxInclusiveAmount', doc.totals.taxInclusive);
    money(totals, 'PayableAmount', doc.totals.payable);
    for (const line of doc.lines) {
      const row = cac(root, credit ? 'CreditNoteLine' : 'InvoiceLine');
      cbc(row, 'ID', line.id);
      cbc(row, credit ? 'CreditedQuantity' : 'InvoicedQuantity', line.quantity, { unitCode: line.unitCode });
      money(row, 'LineExtensionAmount', line.lineExtension);
      if (line.period) {
        const period = cac(row, 'InvoicePeriod');
        cbc(period, 'StartDate', line.period.start);
        cbc(period, 'EndDate', line.period.end);
      }
      const item = cac(row, 'Item');
      cbc(item, 'Name', line.name);
      if (line.kpd) cbc(cac(item, 'CommodityClassification'), 'ItemClassificationCode', line.kpd, { listID: 'CG' });
      this.category(cac(item, 'ClassifiedTaxCategory'), line.tax, true, cbc, cac);
      const price = cac(row, 'Price');
      money(price, 'PriceAmount', line.price);
      cbc(price, 'BaseQuantity', '1', { unitCode: line.unitCode });
    }
    return new TextEncoder().encode(root.end({ prettyPrint: true }));
  }

  private party(node: XMLBuilder, party: EInvoiceParty, cbc: (p: XMLBuilder, n: string, v: string | null, a?: Record<string, string>) => void, cac: (p: XMLBuilder, n: string) => XMLBuilder): void {
    cbc(node, 'EndpointID', party.endpoint.id, { schemeID: party.endpoint.scheme });
    const address = cac(node, 'PostalAddress');
    cbc(address, 'StreetName', party.street);
    cbc(address, 'CityName', party.city);
    cbc(address, 'PostalZone', party.postalZone);
    cbc(cac(address, 'Country'), 'IdentificationCode', party.country);
    if (party.vatId) {
      const scheme = cac(node, 'PartyTaxScheme');
      cbc(scheme, 'CompanyID', party.vatId);
      cbc(cac(scheme, 'TaxScheme'), 'ID', 'VAT');
    }
    const legal = cac(node, 'PartyLegalEntity');
    cbc(legal, 'RegistrationName', party.name);
    cbc(legal, 'CompanyID', party.companyId);
  }

  private category(node: XMLBuilder, tax: EInvoiceTax, withName: boolean, cbc: (p: XMLBuilder, n: string, v: string | null) => void, cac: (p: XMLBuilder, n: string) => XMLBuilder): void {
    cbc(node, 'ID', tax.category);
    if (withName) cbc(node, 'Name', tax.hrName);
    cbc(node, 'Percent', tax.percent);
    cbc(node, 'TaxExemptionReasonCode', tax.exemptionReasonCode);
    cbc(node, 'TaxExemptionReason', tax.exemptionReason);
    cbc(cac(node, 'TaxScheme'), 'ID', 'VAT');
  }

  private hrSubtotal(total: XMLBuilder, sub: EInvoiceSubtotal, money: (p: XMLBuilder, n: string, v: string) => void, cbc: (p: XMLBuilder, n: string, v: string | null) => void): void {
    const row = total.ele(NS.hrextac, 'hrextac:HRTaxSubtotal');
    money(row, 'TaxableAmount', sub.taxable);
    money(row, 'TaxAmount', sub.tax);
    const category = row.ele(NS.hrextac, 'hrextac:HRTaxCategory');
    cbc(category, 'ID', sub.tax0.category);
    cbc(category, 'Name', sub.tax0.hrName);
    cbc(category, 'Percent', sub.tax0.percent);
    cbc(category, 'TaxExemptionReasonCode', sub.tax0.exemptionReasonCode);
    cbc(category, 'TaxExemptionReason', sub.tax0.exemptionReason);
    category.ele(NS.hrextac, 'hrextac:HRTaxScheme').ele(NS.cbc, 'cbc:ID').txt('VAT');
  }
}
