import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CisFiscalizer } from '../adapters/cis/cis-fiscalizer.js';
import { CisSimulator } from '../adapters/cis-simulator/cis-simulator.js';
import { EIzvjestavanjeReporter } from '../adapters/eizvjestavanje/eizvjestavanje-reporter.js';
import { EIzvjestavanjeSimulator } from '../adapters/eizvjestavanje-simulator/eizvjestavanje-simulator.js';
import { MojERacunExchange } from '../adapters/moj-eracun/moj-eracun-exchange.js';
import { MojERacunSimulator } from '../adapters/moj-eracun-simulator/moj-eracun-simulator.js';
import { createTestCertificate, loadPkcs12, type ApplicationCertificate } from '../adapters/xml-security/application-certificate.js';
import { XmlSchemas } from '../adapters/xml-security/xml-schemas.js';
import type { Clock } from '../application/ports/clock.js';
import type { EInvoiceExchange } from '../application/ports/einvoice-exchange.js';
import type { Fiscalizer } from '../application/ports/fiscalizer.js';
import type { Ids } from '../application/ports/ids.js';
import type { PaymentReporter } from '../application/ports/payment-reporter.js';
import type { OutsideConfig } from './config.js';

export interface OutsideServices {
  readonly fiscalizer: Fiscalizer;
  readonly exchange: EInvoiceExchange;
  readonly paymentReporter: PaymentReporter;
  /** The local simulators started for what is not configured (a local run and the tests). */
  readonly simulators: { readonly cis: CisSimulator | null; readonly intermediary: MojERacunSimulator | null; readonly reporting: EIzvjestavanjeSimulator | null };
  readonly certificate: ApplicationCertificate;
  /**
   * The settings that point another process (a web worker) at the same services: the local simulators this process
   * started, and the certificate their answers are signed with (written into the data folder).
   */
  readonly workerEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * A self-signed certificate with the seller's OIB, kept in DATA_DIR, for a local run: the local simulators trust it,
 * the Tax Administration never would. Made once, so the ZKIs of a local install stay the same across restarts.
 */
function localCertificate(dataDir: string, oib: string): ApplicationCertificate {
  const file = join(dataDir, 'fiscal-test-certificate.p12');
  const passwordFile = join(dataDir, 'fiscal-test-certificate.password');
  if (existsSync(file) && existsSync(passwordFile)) {
    const certificate = loadPkcs12(readFileSync(file), readFileSync(passwordFile, 'utf8'));
    if (certificate.oib === oib && new Date(certificate.certificate.validTo) > new Date()) return certificate;
  }
  mkdirSync(dataDir, { recursive: true });
  const made = createTestCertificate({ commonName: 'FISKAL TEST (lokalno)', organisation: 'Lokalni test', oib, password: randomBytes(18).toString('base64url'), days: 3650 });
  writeFileSync(file, made.pkcs12, { mode: 0o600 });
  writeFileSync(passwordFile, made.password, { mode: 0o600 });
  return made.certificate;
}

/**
 * The outside services of lawful invoicing, each on its real adapter: configured ones point at the Tax
 * Administration and the intermediary; the others at local simulators started here on loopback, which speak the same
 * protocols (and check every message against the official schemas in EINVOICE_DIR when it is there).
 */
export async function startOutsideServices(
  config: OutsideConfig,
  deps: { clock: Clock; ids: Ids; sellerOib: string; dataDir: string; log: (line: string) => void; certificate?: ApplicationCertificate; ports?: { cis?: number; intermediary?: number; reporting?: number } },
): Promise<OutsideServices> {
  const stops: Array<() => Promise<void>> = [];
  const certificate = deps.certificate ?? (config.fiscal.certPath ? loadPkcs12(readFileSync(config.fiscal.certPath), config.fiscal.certPassword ?? '') : localCertificate(deps.dataDir, deps.sellerOib));
  const simulated = !config.fiscal.url || !config.intermediary.url || !config.reporting.url;
  let schemas: XmlSchemas | null = null;
  let signer: ApplicationCertificate | null = null;
  if (simulated) {
    if (XmlSchemas.available(config.einvoiceDir)) schemas = new XmlSchemas(config.einvoiceDir);
    else deps.log(`Local simulators: the Tax Administration's schemas are not at ${config.einvoiceDir} (EINVOICE_DIR); messages are checked for signatures only`);
    signer = createTestCertificate({ commonName: 'fiskalcistest', organisation: 'Simulator Porezne uprave' }).certificate;
  }
  const trustedAnswers = config.fiscal.cisCertPath ? [new X509Certificate(readFileSync(config.fiscal.cisCertPath))] : [];
  const trustedClients = () => [certificate.certificate];
  const now = () => deps.clock.now();
  const adapterDeps = { clock: deps.clock, ids: deps.ids };

  let cis: CisSimulator | null = null;
  let fiscalUrl = config.fiscal.url;
  if (!fiscalUrl) {
    cis = new CisSimulator({ schemas, signer: signer!, trustedClients, now, ...(deps.ports?.cis !== undefined ? { port: deps.ports.cis } : {}) });
    fiscalUrl = await cis.start();
    stops.push(() => cis!.stop());
    deps.log(`Fiscalization (B2C): local simulator at ${fiscalUrl}`);
  }
  const fiscalizer = new CisFiscalizer({ url: fiscalUrl, certificate, trusted: config.fiscal.url ? trustedAnswers : [signer!.certificate], timeoutMs: config.fiscal.timeoutMs }, adapterDeps);

  let intermediary: MojERacunSimulator | null = null;
  const account = config.intermediary.url
    ? { username: config.intermediary.username ?? '', password: config.intermediary.password ?? '', companyId: deps.sellerOib, softwareId: config.intermediary.softwareId ?? '' }
    : { username: 'portal', password: randomBytes(12).toString('base64url'), companyId: deps.sellerOib, softwareId: 'Portal-001' };
  let intermediaryUrl = config.intermediary.url;
  if (!intermediaryUrl) {
    intermediary = new MojERacunSimulator({ schemas, account, now, ...(deps.ports?.intermediary !== undefined ? { port: deps.ports.intermediary } : {}) });
    intermediaryUrl = await intermediary.start();
    stops.push(() => intermediary!.stop());
    deps.log(`eRačun intermediary (moj-eRačun API v2): local simulator at ${intermediaryUrl}`);
  }
  const exchange = new MojERacunExchange({ url: intermediaryUrl, ...account, companyBu: config.intermediary.companyBu, timeoutMs: config.fiscal.timeoutMs * 3 });

  let reporting: EIzvjestavanjeSimulator | null = null;
  let reportingUrl = config.reporting.url;
  if (!reportingUrl) {
    reporting = new EIzvjestavanjeSimulator({ schemas, signer: signer!, trustedClients, now, ...(intermediary ? { einvoices: intermediary } : {}), ...(deps.ports?.reporting !== undefined ? { port: deps.ports.reporting } : {}) });
    reportingUrl = await reporting.start();
    stops.push(() => reporting!.stop());
    deps.log(`Payment reporting (eIzvještavanje): local simulator at ${reportingUrl}`);
  }
  const paymentReporter = new EIzvjestavanjeReporter({ url: reportingUrl, certificate, trusted: config.reporting.url ? trustedAnswers : [signer!.certificate], timeoutMs: config.fiscal.timeoutMs }, adapterDeps);

  const workerEnv: Record<string, string> = {};
  if (cis) workerEnv['FISCAL_URL'] = fiscalUrl;
  if (intermediary) Object.assign(workerEnv, { INTERMEDIARY_URL: intermediaryUrl, INTERMEDIARY_USERNAME: account.username, INTERMEDIARY_PASSWORD: account.password, INTERMEDIARY_SOFTWARE_ID: account.softwareId });
  if (reporting) workerEnv['PAYMENT_REPORTING_URL'] = reportingUrl;
  if (signer && !config.fiscal.cisCertPath) {
    const file = join(deps.dataDir, 'simulator-answers.pem');
    mkdirSync(deps.dataDir, { recursive: true });
    writeFileSync(file, signer.certificate.toString(), { mode: 0o600 });
    workerEnv['FISCAL_CIS_CERT_PATH'] = file;
  }

  return {
    fiscalizer,
    exchange,
    paymentReporter,
    certificate,
    workerEnv,
    simulators: { cis, intermediary, reporting },
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
