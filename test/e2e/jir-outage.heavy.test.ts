import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryBitmap, DecodeHintType, GlobalHistogramBinarizer, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../adapters/system/system-clock.js';
import { CryptoIds } from '../../adapters/system/crypto-ids.js';
import { RecordPayment } from '../../application/billing/record-payment.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { startOutsideServices, type OutsideServices } from '../../web/outside-services.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { EINVOICE_DIR, opensslCertificate, toolsAvailable, type TestCertificate } from '../support/fiscal/outside-tools.js';
import { META, SETTINGS } from '../support/in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';

/**
 * The fiscalization service goes down for a while: consumers' invoices keep being issued with their ZKI (the PDF says
 * the JIR is awaited, its QR code verifies by the ZKI), pg-boss retries each until the service is back, and every
 * invoice then has exactly one JIR. PDFs are read back with poppler and the QR code decoded with zxing.
 */
const poppler = existsSync('/usr/bin/pdftoppm') || process.env.CI === 'true';
let cert: TestCertificate;
let outside: OutsideServices;
let portal: PostgresPortal;
let billing: Actor;
const dir = mkdtempSync(join(tmpdir(), 'jir-outage-'));

beforeAll(async () => {
  if (!toolsAvailable) return;
  cert = opensslCertificate(SETTINGS.billing.seller.oib);
  outside = await startOutsideServices(
    { einvoiceDir: EINVOICE_DIR, fiscal: { timeoutMs: 20_000 }, intermediary: { companyBu: '' }, reporting: {} },
    { clock: new SystemClock(), ids: new CryptoIds(), sellerOib: SETTINGS.billing.seller.oib, dataDir: cert.dir, log: () => undefined, certificate: cert.certificate },
  );
  portal = await postgresPortal({ outside });
  await seedCatalog(portal.services);
  const staff = await givenStaff(portal.services, ['billing']);
  billing = { kind: 'staff', staffId: staff.id, roles: ['billing'] };
});

afterAll(async () => {
  await portal?.close();
  await outside?.stop();
  cert?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** A consumer orders and pays: the payment issues the invoice. */
async function consumerInvoice(domain: string): Promise<string> {
  const { account, user } = await givenOwner(portal.services, { entityType: 'person' });
  const owner: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
  const placed = await new PlaceOrder(portal.services).asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: domain }] }, META);
  if (!placed.ok) throw new Error('order failed');
  const quote = await portal.services.uow.run((scope) => scope.quotes.findByOrder(placed.value.id));
  const paid = await new RecordPayment(portal.services).execute(billing, { bankTransactionId: `OUT-${domain}`, amountCents: quote!.grossCents, receivedOn: new Date().toISOString().slice(0, 10), reference: quote!.paymentReference.number, payerName: '' }, META);
  if (!paid.ok || !paid.value.invoice) throw new Error('payment failed');
  return paid.value.invoice.id;
}

const records = (ids: readonly string[]) => portal.sql<{ invoice_id: string; jir: string | null; status: string; issued_without_jir: boolean; security_code: string; number: string }>('select f.*, i.number from fiscal_records f join invoices i on i.id = f.invoice_id where f.invoice_id = any($1::uuid[])', [[...ids]]);

async function pdfOf(invoiceId: string): Promise<{ text: string; qr: string }> {
  const file = join(dir, `${invoiceId}.pdf`);
  const [row] = await portal.sql<{ bytes: Buffer }>(`select bytes from invoice_documents where invoice_id = $1 and kind = 'pdf'`, [invoiceId]);
  writeFileSync(file, row!.bytes);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return { text, qr: qrOf(file, invoiceId) };
}

/**
 * The fiscal QR code read back from the rendered first page by an independent decoder. A decoder can miss a code in
 * one rendering (a module rounded the wrong way: it once failed at both 200 and 300 dpi), so it reads again at other
 * resolutions and with the other binarizer before giving up: a code that no rendering yields is still a failure.
 */
function qrOf(file: string, name: string): string {
  let last: unknown = null;
  for (const dpi of [200, 300, 250, 400, 150, 500]) {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, `${name}-${dpi}`)]);
    const png = PNG.sync.read(readFileSync(join(dir, `${name}-${dpi}.png`)));
    const luminance = new Uint8ClampedArray(png.width * png.height);
    for (let i = 0; i < luminance.length; i += 1) luminance[i] = (png.data[i * 4]! * 299 + png.data[i * 4 + 1]! * 587 + png.data[i * 4 + 2]! * 114) / 1000;
    for (const binarizer of [HybridBinarizer, GlobalHistogramBinarizer]) {
      try {
        return new QRCodeReader().decode(new BinaryBitmap(new binarizer(new RGBLuminanceSource(luminance, png.width, png.height))), new Map([[DecodeHintType.TRY_HARDER, true]])).getText();
      } catch (error) {
        last = error;
      }
    }
  }
  throw last;
}

describe.skipIf(!toolsAvailable)('a fiscalization outage', () => {
  it('keeps issuing invoices with their ZKI, and each gets its one JIR once the service is back', async () => {
    const before = await consumerInvoice('prije-prekida.hr');
    await expect.poll(async () => (await records([before]))[0]?.status, { timeout: 60_000 }).toBe('fiscalized');

    await outside.simulators.cis!.stop();
    const during: string[] = [];
    for (const n of [1, 2, 3, 4]) during.push(await consumerInvoice(`prekid-${n}.hr`));
    await expect.poll(async () => (await records(during)).filter((r) => r.issued_without_jir).length, { timeout: 60_000 }).toBe(4);
    for (const r of await records(during)) expect(r).toMatchObject({ jir: null, security_code: expect.stringMatching(/^[a-f0-9]{32}$/u) });
    expect(await portal.sql<{ n: string }>(`select count(*) as n from invoice_documents where kind = 'pdf' and invoice_id = any($1::uuid[])`, [during])).toEqual([{ n: '4' }]);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    await outside.simulators.cis!.start();
    await expect.poll(async () => (await records(during)).filter((r) => r.status === 'fiscalized').length, { timeout: 200_000, interval: 1000 }).toBe(4);

    const all = await records([before, ...during]);
    const fiscalized = outside.simulators.cis!.fiscalized;
    for (const r of all) {
      const sent = fiscalized.filter((f) => f.number === r.number);
      expect(sent, r.number).toHaveLength(1);
      expect(sent[0]).toMatchObject({ jir: r.jir, securityCode: r.security_code, subsequent: during.includes(r.invoice_id) });
    }
    expect(new Set(all.map((r) => r.jir)).size).toBe(5);

    if (poppler) {
      const normal = await pdfOf(before);
      const normalRecord = all.find((r) => r.invoice_id === before)!;
      expect(normal.text).toContain(`ZKI: ${normalRecord.security_code}`);
      expect(normal.text).toContain(normalRecord.jir!);
      expect(normal.qr).toMatch(new RegExp(`^https://porezna\\.gov\\.hr/rn\\?jir=${normalRecord.jir}&datv=\\d{8}_\\d{4}&izn=\\d+$`, 'u'));
      const late = await pdfOf(during[0]!);
      const lateRecord = all.find((r) => r.invoice_id === during[0])!;
      expect(late.text).toContain('naknadna dostava');
      expect(late.qr).toMatch(new RegExp(`^https://porezna\\.gov\\.hr/rn\\?zki=${lateRecord.security_code}&`, 'u'));
    }
  });
});
