import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPkcs12, type ApplicationCertificate } from '../../../adapters/xml-security/application-certificate.js';
import { XmlSchemas } from '../../../adapters/xml-security/xml-schemas.js';
import { EINVOICE_DIR } from '../einvoice/validator.js';

const runs = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/**
 * The independent tools of the outside-service tests: openssl (the test certificate, the ZKI computed apart),
 * xmlsec1 (Debian's `xmlsec1`, the signatures checked by another implementation) and the official material beside
 * the checkout. Missing on a developer machine: the tests are skipped; in CI they fail.
 */
export const toolsAvailable = (runs('openssl', ['version']) && runs('xmlsec1', ['--version']) && XmlSchemas.available(EINVOICE_DIR)) || process.env.CI === 'true';

export { EINVOICE_DIR };

export interface TestCertificate {
  readonly certificate: ApplicationCertificate;
  readonly dir: string;
  readonly keyPem: string;
  readonly certPem: string;
  readonly p12: string;
  readonly password: string;
  remove(): void;
}

/**
 * A self-signed test certificate made with openssl for this run (a test key, never a FINA one), with the company's
 * OIB in the organisation as FINA writes it, exported to PKCS#12 and read back the way the portal reads the real one.
 */
export function opensslCertificate(oib: string, commonName = 'FISKAL 1'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'fiscal-cert-'));
  const keyPem = join(dir, 'key.pem');
  const certPem = join(dir, 'cert.pem');
  const p12 = join(dir, 'cert.p12');
  const password = 'test-only';
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPem, '-out', certPem, '-days', '30', '-subj', `/C=HR/O=Test d.o.o. HR${oib}/CN=${commonName}`], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', keyPem, '-in', certPem, '-out', p12, '-passout', `pass:${password}`, '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], { stdio: 'ignore' });
  return { certificate: loadPkcs12(readFileSync(p12), password), dir, keyPem, certPem, p12, password, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The ZKI computed apart from the portal: openssl signs the data with RSA-SHA1, node's MD5 of that signature. */
export function opensslSecurityCode(data: string, keyPem: string): string {
  const signature = execFileSync('openssl', ['dgst', '-sha1', '-sign', keyPem], { input: Buffer.from(data, 'utf8') });
  return execFileSync('openssl', ['dgst', '-md5', '-r'], { input: signature }).toString().split(' ')[0]!.trim();
}

/** Checks a signed message with xmlsec1 against a trusted PEM; `ids` names the elements whose Id attribute is an ID. */
export function xmlsecVerify(xml: string, trustedPem: string, ids: readonly string[]): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xmlsec-'));
  try {
    const file = join(dir, 'message.xml');
    writeFileSync(file, xml);
    const args = ['--verify', '--trusted-pem', trustedPem, ...ids.flatMap((id) => ['--id-attr:Id', id]), file];
    const result = spawnSync('xmlsec1', args, { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sample eRačun of the Tax Administration, made the company's: its seller OIB, a number of ours. */
export function sampleUbl(sellerOib: string, number: string): Uint8Array {
  const xml = readFileSync(join(EINVOICE_DIR, 'samples', 'eracun', 'eRacun_PDV25.xml'), 'utf8').replaceAll('12345678901', sellerOib).replace('<cbc:ID>1-P1-1</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`);
  return new TextEncoder().encode(xml);
}
