import { createHash, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { ServiceUnavailable, type FiscalOutcome, type Fiscalizer } from '../../application/ports/fiscalizer.js';
import { securityCodeData, type FiscalBill, type SecurityCodeInput } from '../../domain/fiscal/fiscal-bill.js';

/**
 * Fiscalization in memory: the ZKI computed the same way with a key of its own, a JIR for every bill of the company's
 * OIB, s005 for another OIB, and an outage at will (`down`).
 */
export class InMemoryFiscalizer implements Fiscalizer {
  readonly fiscalized: Array<FiscalBill & { jir: string }> = [];
  down = false;
  /** One key for every instance: made on first use (a test that never fiscalizes never pays for it). */
  private static key: KeyObject | null = null;

  constructor(private readonly companyOib: string) {}

  securityCode(input: SecurityCodeInput): string {
    return createHash('md5').update(createSign('RSA-SHA1').update(securityCodeData(input), 'utf8').sign((InMemoryFiscalizer.key ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))).digest('hex');
  }

  async fiscalize(bill: FiscalBill): Promise<FiscalOutcome> {
    if (this.down) throw new ServiceUnavailable('fiscalization service is down');
    if (bill.oib !== this.companyOib) return { kind: 'refused', errors: [{ code: 's005', message: 'OIB iz poruke zahtjeva nije jednak OIB-u iz certifikata.' }] };
    if (!/^-?\d{1,15}\.\d{2}$/u.test(bill.total) || !/^[a-f0-9]{32}$/u.test(bill.securityCode)) return { kind: 'refused', errors: [{ code: 's001', message: 'Poruka nije u skladu s XML shemom' }] };
    const jir = randomUUID();
    this.fiscalized.push({ ...bill, jir });
    return { kind: 'fiscalized', jir };
  }
}
