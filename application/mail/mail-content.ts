import type { Locale } from '../../domain/identity/locale.js';

export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');

/** A company, craft or association by its name: a salutation to a person would not fit it. */
const ORGANISATION = /(?:^|\s)(?:j\.?d\.?o\.?o\.?|d\.?o\.?o\.?|d\.?d\.?|obrt|udruga|zadruga|ustanova)(?:\s|,|$)|[,.]\s*vl\.\s/iu;

/** "Poštovani/a Demo Firma d.o.o.," reads wrong: an organisation is greeted without a name, a person by name. */
function salutation(greeting: string): string {
  const hr = /^Poštovani\/a (.+),$/u.exec(greeting);
  if (hr && ORGANISATION.test(hr[1]!)) return 'Poštovani,';
  const en = /^Dear (.+),$/u.exec(greeting);
  if (en && ORGANISATION.test(en[1]!)) return 'Dear customer,';
  return greeting;
}

/** A name that ends in a dot (d.o.o.) before the sentence's own dot must not make two. */
const tidy = (text: string): string => text.replace(/(?<!\.)\.\.(?!\.)/gu, '.');

/** A mail made of paragraphs and at most one call to action; text and HTML always say the same. */
export function composeMail(raw: { subject: string; greeting: string; paragraphs: string[]; action?: { label: string; url: string }; footer: string }): MailContent {
  const input = { ...raw, subject: tidy(raw.subject), greeting: salutation(raw.greeting), paragraphs: raw.paragraphs.map(tidy) };
  const textParts = [input.greeting, ...input.paragraphs];
  if (input.action) textParts.push(`${input.action.label}: ${input.action.url}`);
  textParts.push('--', input.footer);
  const htmlParts = [
    `<p>${escapeHtml(input.greeting)}</p>`,
    ...input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    input.action ? `<p><a href="${escapeHtml(input.action.url)}">${escapeHtml(input.action.label)}</a></p>` : '',
    `<p style="color:#666">${escapeHtml(input.footer)}</p>`,
  ];
  return {
    subject: input.subject,
    text: textParts.join('\n\n'),
    html: `<!doctype html><html><body>${htmlParts.join('')}</body></html>`,
  };
}

export type Localized<A> = Record<Locale, (args: A) => MailContent>;

/** A date as Croatian readers write it (d. m. yyyy.), on the Zagreb calendar; mails use it in both languages. */
const ZAGREB_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zagreb', day: 'numeric', month: 'numeric', year: 'numeric' });

export function zagrebDate(at: Date): string {
  const p = Object.fromEntries(ZAGREB_DAY.formatToParts(at).map((x) => [x.type, x.value]));
  return `${Number(p.day)}. ${Number(p.month)}. ${p.year}.`;
}
