import { randomUUID, X509Certificate } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { checkDigit } from '../../domain/accounts/oib.js';
import { EIZ, reportDateTime } from '../eizvjestavanje/evidentiraj-naplatu.js';
import { isTrusted, type ApplicationCertificate } from '../xml-security/application-certificate.js';
import { SOAP_ENV, childElements, childText, soapPayload } from '../xml-security/soap.js';
import type { XmlSchemas } from '../xml-security/xml-schemas.js';
import { signXadesB, verifySignature } from '../xml-security/xml-signature.js';
import { LocalHttpServer, type LocalAnswer } from '../simulator-support/local-http-server.js';

/** The error codes of the schema's `greska` list, with the texts it gives them. */
const ERRORS = {
  S001: 'Sistemska greška prilikom obrade zahtjeva',
  S002: 'Lokacija potpisa nije ispravna',
  S003: 'Certifikat nije izdan od davatelja usluga s Pouzdanog potpisa, ili je istekao ili je ukinut',
  S004: 'Neispravan potpis zahtjeva',
  S005: 'Poruka nije u skladu s XML shemom',
  S006: 'Pristupna tocka nije ovlaštena za dostavu podataka',
  S007: 'OIB iz zahtjeva nije formalno ispravan',
  S009: 'Ne postoji zabilježen eRačun',
} as const;

/** What the Tax Administration knows of fiscalized eRačuni (the intermediary simulator records them here). */
export interface FiscalizedEInvoices {
  has(sellerOib: string, number: string, issueDate: string): boolean;
}

export interface ReportedPayment {
  readonly requestId: string;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly sellerOib: string;
  readonly buyerOib: string;
  readonly paidOn: string;
  readonly amount: string;
  readonly method: string;
}

const validOib = (oib: string) => /^\d{11}$/u.test(oib) && checkDigit(oib.slice(0, 10)) === Number(oib[10]);

/**
 * A local eIzvjestavanjeService speaking the real protocol: every EvidentirajNaplatuZahtjev is checked against the
 * official SOAP and eIzvještavanje schemas, its XAdES signature verified, its certificate trusted and entitled to
 * the issuer's OIB, the eRačun it names looked up; the answer is signed, accepting it or giving the schema's error.
 */
export class EIzvjestavanjeSimulator {
  private readonly http: LocalHttpServer;
  readonly accepted: ReportedPayment[] = [];
  requests = 0;
  /** Every message received, as received (a test checks them with independent tools). */
  readonly received: string[] = [];

  constructor(
    private readonly options: {
      schemas: XmlSchemas | null;
      signer: ApplicationCertificate;
      trustedClients: () => readonly X509Certificate[];
      einvoices?: FiscalizedEInvoices;
      port?: number;
      now?: () => Date;
    },
  ) {
    this.http = new LocalHttpServer((request) => this.answer(request), options.port === undefined ? {} : { port: options.port });
  }

  get url(): string {
    return `${this.http.url}/eIzvjestavanjeService`;
  }

  start(): Promise<string> {
    return this.http.start().then(() => this.url);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async answer(request: { method: string; path: string; body: string }): Promise<LocalAnswer> {
    if (request.method !== 'POST' || request.path !== '/eIzvjestavanjeService') return { status: 404, type: 'text/plain', body: 'not found' };
    this.requests += 1;
    this.received.push(request.body);
    const payload = soapPayload(request.body);
    if (!payload || payload.namespaceURI !== EIZ || payload.localName !== 'EvidentirajNaplatuZahtjev') return this.fault('Client', 'Expected an EvidentirajNaplatuZahtjev in a SOAP 1.1 envelope');
    const requestId = payload.getAttributeNS(EIZ, 'id') || randomUUID();
    const refuse = (code: keyof typeof ERRORS, record = 1, detail?: string) => this.odgovor(requestId, { code, record, message: detail ? `${ERRORS[code]} : ${detail}` : ERRORS[code] });
    if (this.options.schemas) {
      const findings = await this.options.schemas.validate('soap', request.body);
      if (findings.length) return refuse('S005', 1, findings.map((f) => f.message).join('; ').slice(0, 900));
    }
    const check = verifySignature(request.body, 'EvidentirajNaplatuZahtjev');
    if (!check.valid) return refuse(/does not sign|not signed|more than one/u.test(check.reason) ? 'S002' : 'S004');
    if (!isTrusted(check.certificate, this.options.trustedClients(), this.now())) return refuse('S003');
    const certificateOib = /(?:HR|VATHR-)?(\d{11})(?!\d)/u.exec(check.certificate.subject)?.[1];
    const payments = childElements(payload, 'Naplata');
    for (const [i, naplata] of payments.entries()) {
      const seller = childText(naplata, 'oibPorezniBrojIzdavatelja') ?? '';
      const buyer = childText(naplata, 'oibPorezniBrojPrimatelja') ?? '';
      if (!validOib(seller)) return refuse('S007', i + 1, seller);
      if (/^\d{11}$/u.test(buyer) && buyer !== '00000000000' && !validOib(buyer)) return refuse('S007', i + 1, buyer);
      if (seller !== certificateOib) return refuse('S006', i + 1);
      const number = childText(naplata, 'brojDokumenta') ?? '';
      const issueDate = childText(naplata, 'datumIzdavanja') ?? '';
      if (this.options.einvoices && !this.options.einvoices.has(seller, number, issueDate)) return refuse('S009', i + 1);
    }
    for (const naplata of payments) {
      this.accepted.push({
        requestId,
        invoiceNumber: childText(naplata, 'brojDokumenta') ?? '',
        issueDate: childText(naplata, 'datumIzdavanja') ?? '',
        sellerOib: childText(naplata, 'oibPorezniBrojIzdavatelja') ?? '',
        buyerOib: childText(naplata, 'oibPorezniBrojPrimatelja') ?? '',
        paidOn: childText(naplata, 'datumNaplate') ?? '',
        amount: childText(naplata, 'naplaceniIznos') ?? '',
        method: childText(naplata, 'nacinPlacanja') ?? '',
      });
    }
    return this.odgovor(requestId, null);
  }

  /** A signed EvidentirajNaplatuOdgovor: the request's id, accepted or with the error and the record it concerns. */
  private odgovor(requestId: string, error: { code: string; record: number; message: string } | null): LocalAnswer {
    const answerId = randomUUID();
    const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soapenv:Envelope');
    const odgovor = envelope.ele(SOAP_ENV, 'soapenv:Body').ele(EIZ, 'eiz:EvidentirajNaplatuOdgovor').att(EIZ, 'eiz:id', answerId);
    odgovor.ele(EIZ, 'eiz:datumVrijemeSlanja').txt(reportDateTime(this.now()));
    const result = odgovor.ele(EIZ, 'eiz:Odgovor');
    result.ele(EIZ, 'eiz:idZahtjeva').txt(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/iu.test(requestId) ? requestId : answerId);
    result.ele(EIZ, 'eiz:prihvacenZahtjev').txt(String(error === null));
    if (error) {
      const greska = result.ele(EIZ, 'eiz:greska');
      greska.ele(EIZ, 'eiz:sifra').txt(error.code);
      greska.ele(EIZ, 'eiz:redniBrojZapisa').txt(String(error.record));
      greska.ele(EIZ, 'eiz:opis').txt(error.message.slice(0, 1024));
    }
    const body = signXadesB(envelope.end(), 'EvidentirajNaplatuOdgovor', this.options.signer, this.now(), `sig-${answerId}`);
    return { status: 200, type: 'text/xml; charset=utf-8', body };
  }

  private fault(code: string, message: string): LocalAnswer {
    const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soapenv:Envelope');
    const fault = envelope.ele(SOAP_ENV, 'soapenv:Body').ele(SOAP_ENV, 'soapenv:Fault');
    fault.ele('faultcode').txt(`soapenv:${code}`);
    fault.ele('faultstring').txt(message);
    return { status: 500, type: 'text/xml; charset=utf-8', body: envelope.end() };
  }
}
