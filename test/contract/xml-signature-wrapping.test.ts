import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soapPayload } from '../../adapters/xml-security/soap.js';
import { signById, verifySignature } from '../../adapters/xml-security/xml-signature.js';
import { opensslCertificate, toolsAvailable, type TestCertificate } from '../support/fiscal/outside-tools.js';

/**
 * Signature wrapping: a genuine signed answer moved aside and a forged one put where the reader looks. The element
 * whose signature is checked must be the element that is read, so an answer with two of them is refused.
 */
const F73 = 'http://www.apis-it.hr/fin/2012/types/f73';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const odgovor = (jir: string) => `<tns:RacunOdgovor xmlns:tns="${F73}" Id="odg"><tns:Zaglavlje><tns:IdPoruke>m-1</tns:IdPoruke></tns:Zaglavlje><tns:Jir>${jir}</tns:Jir></tns:RacunOdgovor>`;
const envelope = (header: string, body: string) => `<soap:Envelope xmlns:soap="${SOAP}">${header ? `<soap:Header>${header}</soap:Header>` : ''}<soap:Body>${body}</soap:Body></soap:Envelope>`;

let cert: TestCertificate;
beforeAll(() => {
  if (toolsAvailable) cert = opensslCertificate('12345678903', 'FISKALCIS');
});
afterAll(() => cert?.remove());

describe.skipIf(!toolsAvailable)('a signed answer is believed only for the element that was signed', () => {
  const genuine = () => signById(envelope('', odgovor('11111111-1111-1111-1111-111111111111')), 'RacunOdgovor', cert.certificate, { exclusive: false });

  it('a genuine answer verifies', () => {
    const answer = genuine();
    expect(verifySignature(answer, 'RacunOdgovor')).toMatchObject({ valid: true });
    expect(soapPayload(answer)?.localName).toBe('RacunOdgovor');
  });

  it('the genuine answer moved to the header and a forged one in the body is refused', () => {
    const signedElement = /<tns:RacunOdgovor[\s\S]*<\/tns:RacunOdgovor>/u.exec(genuine())![0];
    const forged = envelope(signedElement, odgovor('22222222-2222-2222-2222-222222222222').replace('Id="odg"', 'Id="forged"'));
    expect(soapPayload(forged)?.textContent).toContain('22222222');
    expect(verifySignature(forged, 'RacunOdgovor')).toEqual({ valid: false, reason: 'more than one RacunOdgovor element' });
  });

  it('a forged answer wrapping the genuine one inside itself is refused', () => {
    const signedElement = /<tns:RacunOdgovor[\s\S]*<\/tns:RacunOdgovor>/u.exec(genuine())![0];
    const forged = envelope('', odgovor('22222222-2222-2222-2222-222222222222').replace('Id="odg"', 'Id="forged"').replace('</tns:RacunOdgovor>', `<tns:Extra>${signedElement}</tns:Extra></tns:RacunOdgovor>`));
    expect(verifySignature(forged, 'RacunOdgovor')).toMatchObject({ valid: false });
  });

  it('a changed answer is refused', () => {
    expect(verifySignature(genuine().replace('11111111-1111', '33333333-1111'), 'RacunOdgovor')).toMatchObject({ valid: false, reason: 'the signature does not match the message' });
  });
});
