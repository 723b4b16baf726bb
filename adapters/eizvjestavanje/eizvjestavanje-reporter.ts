import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.js';
import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';
import type { Ids } from '../../application/ports/ids.js';
import type { CollectedPayment, PaymentReporter, ReportOutcome } from '../../application/ports/payment-reporter.js';
import { isTrusted, type ApplicationCertificate } from '../xml-security/application-certificate.js';
import { childElements, childText, postSoap, soapPayload } from '../xml-security/soap.js';
import { signXadesB, verifySignature } from '../xml-security/xml-signature.js';
import { evidentirajNaplatu } from './evidentiraj-naplatu.js';

export interface EIzvjestavanjeSettings {
  readonly url: string;
  readonly certificate: ApplicationCertificate;
  readonly trusted: readonly X509Certificate[];
  readonly timeoutMs: number;
}

/**
 * eIzvještavanje (eIzvjestavanjeService WSDL, operation EvidentirajNaplatu): the collected payment, signed XAdES-B
 * with the company's application certificate, over SOAP 1.1; the answer's signature checked before it is believed.
 */
export class EIzvjestavanjeReporter implements PaymentReporter {
  constructor(
    private readonly settings: EIzvjestavanjeSettings,
    private readonly deps: { clock: Clock; ids: Ids },
  ) {}

  async reportPayment(payment: CollectedPayment): Promise<ReportOutcome> {
    const requestId = this.deps.ids.newId();
    const now = this.deps.clock.now();
    const signed = signXadesB(evidentirajNaplatu(payment, { requestId, sentAt: now }), 'EvidentirajNaplatuZahtjev', this.settings.certificate, now, `sig-${requestId}`);
    const answer = await postSoap(this.settings.url, signed, { soapAction: '', timeoutMs: this.settings.timeoutMs });
    const odgovor = soapPayload(answer)!;
    if (odgovor.localName !== 'EvidentirajNaplatuOdgovor') throw new ServiceUnavailable(`the service answered ${odgovor.localName}`);
    const check = verifySignature(answer, 'EvidentirajNaplatuOdgovor');
    if (!check.valid) throw new ServiceUnavailable(`the answer's signature is not valid: ${check.reason}`);
    if (!isTrusted(check.certificate, this.settings.trusted, this.deps.clock.now())) throw new ServiceUnavailable('the answer is signed by a certificate we do not trust');
    const result = childElements(odgovor, 'Odgovor')[0];
    if (!result) throw new ServiceUnavailable('the answer has no Odgovor');
    const acceptedId = childText(result, 'idZahtjeva') ?? '';
    if (childText(result, 'prihvacenZahtjev') === 'true') return { kind: 'accepted', requestId: acceptedId || requestId, answer };
    const errors = childElements(result, 'greska').map((g) => ({ code: childText(g, 'sifra') ?? '', message: childText(g, 'opis') ?? '' }));
    // S001 is the service's own failure: the same payment is reported again later.
    if (errors.length === 0 || errors.every((e) => e.code === 'S001')) throw new ServiceUnavailable(`S001 ${errors[0]?.message ?? 'no reason given'}`);
    return { kind: 'refused', errors, answer };
  }
}
