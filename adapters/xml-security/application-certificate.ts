import { createHash, createPrivateKey, createSign, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/**
 * An application certificate with its private key: the company's FINA certificate for fiscalization, read from its
 * PKCS#12 file (node-forge: Node's own crypto reads PEM and DER but not PKCS#12).
 */
export interface ApplicationCertificate {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
  readonly certificate: X509Certificate;
  /** The OIB in the certificate's subject, where the issuer put one. */
  readonly oib: string | null;
}

/** The certificate's DER as base64, the content of ds:X509Certificate. */
export function certificateBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/gu, '');
}

/** FINA puts the OIB in the organisation name (HR and 11 digits) or in the serial number of the subject. */
export function oibOfSubject(subject: string): string | null {
  const match = /(?:^|[^\d])(?:HR|VATHR-)?(\d{11})(?!\d)/u.exec(subject);
  return match ? match[1]! : null;
}

export function fromPem(privateKeyPem: string, certificatePem: string): ApplicationCertificate {
  const certificate = new X509Certificate(certificatePem);
  if (!certificate.checkPrivateKey(createPrivateKey(privateKeyPem))) throw new Error('the private key does not belong to the certificate');
  return { privateKeyPem, certificatePem, certificate, oib: oibOfSubject(certificate.subject) };
}

export function loadPkcs12(bytes: Uint8Array, password: string): ApplicationCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary'))), password);
  } catch {
    throw new Error('the PKCS#12 file cannot be read: a wrong password, or not a PKCS#12 file');
  }
  const keyBag = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [])][0];
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no private key');
  const privateKeyPem = forge.pki.privateKeyToPem(keyBag.key);
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  for (const bag of certBags) {
    if (!bag.cert) continue;
    const pem = forge.pki.certificateToPem(bag.cert);
    if (new X509Certificate(pem).checkPrivateKey(createPrivateKey(privateKeyPem))) return fromPem(privateKeyPem, pem);
  }
  throw new Error('the PKCS#12 file holds no certificate of its private key');
}

/**
 * A self-signed certificate for local runs and tests (never for the Tax Administration): RSA 2048 from Node's crypto,
 * the certificate and the PKCS#12 by node-forge.
 */
export function createTestCertificate(input: { commonName: string; organisation: string; oib?: string; days?: number; now?: Date; password?: string }): { certificate: ApplicationCertificate; pkcs12: Uint8Array; password: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${createHash('sha256').update(privateKeyPem).digest('hex').slice(0, 14)}`;
  const now = input.now ?? new Date();
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + (input.days ?? 365) * 86_400_000);
  const attributes = [
    { shortName: 'C', value: 'HR' },
    { shortName: 'O', value: input.oib ? `${input.organisation} HR${input.oib}` : input.organisation },
    { shortName: 'CN', value: input.commonName },
  ];
  cert.setSubject(attributes);
  cert.setIssuer(attributes);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }]);
  cert.sign(key, forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  const password = input.password ?? 'test';
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return { certificate: fromPem(privateKeyPem, certificatePem), pkcs12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), password };
}

/** RSA-SHA1 signature of a text, as the ZKI algorithm asks (spec chapter 12). */
export function rsaSha1(text: string, privateKeyPem: string): Buffer {
  return createSign('RSA-SHA1').update(text, 'utf8').sign(privateKeyPem);
}

/** The ZKI: MD5, in lower-case hex, of the RSA-SHA1 signature of the data. */
export function securityCodeOf(data: string, privateKeyPem: string): string {
  return createHash('md5').update(rsaSha1(data, privateKeyPem)).digest('hex');
}

/**
 * Whether a certificate is one we trust: itself in the set, or issued and signed by one in it (the Tax
 * Administration's signing certificate, or FINA's CA that issued it), and valid today.
 */
export function isTrusted(certificate: X509Certificate, trusted: readonly X509Certificate[], now: Date): boolean {
  if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now) return false;
  return trusted.some((anchor) => anchor.raw.equals(certificate.raw) || (certificate.checkIssued(anchor) && certificate.verify(anchor.publicKey)));
}
