/**
 * The HUB-3 payment slip barcode payload (HRVHUB30): 14 lines, each cut to the length the standard allows.
 * The PDF417 symbol carrying it is drawn by an adapter; this is only what it says.
 */
export interface Hub3Slip {
  readonly amountCents: number;
  readonly payer: { readonly name: string; readonly street: string; readonly place: string };
  readonly payee: { readonly name: string; readonly street: string; readonly place: string; readonly iban: string };
  readonly model: string;
  readonly reference: string;
  readonly purposeCode: string;
  readonly description: string;
}

const cut = (text: string, max: number) => text.replace(/[\r\n]+/gu, ' ').trim().slice(0, max);

export function hub3Payload(slip: Hub3Slip): string {
  if (!Number.isInteger(slip.amountCents) || slip.amountCents < 0) throw new Error('amount must be whole, non-negative cents');
  if (!/^HR\d{19}$/u.test(slip.payee.iban)) throw new Error('payee IBAN must be Croatian');
  const fields = [
    'HRVHUB30',
    'EUR',
    String(slip.amountCents).padStart(15, '0'),
    cut(slip.payer.name, 30),
    cut(slip.payer.street, 27),
    cut(slip.payer.place, 27),
    cut(slip.payee.name, 25),
    cut(slip.payee.street, 25),
    cut(slip.payee.place, 27),
    slip.payee.iban,
    cut(slip.model, 4),
    cut(slip.reference, 22),
    cut(slip.purposeCode, 4),
    cut(slip.description, 35),
  ];
  return `${fields.join('\n')}\n`;
}

/** ISO 8859-2, the character set of the HUB-3 barcode: Croatian letters become single bytes. */
const LATIN2: Record<string, number> = { Č: 0xc8, č: 0xe8, Ć: 0xc6, ć: 0xe6, Đ: 0xd0, đ: 0xf0, Š: 0xa9, š: 0xb9, Ž: 0xae, ž: 0xbe };

export function toLatin2Bytes(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => LATIN2[ch] ?? (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f)));
}

export function fromLatin2Bytes(bytes: Uint8Array): string {
  const reverse = new Map(Object.entries(LATIN2).map(([ch, code]) => [code, ch]));
  return [...bytes].map((b) => reverse.get(b) ?? String.fromCharCode(b)).join('');
}
