import { create } from 'xmlbuilder2';
import { zagrebDate, zagrebTime } from '../../domain/billing/calendar.js';
import { amount } from '../../domain/billing/einvoice.js';
import type { CollectedPayment } from '../../application/ports/payment-reporter.js';
import { SOAP_ENV } from '../xml-security/soap.js';

/** Namespace of eIzvještavanje (eIzvjestavanjeSchema.xsd). */
export const EIZ = 'http://www.porezna-uprava.gov.hr/fin/2024/types/eIzvjestavanje';

/** YYYY-MM-DDTHH:MM:SS.SSSS on the Zagreb clock, the datumVrijemeSlanja type. */
export function reportDateTime(at: Date): string {
  return `${zagrebDate(at)}T${zagrebTime(at)}.${String(at.getUTCMilliseconds()).padStart(3, '0')}0`;
}

/** An EvidentirajNaplatuZahtjev for one payment, in a SOAP envelope, in the element order of the schema. */
export function evidentirajNaplatu(payment: CollectedPayment, header: { requestId: string; sentAt: Date }): string {
  const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soapenv:Envelope');
  const request = envelope.ele(SOAP_ENV, 'soapenv:Body').ele(EIZ, 'eiz:EvidentirajNaplatuZahtjev').att(EIZ, 'eiz:id', header.requestId);
  request.ele(EIZ, 'eiz:Zaglavlje').ele(EIZ, 'eiz:datumVrijemeSlanja').txt(reportDateTime(header.sentAt));
  const naplata = request.ele(EIZ, 'eiz:Naplata');
  const el = (name: string, value: string) => naplata.ele(EIZ, `eiz:${name}`).txt(value);
  el('brojDokumenta', payment.invoiceNumber);
  el('datumIzdavanja', payment.issueDate);
  el('oibPorezniBrojIzdavatelja', payment.sellerOib);
  el('oibPorezniBrojPrimatelja', payment.buyerOib);
  el('datumNaplate', payment.paidOn);
  el('naplaceniIznos', amount(payment.amountCents));
  el('nacinPlacanja', payment.method);
  return envelope.end();
}
