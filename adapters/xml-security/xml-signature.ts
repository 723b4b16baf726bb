import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { certificateBase64, type ApplicationCertificate } from './application-certificate.js';

/**
 * XML signatures of the Tax Administration's services, made and checked with xml-crypto (a maintained XMLDSig
 * library: canonicalization and digests are never written by hand here).
 */
export const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';

const byLocalName = (name: string) => `//*[local-name()='${name}']`;

/**
 * B2C fiscalization (spec chapter 7): an enveloped signature of the request element, referenced by its Id,
 * RSA-SHA1 over Exclusive C14N, with the certificate and its issuer and serial in KeyInfo. The service answers
 * the same way with inclusive C14N.
 */
export function signById(xml: string, element: string, certificate: ApplicationCertificate, options: { exclusive?: boolean } = {}): string {
  const c14n = (options.exclusive ?? true) ? EXC_C14N : C14N;
  const cert = certificate.certificate;
  const signer = new SignedXml({
    privateKey: certificate.privateKeyPem,
    publicCert: certificate.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    canonicalizationAlgorithm: c14n,
    getKeyInfoContent: () =>
      `<X509Data><X509Certificate>${certificateBase64(certificate.certificatePem)}</X509Certificate><X509IssuerSerial><X509IssuerName>${escapeXml(cert.issuer.split('\n').reverse().join(','))}</X509IssuerName><X509SerialNumber>${BigInt(`0x${cert.serialNumber}`).toString()}</X509SerialNumber></X509IssuerSerial></X509Data>`,
  });
  signer.addReference({ xpath: byLocalName(element), transforms: [ENVELOPED, c14n], digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1' });
  signer.computeSignature(xml, { location: { reference: byLocalName(element), action: 'append' } });
  return signer.getSignedXml();
}

/**
 * eIzvještavanje (spec chapter 11): XAdES-B. An enveloped signature of the whole message (URI ""), RSA-SHA256 over
 * Exclusive C14N, placed in the request element, with the signed XAdES properties (signing time, the certificate's
 * SHA-256) referenced as well.
 */
export function signXadesB(xml: string, element: string, certificate: ApplicationCertificate, signingTime: Date, id: string): string {
  const certDigest = createHash('sha256').update(certificate.certificate.raw).digest('base64');
  const properties =
    `<xades:QualifyingProperties xmlns:xades="${XADES}" Target="#${id}"><xades:SignedProperties Id="xades-${id}"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${signingTime.toISOString().replace(/\.\d{3}Z$/u, 'Z')}</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest>` +
    `<ds:DigestMethod xmlns:ds="${DSIG}" Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue xmlns:ds="${DSIG}">${certDigest}</ds:DigestValue>` +
    `</xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>`;
  const signer = new SignedXml({
    privateKey: certificate.privateKeyPem,
    publicCert: certificate.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXC_C14N,
    objects: [{ content: properties }],
  });
  signer.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  signer.addReference({ xpath: byLocalName('SignedProperties'), transforms: [EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256', type: 'http://uri.etsi.org/01903#SignedProperties' });
  signer.computeSignature(xml, { prefix: 'ds', attrs: { Id: id }, location: { reference: byLocalName(element), action: 'append' } });
  return signer.getSignedXml();
}

export type SignatureCheck = { readonly valid: true; readonly certificate: X509Certificate } | { readonly valid: false; readonly reason: string };

/**
 * Checks the one signature inside `element`: it must be cryptographically sound and sign that element (by its Id)
 * or the whole message (URI ""), so a signature over something else is never taken for it.
 */
export function verifySignature(xml: string, element: string): SignatureCheck {
  let doc;
  try {
    doc = new DOMParser().parseFromString(xml, 'text/xml');
  } catch {
    return { valid: false, reason: 'the message is not well-formed XML' };
  }
  // Exactly one element of that name: the one verified is then the one the caller reads, never a wrapped twin.
  const named = allByLocalName(doc.documentElement as unknown as Element, element);
  if (named.length !== 1) return { valid: false, reason: named.length ? `more than one ${element} element` : `no ${element} element` };
  const target = named[0]!;
  const signatures = Array.from(target.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'Signature' && (n as Element).namespaceURI === DSIG);
  if (signatures.length !== 1) return { valid: false, reason: signatures.length ? 'more than one signature' : 'the message is not signed' };
  const signature = signatures[0]!;
  const certText = firstByLocalName(signature, 'X509Certificate')?.textContent?.replace(/\s+/gu, '');
  if (!certText) return { valid: false, reason: 'the signature carries no certificate' };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(certText, 'base64'));
  } catch {
    return { valid: false, reason: 'the certificate in the signature cannot be read' };
  }
  const references = Array.from(signature.getElementsByTagNameNS(DSIG, 'Reference')).filter((r) => r.parentNode && (r.parentNode as Element).localName === 'SignedInfo');
  const id = target.getAttribute('Id');
  const coversTarget = references.some((r) => r.getAttribute('URI') === '' || (id !== null && id !== '' && r.getAttribute('URI') === `#${id}`));
  if (!coversTarget) return { valid: false, reason: `the signature does not sign the ${element} element` };
  const checker = new SignedXml({ publicCert: certificate.toString() });
  try {
    checker.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    if (!checker.checkSignature(xml)) return { valid: false, reason: 'the signature does not match the message' };
  } catch (error) {
    return { valid: false, reason: error instanceof Error ? error.message.slice(0, 200) : 'the signature cannot be checked' };
  }
  return { valid: true, certificate };
}

function allByLocalName(root: Element, name: string): Element[] {
  const found = root.localName === name ? [root] : [];
  const all = root.getElementsByTagName('*');
  for (let i = 0; i < all.length; i += 1) if (all[i]!.localName === name) found.push(all[i]!);
  return found;
}

export function firstByLocalName(root: Element, name: string): Element | null {
  if (root.localName === name) return root;
  const all = root.getElementsByTagName('*');
  for (let i = 0; i < all.length; i += 1) if (all[i]!.localName === name) return all[i]!;
  return null;
}

export function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}
