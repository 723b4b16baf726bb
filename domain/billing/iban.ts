/** IBAN (ISO 13616): country, two check digits and the account, checked with ISO 7064 MOD 97-10. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/gu, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/u.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A Croatian IBAN: HR, check digits, 7-digit bank code and 10-digit account, with a valid checksum. */
export function isCroatianIban(raw: string): boolean {
  return /^HR\d{19}$/u.test(raw) && isValidIban(raw);
}
