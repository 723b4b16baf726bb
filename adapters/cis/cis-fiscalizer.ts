import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.js';
import { ServiceUnavailable, type FiscalOutcome, type Fiscalizer } from '../../application/ports/fiscalizer.js';
import type { Ids } from '../../application/ports/ids.js';
import { fiscalDateTime, isJir, securityCodeData, type FiscalBill, type SecurityCodeInput } from '../../domain/fiscal/fiscal-bill.js';
import { isTrusted, securityCodeOf, type ApplicationCertificate } from '../xml-security/application-certificate.js';
import { childElements, childText, postSoap, soapPayload } from '../xml-security/soap.js';
import { signById, verifySignature } from '../xml-security/xml-signature.js';
import { racunZahtjev } from './racun-zahtjev.js';

export interface CisSettings {
  /** https://cis.porezna-uprava.hr:8449/FiskalizacijaService in production. */
  readonly url: string;
  readonly certificate: ApplicationCertificate;
  /** The Tax Administration's signing certificate, or the CA that issued it: answers signed by anyone else are refused. */
  readonly trusted: readonly X509Certificate[];
  readonly timeoutMs: number;
}

/**
 * The Tax Administration's fiscalization service for invoices to consumers (FiskalizacijaService WSDL, operation
 * `racuni`): a signed RacunZahtjev over SOAP 1.1; the answer's signature is checked before its JIR is believed.
 */
export class CisFiscalizer implements Fiscalizer {
  constructor(
    private readonly settings: CisSettings,
    private readonly deps: { clock: Clock; ids: Ids },
  ) {}

  securityCode(input: SecurityCodeInput): string {
    return securityCodeOf(securityCodeData(input), this.settings.certificate.privateKeyPem);
  }

  async fiscalize(bill: FiscalBill): Promise<FiscalOutcome> {
    const messageId = this.deps.ids.newId();
    const unsigned = racunZahtjev(bill, { messageId, sentAt: fiscalDateTime(this.deps.clock.now()) });
    const signed = signById(unsigned, 'RacunZahtjev', this.settings.certificate);
    const answer = await postSoap(this.settings.url, signed, { soapAction: 'http://e-porezna.porezna-uprava.hr/fiskalizacija/2012/services/FiskalizacijaService/racuni', timeoutMs: this.settings.timeoutMs });
    const odgovor = soapPayload(answer)!;
    if (odgovor.localName !== 'RacunOdgovor') throw new ServiceUnavailable(`the service answered ${odgovor.localName}, not RacunOdgovor`);
    const check = verifySignature(answer, 'RacunOdgovor');
    if (!check.valid) throw new ServiceUnavailable(`the answer's signature is not valid: ${check.reason}`);
    if (!isTrusted(check.certificate, this.settings.trusted, this.deps.clock.now())) throw new ServiceUnavailable('the answer is signed by a certificate we do not trust');
    const header = childElements(odgovor, 'Zaglavlje')[0];
    if (!header || childText(header, 'IdPoruke') !== messageId) throw new ServiceUnavailable('the answer is not for our request');
    const jir = childText(odgovor, 'Jir');
    if (jir && isJir(jir)) return { kind: 'fiscalized', jir: jir.toLowerCase() };
    const errors = childElements(odgovor, 'Greske').flatMap((g) => childElements(g, 'Greska')).map((e) => ({ code: childText(e, 'SifraGreske') ?? '', message: (childText(e, 'PorukaGreske') ?? '').replace(/\s+/gu, ' ') }));
    if (errors.length === 0) throw new ServiceUnavailable('the answer has neither a JIR nor errors');
    // s006 is the service's own failure: the same request is tried again later.
    if (errors.every((e) => e.code === 's006')) throw new ServiceUnavailable(`s006 ${errors[0]!.message}`);
    return { kind: 'refused', errors };
  }
}
