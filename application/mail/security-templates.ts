import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

export const recoveryCodeUsedMail: Localized<{ name: string; product: string; left: number; link: string }> = {
  hr: ({ name, product, left, link }) =>
    composeMail({
      subject: `${product}: prijava rezervnim kodom`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        `upravo ste se prijavili jednim od rezervnih kodova dvofaktorske prijave. Taj kod više ne vrijedi; preostalo ih je ${left}.`,
        'Ako to niste bili vi, odmah promijenite lozinku i izradite nove rezervne kodove.',
      ],
      action: { label: 'Sigurnost prijave', url: link },
      footer: footer.hr,
    }),
  en: ({ name, product, left, link }) =>
    composeMail({
      subject: `${product}: signed in with a recovery code`,
      greeting: `Dear ${name},`,
      paragraphs: [
        `you just signed in with one of the recovery codes of two-factor sign-in. That code no longer works; ${left} are left.`,
        'If this was not you, change your password at once and make new recovery codes.',
      ],
      action: { label: 'Sign-in security', url: link },
      footer: footer.en,
    }),
};

export const recoveryCodesRenewedMail: Localized<{ name: string; product: string; link: string }> = {
  hr: ({ name, product, link }) =>
    composeMail({
      subject: `${product}: novi rezervni kodovi`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: ['izrađeni su novi rezervni kodovi dvofaktorske prijave; dosadašnji više ne vrijede.', 'Ako to niste bili vi, odmah promijenite lozinku.'],
      action: { label: 'Sigurnost prijave', url: link },
      footer: footer.hr,
    }),
  en: ({ name, product, link }) =>
    composeMail({
      subject: `${product}: new recovery codes`,
      greeting: `Dear ${name},`,
      paragraphs: ['new recovery codes of two-factor sign-in were made; the earlier ones no longer work.', 'If this was not you, change your password at once.'],
      action: { label: 'Sign-in security', url: link },
      footer: footer.en,
    }),
};

export const passwordChangedByOwnerMail: Localized<{ name: string; product: string; resetLink: string; link: string }> = {
  hr: ({ name, product, resetLink, link }) =>
    composeMail({
      subject: `${product}: lozinka je promijenjena`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        'lozinka vaše prijave na portal za klijente upravo je promijenjena u portalu; sve ostale prijave su odjavljene.',
        `Ako to niste bili vi, odmah zatražite novu lozinku na ${resetLink} i javite nam se.`,
      ],
      action: { label: 'Sigurnost prijave', url: link },
      footer: footer.hr,
    }),
  en: ({ name, product, resetLink, link }) =>
    composeMail({
      subject: `${product}: your password was changed`,
      greeting: `Dear ${name},`,
      paragraphs: [
        'the password of your client portal sign-in was just changed in the portal; every other session was signed out.',
        `If this was not you, request a new password at ${resetLink} at once and contact us.`,
      ],
      action: { label: 'Sign-in security', url: link },
      footer: footer.en,
    }),
};
