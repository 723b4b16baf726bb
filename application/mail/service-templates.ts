import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

/** A change to a service or domain, told to the account and its subscribers; never carries secrets. */
export const itemChangedMail: Localized<{ account: string; product: string; item: string; change: string; link: string }> = {
  hr: ({ account, product, item, change, link }) =>
    composeMail({ subject: `${product}: ${item} — ${change}`, greeting: 'Poštovani,', paragraphs: [`za klijenta ${account}: ${item} — ${change}.`, 'Ako to niste očekivali, javite nam se.'], action: { label: 'Otvori portal', url: link }, footer: footer.hr }),
  en: ({ account, product, item, change, link }) =>
    composeMail({ subject: `${product}: ${item} — ${change}`, greeting: 'Hello,', paragraphs: [`for ${account}: ${item} — ${change}.`, 'If you did not expect this, contact us.'], action: { label: 'Open the portal', url: link }, footer: footer.en }),
};

/** The transfer-out code goes to the registrant's own address only, as registries do. */
export const transferCodeMail: Localized<{ account: string; product: string; domain: string; code: string }> = {
  hr: ({ account, product, domain, code }) =>
    composeMail({
      subject: `${product}: kod za prijenos domene ${domain}`,
      greeting: 'Poštovani,',
      paragraphs: [`kod za prijenos domene ${domain} (klijent ${account}) je: ${code}`, 'Kod predajte samo novom registraru. Ako prijenos niste zatražili, javite nam se odmah.'],
      footer: footer.hr,
    }),
  en: ({ account, product, domain, code }) =>
    composeMail({
      subject: `${product}: transfer code for ${domain}`,
      greeting: 'Hello,',
      paragraphs: [`the transfer code of ${domain} (client ${account}) is: ${code}`, 'Give it only to the new registrar. If you did not ask for a transfer, contact us at once.'],
      footer: footer.en,
    }),
};

export const ticketMail: Localized<{ product: string; number: string; subject: string; text: string; link: string; fromStaff: boolean }> = {
  hr: ({ product, number, subject, text, link, fromStaff }) =>
    composeMail({
      subject: `${product}: [${number}] ${subject}`,
      greeting: 'Poštovani,',
      paragraphs: [fromStaff ? 'na vaš zahtjev za podršku stigao je odgovor:' : 'zaprimljena je nova poruka u zahtjevu za podršku:', text],
      action: { label: 'Otvori zahtjev', url: link },
      footer: footer.hr,
    }),
  en: ({ product, number, subject, text, link, fromStaff }) =>
    composeMail({
      subject: `${product}: [${number}] ${subject}`,
      greeting: 'Hello,',
      paragraphs: [fromStaff ? 'your support ticket has an answer:' : 'a new message arrived in a support ticket:', text],
      action: { label: 'Open the ticket', url: link },
      footer: footer.en,
    }),
};
