import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../adapters/system/system-clock.js';
import { CryptoIds } from '../../adapters/system/crypto-ids.js';
import { XmlSchemas } from '../../adapters/xml-security/xml-schemas.js';
import { soapPayload, standalone } from '../../adapters/xml-security/soap.js';
import { signById } from '../../adapters/xml-security/xml-signature.js';
import { racunZahtjev } from '../../adapters/cis/racun-zahtjev.js';
import { evidentirajNaplatu } from '../../adapters/eizvjestavanje/evidentiraj-naplatu.js';
import { signXadesB } from '../../adapters/xml-security/xml-signature.js';
import { securityCodeData } from '../../domain/fiscal/fiscal-bill.js';
import { startOutsideServices, type OutsideServices } from '../../web/outside-services.js';
import { SETTINGS } from '../support/in-memory-portal.js';
import { EINVOICE_DIR, opensslCertificate, opensslSecurityCode, sampleUbl, toolsAvailable, xmlsecVerify, type TestCertificate } from '../support/fiscal/outside-tools.js';
import { describeEInvoiceExchangeContract } from './einvoice-exchange.contract.js';
import { bill, describeFiscalizerContract } from './fiscalizer.contract.js';
import { describePaymentReporterContract } from './payment-reporter.contract.js';

/**
 * The real adapters against the local simulators, which check what a real service checks: the official schemas,
 * the XML signatures, the certificate and its OIB. Every message the adapters sent is then checked again with
 * independent tools: the schemas, and xmlsec1 for the signatures; the ZKI is computed apart with openssl.
 */
const OIB = SETTINGS.billing.seller.oib;
let cert: TestCertificate;
let outside: OutsideServices;

const config = { einvoiceDir: EINVOICE_DIR, fiscal: { timeoutMs: 5000 }, intermediary: { companyBu: '' }, reporting: {} };

beforeAll(async () => {
  if (!toolsAvailable) return;
  cert = opensslCertificate(OIB);
  outside = await startOutsideServices(config, { clock: new SystemClock(), ids: new CryptoIds(), sellerOib: OIB, dataDir: cert.dir, log: () => undefined, certificate: cert.certificate });
});

afterAll(async () => {
  await outside?.stop();
  cert?.remove();
});

const shared = <T>(probe: () => T) => async () => probe();

describe.skipIf(!toolsAvailable)('the real adapters against the local simulators', () => {
  describeFiscalizerContract(
    'CIS SOAP adapter ↔ FiskalizacijaService simulator',
    shared(() => ({
      fiscalizer: outside.fiscalizer,
      companyOib: OIB,
      setDown: async (down: boolean) => void (down ? await outside.simulators.cis!.stop() : await outside.simulators.cis!.start()),
      close: async () => undefined,
    })),
  );

  describeEInvoiceExchangeContract(
    'moj-eRačun API v2 adapter ↔ intermediary simulator',
    shared(() => ({
      exchange: outside.exchange,
      ubl: (number: string) => sampleUbl(OIB, number),
      reject: async (id: string, reason: string) => outside.simulators.intermediary!.reject(id, reason),
      setDown: async (down: boolean) => void (outside.simulators.intermediary!.down = down),
      close: async () => undefined,
    })),
  );

  describePaymentReporterContract(
    'eIzvještavanje SOAP adapter ↔ eIzvjestavanjeService simulator',
    shared(() => ({
      reporter: outside.paymentReporter,
      companyOib: OIB,
      knowInvoice: async (payment: { invoiceNumber: string; issueDate: string }) => {
        const ubl = new TextDecoder().decode(sampleUbl(OIB, payment.invoiceNumber)).replace('<cbc:IssueDate>2025-12-01</cbc:IssueDate>', `<cbc:IssueDate>${payment.issueDate}</cbc:IssueDate>`);
        if (!outside.simulators.intermediary!.has(OIB, payment.invoiceNumber, payment.issueDate)) await outside.exchange.send({ number: payment.invoiceNumber, year: 2026, ubl: new TextEncoder().encode(ubl) });
      },
      setDown: async (down: boolean) => void (down ? await outside.simulators.reporting!.stop() : await outside.simulators.reporting!.start()),
      close: async () => undefined,
    })),
  );

  describe('checked with independent tools', () => {
    it('the ZKI of a fixed input is the one openssl computes (RSA-SHA1, then MD5)', () => {
      const input = { oib: OIB, issuedAt: '01.12.2026 10:15:30', sequence: '17', premises: 'WEB1', device: '1', total: '125.00' };
      expect(securityCodeData(input)).toBe(`${OIB}01.12.2026 10:15:3017WEB11125.00`);
      expect(outside.fiscalizer.securityCode(input)).toBe(opensslSecurityCode(securityCodeData(input), cert.keyPem));
    });

    it('every fiscalization request sent validates against FiskalizacijaSchema.xsd and its signature verifies with xmlsec1', async () => {
      const schemas = new XmlSchemas(EINVOICE_DIR);
      const sent = outside.simulators.cis!.received.filter((m) => soapPayload(m)?.localName === 'RacunZahtjev');
      expect(sent.length).toBeGreaterThanOrEqual(4);
      for (const message of sent) {
        expect(await schemas.validate('b2c', standalone(soapPayload(message)!))).toEqual([]);
        const verified = xmlsecVerify(message, cert.certPem, ['http://www.apis-it.hr/fin/2012/types/f73:RacunZahtjev']);
        expect(verified.ok, verified.output).toBe(true);
      }
    });

    it('every payment report sent validates against the SOAP and eIzvještavanje schemas and its XAdES signature verifies with xmlsec1', async () => {
      const schemas = new XmlSchemas(EINVOICE_DIR);
      const sent = outside.simulators.reporting!.received;
      expect(sent.length).toBeGreaterThanOrEqual(3);
      for (const message of sent) {
        expect(await schemas.validate('soap', message)).toEqual([]);
        const verified = xmlsecVerify(message, cert.certPem, ['http://uri.etsi.org/01903/v1.3.2#:SignedProperties']);
        expect(verified.ok, verified.output).toBe(true);
      }
    });

    it('every eRačun the intermediary received validates against the UBL 2.1 schema', async () => {
      const schemas = new XmlSchemas(EINVOICE_DIR);
      const sent = outside.simulators.intermediary!.received.filter((m) => m.includes('<Invoice'));
      expect(sent.length).toBeGreaterThanOrEqual(4);
      for (const message of sent) expect(await schemas.validate('ubl-invoice', message)).toEqual([]);
    });
  });

  describe('the simulators refuse what the services refuse', () => {
    const post = async (url: string, body: string) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body })).text();
    const errorCode = (answer: string) => /<tns:SifraGreske>(s\d{3})<\/tns:SifraGreske>/u.exec(answer)?.[1] ?? /<eiz:sifra>(S\d{3})<\/eiz:sifra>/u.exec(answer)?.[1] ?? null;
    const request = (overrides: Parameters<typeof bill>[1] = {}) => racunZahtjev(bill(OIB, overrides), { messageId: crypto.randomUUID(), sentAt: '01.12.2026T10:15:31' });

    it('fiscalization: s001 for a message outside the schema, s004 for a tampered or missing signature, s002 for an untrusted certificate', async () => {
      const url = outside.simulators.cis!.url;
      expect(errorCode(await post(url, signById(request({ total: '125.5' }), 'RacunZahtjev', cert.certificate)))).toBe('s001');
      expect(errorCode(await post(url, signById(request(), 'RacunZahtjev', cert.certificate).replace('<tns:IznosUkupno>125.00', '<tns:IznosUkupno>1.00')))).toBe('s004');
      expect(errorCode(await post(url, request()))).toBe('s004');
      const stranger = opensslCertificate(OIB, 'STRANGER');
      try {
        expect(errorCode(await post(url, signById(request(), 'RacunZahtjev', stranger.certificate)))).toBe('s002');
      } finally {
        stranger.remove();
      }
    });

    it('payment reporting: S005 for a message outside the schema, S004 for a tampered signature, S009 for an eRačun it does not know', async () => {
      const url = outside.simulators.reporting!.url;
      const report = (amountCents: number, number = '99/WEB1/1') =>
        signXadesB(evidentirajNaplatu({ invoiceNumber: number, issueDate: '2026-12-01', sellerOib: OIB, buyerOib: '69435151530', paidOn: '2026-12-02', amountCents, method: 'T' }, { requestId: crypto.randomUUID(), sentAt: new Date() }), 'EvidentirajNaplatuZahtjev', cert.certificate, new Date(), 'sig-x');
      expect(errorCode(await post(url, report(100).replace('<eiz:nacinPlacanja>T<', '<eiz:nacinPlacanja>X<')))).toBe('S005');
      expect(errorCode(await post(url, report(100).replace('<eiz:naplaceniIznos>1.00<', '<eiz:naplaceniIznos>2.00<')))).toBe('S004');
      expect(errorCode(await post(url, report(100)))).toBe('S009');
    });
  });
});
