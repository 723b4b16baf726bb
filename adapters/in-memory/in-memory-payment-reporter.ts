import { randomUUID } from 'node:crypto';
import { ServiceUnavailable } from '../../application/ports/fiscalizer.js';
import type { CollectedPayment, PaymentReporter, ReportOutcome } from '../../application/ports/payment-reporter.js';
import { checkDigit } from '../../domain/accounts/oib.js';

/** Payment reporting in memory: accepts a payment of the company, refuses another issuer (S006), down at will. */
export class InMemoryPaymentReporter implements PaymentReporter {
  readonly accepted: CollectedPayment[] = [];
  down = false;

  constructor(private readonly companyOib: string) {}

  async reportPayment(payment: CollectedPayment): Promise<ReportOutcome> {
    if (this.down) throw new ServiceUnavailable('payment reporting is down');
    const answer = (accepted: boolean) => `<EvidentirajNaplatuOdgovor prihvacen="${accepted}"/>`;
    const valid = (oib: string) => /^\d{11}$/u.test(oib) && checkDigit(oib.slice(0, 10)) === Number(oib[10]);
    if (!valid(payment.sellerOib)) return { kind: 'refused', errors: [{ code: 'S007', message: 'OIB iz zahtjeva nije formalno ispravan' }], answer: answer(false) };
    if (payment.sellerOib !== this.companyOib) return { kind: 'refused', errors: [{ code: 'S006', message: 'Pristupna tocka nije ovlaštena za dostavu podataka' }], answer: answer(false) };
    this.accepted.push(payment);
    return { kind: 'accepted', requestId: randomUUID(), answer: answer(true) };
  }
}
