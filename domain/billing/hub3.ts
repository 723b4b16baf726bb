import { isCroatianIban } from './iban.js';

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

/** A field as the slip can carry it: one line, in ISO 8859-2, at most `max` characters, no space left at either end. */
const cut = (text: string, max: number) => toLatin2Text(text).trim().slice(0, max).trim();

export function hub3Payload(slip: Hub3Slip): string {
  if (!Number.isInteger(slip.amountCents) || slip.amountCents < 0) throw new Error('amount must be whole, non-negative cents');
  if (!isCroatianIban(slip.payee.iban)) throw new Error('payee IBAN must be a Croatian IBAN with a valid check');
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

/** ISO 8859-2 from 0xA0 to 0xFF, in byte order; below 0xA0 it is ASCII (the C1 controls are never printed). */
const LATIN2_HIGH = '\u00a0Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u00adŽŻ°ą˛ł´ľśˇ¸šşťź˝žżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙';
const TO_BYTE = new Map<string, number>([...LATIN2_HIGH].map((ch, i) => [ch, 0xa0 + i]));
const FROM_BYTE = new Map<number, string>([...TO_BYTE].map(([ch, b]) => [b, ch]));

/** Characters outside ISO 8859-2 that have a customary spelling in it. */
const SPELLED: Record<string, string> = {
  '—': '-', '–': '-', '‒': '-', '―': '-', '‐': '-', '‑': '-', '−': '-',
  '‘': "'", '’': "'", '‚': "'", '′': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '″': '"',
  '…': '...', '€': 'EUR', '•': '-', '·': '.', '™': 'TM', '©': '(c)', '®': '(R)',
  'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O', 'å': 'a', 'Å': 'A', 'ð': 'd', 'þ': 'th', 'Þ': 'Th', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŋ': 'n', 'ſ': 's',
};

const fits = (ch: string) => (ch >= ' ' && ch <= '~') || TO_BYTE.has(ch);

/**
 * Text as the HUB-3 barcode can carry it: letters of ISO 8859-2 (Croatian letters, ü, ß…) stay; other letters are
 * spelled in it (— as -, æ as ae, ñ as n); what has no spelling (emoji, symbols) is left out, never turned into "?".
 */
export function toLatin2Text(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (/\s/u.test(ch)) out += ' ';
    else if (fits(ch)) out += ch;
    else if (SPELLED[ch] !== undefined) out += SPELLED[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      out += [...bare].every(fits) ? bare.normalize('NFC') : '';
    }
  }
  return out.replace(/ {2,}/gu, ' ');
}

/** ISO 8859-2 bytes of text already made to fit (`toLatin2Text`); anything else is a bug and throws. */
export function toLatin2Bytes(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const byte = TO_BYTE.get(ch);
    if (byte === undefined) throw new Error(`not in ISO 8859-2: ${ch}`);
    return byte;
  }));
}

export function fromLatin2Bytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : (FROM_BYTE.get(b) ?? ''))).join('');
}
