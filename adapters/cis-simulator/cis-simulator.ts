import { randomUUID, X509Certificate } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { fiscalDateTime } from '../../domain/fiscal/fiscal-bill.js';
import { F73 } from '../cis/racun-zahtjev.js';
import { isTrusted, type ApplicationCertificate } from '../xml-security/application-certificate.js';
import { SOAP_ENV, childElements, childText, soapPayload, standalone } from '../xml-security/soap.js';
import type { XmlSchemas } from '../xml-security/xml-schemas.js';
import { signById, verifySignature } from '../xml-security/xml-signature.js';
import { LocalHttpServer, type LocalAnswer } from '../simulator-support/local-http-server.js';

/** The error codes and texts of the specification (2.6), answered as the service answers them. */
const ERRORS = {
  s001: 'Poruka nije u skladu s XML shemom',
  s002: 'Certifikat nije izdan od strane produkcijskog potpisnika pouzdanog izdavatelja certifikata u RH ili je istekao ili je ukinut.',
  s003: 'Certifikat ne sadrži obvezan podatak.',
  s004: 'Neispravan digitalni potpis.',
  s005: 'OIB iz poruke zahtjeva nije jednak OIB-u iz certifikata.',
  s006: 'Sistemska pogreška prilikom obrade zahtjeva.',
} as const;

export interface FiscalizedBill {
  readonly oib: string;
  readonly number: string;
  readonly jir: string;
  readonly securityCode: string;
  readonly subsequent: boolean;
  readonly total: string;
}

/**
 * A local FiskalizacijaService that speaks the real protocol: every RacunZahtjev is checked against the official
 * schema, its XML signature verified, its certificate trusted and its OIB matched, and it is answered with a signed
 * RacunOdgovor carrying a JIR or the service's error (s001–s006). Used by `npm start` on localhost and by tests.
 */
export class CisSimulator {
  private readonly http: LocalHttpServer;
  readonly fiscalized: FiscalizedBill[] = [];
  /** Requests that reached it, accepted or not (a test counts them). */
  requests = 0;
  /** Every message received, as received (a test checks them with independent tools). */
  readonly received: string[] = [];
  /** Answer every request with s006, as the service does when it fails inside. */
  failing = false;

  constructor(
    private readonly options: {
      schemas: XmlSchemas | null;
      /** Signs the answers (the service's "fiskalcistest"). */
      signer: ApplicationCertificate;
      /** Client certificates accepted (the FINA demo CA's role here). */
      trustedClients: () => readonly X509Certificate[];
      port?: number;
      now?: () => Date;
    },
  ) {
    this.http = new LocalHttpServer((request) => this.answer(request), options.port === undefined ? {} : { port: options.port });
  }

  get url(): string {
    return `${this.http.url}/FiskalizacijaService`;
  }

  start(): Promise<string> {
    return this.http.start().then(() => this.url);
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get running(): boolean {
    return this.http.running;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async answer(request: { method: string; path: string; body: string }): Promise<LocalAnswer> {
    if (request.method !== 'POST' || request.path !== '/FiskalizacijaService') return { status: 404, type: 'text/plain', body: 'not found' };
    this.requests += 1;
    this.received.push(request.body);
    const payload = soapPayload(request.body);
    if (!payload) return this.fault('Client', 'Not a SOAP 1.1 message');
    if (payload.localName === 'EchoRequest' && payload.namespaceURI === F73) return this.envelope((body) => body.ele(F73, 'tns:EchoResponse').txt(payload.textContent ?? ''), null);
    if (payload.localName !== 'RacunZahtjev' || payload.namespaceURI !== F73) return this.fault('Client', `Unsupported operation ${payload.localName}`);
    const header = childElements(payload, 'Zaglavlje')[0];
    const messageId = (header && childText(header, 'IdPoruke')) || '';
    const refuse = (code: keyof typeof ERRORS, detail?: string) => this.odgovor(messageId, { errors: [{ code, message: detail ? `${ERRORS[code]} : ${detail}` : ERRORS[code] }] });
    if (this.failing) return refuse('s006');
    if (this.options.schemas) {
      const findings = await this.options.schemas.validate('b2c', standalone(payload));
      if (findings.length) return refuse('s001', findings.map((f) => f.message).join('; ').slice(0, 400));
    }
    const check = verifySignature(request.body, 'RacunZahtjev');
    if (!check.valid) return refuse('s004');
    if (!isTrusted(check.certificate, this.options.trustedClients(), this.now())) return refuse('s002');
    const certificateOib = /(?:HR|VATHR-)?(\d{11})(?!\d)/u.exec(check.certificate.subject)?.[1];
    if (!certificateOib) return refuse('s003');
    const racun = childElements(payload, 'Racun')[0]!;
    const oib = childText(racun, 'Oib') ?? '';
    if (oib !== certificateOib) return refuse('s005');
    const broj = childElements(racun, 'BrRac')[0]!;
    const number = `${childText(broj, 'BrOznRac')}/${childText(broj, 'OznPosPr')}/${childText(broj, 'OznNapUr')}`;
    const jir = randomUUID();
    this.fiscalized.push({ oib, number, jir, securityCode: childText(racun, 'ZastKod') ?? '', subsequent: childText(racun, 'NakDost') === 'true', total: childText(racun, 'IznosUkupno') ?? '' });
    return this.odgovor(messageId, { jir });
  }

  /** A signed RacunOdgovor: the request's message id, the time of processing, and the JIR or the errors. */
  private odgovor(messageId: string, result: { jir?: string; errors?: ReadonlyArray<{ code: string; message: string }> }): LocalAnswer {
    return this.envelope((body) => {
      const odgovor = body.ele(F73, 'tns:RacunOdgovor', { Id: `G${randomUUID().slice(0, 8)}` });
      const zaglavlje = odgovor.ele(F73, 'tns:Zaglavlje');
      zaglavlje.ele(F73, 'tns:IdPoruke').txt(messageId);
      zaglavlje.ele(F73, 'tns:DatumVrijeme').txt(fiscalDateTime(this.now()));
      if (result.jir) odgovor.ele(F73, 'tns:Jir').txt(result.jir);
      if (result.errors?.length) {
        const greske = odgovor.ele(F73, 'tns:Greske');
        for (const e of result.errors) {
          const greska = greske.ele(F73, 'tns:Greska');
          greska.ele(F73, 'tns:SifraGreske').txt(e.code);
          greska.ele(F73, 'tns:PorukaGreske').txt(e.message.slice(0, 500));
        }
      }
    }, 'RacunOdgovor');
  }

  private envelope(fill: (body: ReturnType<ReturnType<typeof create>['ele']>) => void, signed: string | null): LocalAnswer {
    const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soap:Envelope');
    fill(envelope.ele(SOAP_ENV, 'soap:Body'));
    const xml = envelope.end();
    return { status: 200, type: 'text/xml; charset=utf-8', body: signed ? signById(xml, signed, this.options.signer, { exclusive: false }) : xml };
  }

  private fault(code: string, message: string): LocalAnswer {
    const envelope = create({ version: '1.0', encoding: 'UTF-8' }).ele(SOAP_ENV, 'soap:Envelope');
    const fault = envelope.ele(SOAP_ENV, 'soap:Body').ele(SOAP_ENV, 'soap:Fault');
    fault.ele('faultcode').txt(`soap:${code}`);
    fault.ele('faultstring').txt(message);
    return { status: 500, type: 'text/xml; charset=utf-8', body: envelope.end() };
  }
}
