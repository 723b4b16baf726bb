import { create } from 'xmlbuilder2';
import type { FiscalBill } from '../../domain/fiscal/fiscal-bill.js';
import { SOAP_ENV } from '../xml-security/soap.js';

/** Namespace of the B2C fiscalization messages (FiskalizacijaSchema.xsd, v1.3). */
export const F73 = 'http://www.apis-it.hr/fin/2012/types/f73';

/**
 * A RacunZahtjev in a SOAP envelope, written with xmlbuilder2 in the element order of the schema; the signature is
 * added afterwards (it signs the element as written here).
 */
export function racunZahtjev(bill: FiscalBill, header: { messageId: string; sentAt: string }): string {
  const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soapenv:Envelope');
  const request = envelope.ele(SOAP_ENV, 'soapenv:Body').ele(F73, 'tns:RacunZahtjev', { Id: 'RacunZahtjev' });
  const el = (parent: typeof request, name: string, value: string) => parent.ele(F73, `tns:${name}`).txt(value);
  const zaglavlje = request.ele(F73, 'tns:Zaglavlje');
  el(zaglavlje, 'IdPoruke', header.messageId);
  el(zaglavlje, 'DatumVrijeme', header.sentAt);
  const racun = request.ele(F73, 'tns:Racun');
  el(racun, 'Oib', bill.oib);
  el(racun, 'USustPdv', String(bill.vatRegistered));
  el(racun, 'DatVrijeme', bill.issuedAt);
  el(racun, 'OznSlijed', bill.sequenceMark);
  const broj = racun.ele(F73, 'tns:BrRac');
  el(broj, 'BrOznRac', bill.number.sequence);
  el(broj, 'OznPosPr', bill.number.premises);
  el(broj, 'OznNapUr', bill.number.device);
  if (bill.vat.length) {
    const pdv = racun.ele(F73, 'tns:Pdv');
    for (const tax of bill.vat) {
      const porez = pdv.ele(F73, 'tns:Porez');
      el(porez, 'Stopa', tax.rate);
      el(porez, 'Osnovica', tax.base);
      el(porez, 'Iznos', tax.amount);
    }
  }
  if (bill.exempt) el(racun, 'IznosOslobPdv', bill.exempt);
  el(racun, 'IznosUkupno', bill.total);
  el(racun, 'NacinPlac', bill.paymentMethod);
  el(racun, 'OibOper', bill.operatorOib);
  el(racun, 'ZastKod', bill.securityCode);
  el(racun, 'NakDost', String(bill.subsequent));
  return envelope.end({ headless: false });
}
