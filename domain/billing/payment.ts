/** Money received on the bank account, recorded once per bank transaction, matched by its reference. */
export class Payment {
  id!: string;
  bankTransactionId!: string;
  amountCents!: number;
  receivedOn!: Date;
  reference!: string;
  payerName!: string;
  invoiceId!: string | null;
  recordedByStaffId!: string;
  recordedAt!: Date;

  static record(input: Omit<Payment, 'invoiceId' | 'recordedAt' | 'matchTo'> & { now: Date }): Payment {
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw new Error('a payment is a positive number of cents');
    const payment = new Payment();
    const { now, ...rest } = input;
    Object.assign(payment, rest, { invoiceId: null, recordedAt: now });
    return payment;
  }

  matchTo(invoiceId: string): void {
    this.invoiceId = invoiceId;
  }
}
