import { composeMail, type Localized } from '../mail/mail-content.js';

const footer = {
  hr: 'Ovu obavijest šaljemo svim klijentima i kontaktima koji primaju opće obavijesti. Ne odgovarajte na nju.',
  en: 'We send this notice to every client and to the contacts who receive general notices. Please do not reply.',
};

/** An announcement as mail: its own words, a link to the list of announcements. */
export const announcementMail: Localized<{ product: string; title: string; body: string; date: string; link: string }> = {
  hr: ({ product, title, body, date, link }) =>
    composeMail({ subject: `${product}: ${title}`, greeting: 'Poštovani,', paragraphs: [`obavijest od ${date}:`, ...body.split(/\n{2,}/u)], action: { label: 'Sve obavijesti', url: link }, footer: footer.hr }),
  en: ({ product, title, body, date, link }) =>
    composeMail({ subject: `${product}: ${title}`, greeting: 'Hello,', paragraphs: [`a notice of ${date}:`, ...body.split(/\n{2,}/u)], action: { label: 'All announcements', url: link }, footer: footer.en }),
};
