import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

type Args = { account: string; product: string; newEmail: string; link: string };

/** To the new address: prove that you read it. */
export const emailChangeConfirmMail: Localized<Args> = {
  hr: ({ account, product, newEmail, link }) =>
    composeMail({
      subject: `${product}: potvrdite novu e-adresu`,
      greeting: 'Poštovani,',
      paragraphs: [
        `zatražena je promjena e-adrese klijenta ${account} u ${newEmail}. Potvrdite da je ova adresa vaša.`,
        'Poveznica vrijedi 72 sata. Nakon potvrde zahtjev i priloženi dokument provjerava naše osoblje; adresa se mijenja tek nakon njihova odobrenja.',
      ],
      action: { label: 'Potvrdite adresu', url: link },
      footer: footer.hr,
    }),
  en: ({ account, product, newEmail, link }) =>
    composeMail({
      subject: `${product}: confirm the new email address`,
      greeting: 'Hello,',
      paragraphs: [
        `a change of the email address of ${account} to ${newEmail} was requested. Confirm that this address is yours.`,
        'The link is valid for 72 hours. After that our staff check the request and the attached document; the address changes only once they approve it.',
      ],
      action: { label: 'Confirm the address', url: link },
      footer: footer.en,
    }),
};

/** To the old address: you are told, and you can stop it with one link. */
export const emailChangeNoticeMail: Localized<Args> = {
  hr: ({ account, product, newEmail, link }) =>
    composeMail({
      subject: `${product}: zatražena je promjena e-adrese`,
      greeting: 'Poštovani,',
      paragraphs: [
        `zatražena je promjena e-adrese klijenta ${account} s ove adrese na ${newEmail}.`,
        'Ako to niste zatražili vi, zaustavite zahtjev jednim klikom i javite nam se. Bez provjere našeg osoblja adresa se ne mijenja.',
      ],
      action: { label: 'Zaustavite zahtjev', url: link },
      footer: footer.hr,
    }),
  en: ({ account, product, newEmail, link }) =>
    composeMail({
      subject: `${product}: a change of email address was requested`,
      greeting: 'Hello,',
      paragraphs: [
        `a change of the email address of ${account} from this address to ${newEmail} was requested.`,
        'If you did not ask for it, stop the request with one click and contact us. The address does not change without a check by our staff.',
      ],
      action: { label: 'Stop the request', url: link },
      footer: footer.en,
    }),
};

export const emailChangeDecidedMail: Localized<Args & { approved: boolean; reason: string }> = {
  hr: ({ account, product, newEmail, link, approved, reason }) =>
    composeMail({
      subject: `${product}: promjena e-adrese je ${approved ? 'odobrena' : 'odbijena'}`,
      greeting: 'Poštovani,',
      paragraphs: approved
        ? [`e-adresa klijenta ${account} sada je ${newEmail}. Sve su prijave vlasnika odjavljene; prijavite se novom adresom.`]
        : [`zahtjev za promjenu e-adrese klijenta ${account} u ${newEmail} je odbijen.`, `Razlog: ${reason}`],
      action: { label: 'Prijava', url: link },
      footer: footer.hr,
    }),
  en: ({ account, product, newEmail, link, approved, reason }) =>
    composeMail({
      subject: `${product}: the email change was ${approved ? 'approved' : 'rejected'}`,
      greeting: 'Hello,',
      paragraphs: approved
        ? [`the email address of ${account} is now ${newEmail}. Every session of the owner was ended; sign in with the new address.`]
        : [`the request to change the email address of ${account} to ${newEmail} was rejected.`, `Reason: ${reason}`],
      action: { label: 'Sign in', url: link },
      footer: footer.en,
    }),
};

export const profileChangedMail: Localized<{ account: string; product: string; fields: string; link: string }> = {
  hr: ({ account, product, fields, link }) =>
    composeMail({
      subject: `${product}: podaci o klijentu su promijenjeni`,
      greeting: 'Poštovani,',
      paragraphs: [`promijenjeni su podaci klijenta ${account}: ${fields}.`, 'Ako to niste očekivali, javite nam se.'],
      action: { label: 'Podaci o klijentu', url: link },
      footer: footer.hr,
    }),
  en: ({ account, product, fields, link }) =>
    composeMail({
      subject: `${product}: the client details were changed`,
      greeting: 'Hello,',
      paragraphs: [`the details of ${account} were changed: ${fields}.`, 'If you did not expect this, contact us.'],
      action: { label: 'Client details', url: link },
      footer: footer.en,
    }),
};
