import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

export const passwordResetMail: Localized<{ name: string; link: string; product: string }> = {
  hr: ({ name, link, product }) =>
    composeMail({
      subject: `${product}: nova lozinka`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        'zatražena je nova lozinka za vaš pristup portalu za klijente.',
        'Poveznica vrijedi jedan sat i može se upotrijebiti samo jednom. Ako niste vi zatražili novu lozinku, zanemarite ovu poruku: vaša lozinka ostaje ista.',
      ],
      action: { label: 'Postavite novu lozinku', url: link },
      footer: footer.hr,
    }),
  en: ({ name, link, product }) =>
    composeMail({
      subject: `${product}: new password`,
      greeting: `Dear ${name},`,
      paragraphs: [
        'a new password was requested for your client portal sign-in.',
        'The link is valid for one hour and works only once. If you did not ask for it, ignore this message: your password stays the same.',
      ],
      action: { label: 'Set a new password', url: link },
      footer: footer.en,
    }),
};

/** An API token still working on an account of the person whose password changed, and where to revoke it. */
export interface LiveToken {
  readonly name: string;
  readonly account: string;
  readonly revokeLink: string;
}

const tokenLines = (tokens: readonly LiveToken[]) => tokens.map((t) => `• ${t.name} (${t.account}): ${t.revokeLink}`).join('\n');

export const passwordChangedMail: Localized<{ name: string; product: string; signInLink: string; resetLink: string; tokens: readonly LiveToken[] }> = {
  hr: ({ name, product, signInLink, resetLink, tokens }) =>
    composeMail({
      subject: `${product}: lozinka je promijenjena`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        'lozinka za vaš pristup portalu za klijente upravo je promijenjena i sve su prijave odjavljene.',
        `Ako to niste bili vi, odmah zatražite novu lozinku na ${resetLink} i javite nam se.`,
        ...(tokens.length
          ? [`API ključevi i dalje rade, jer ne ovise o lozinci. Ako neki od njih ne prepoznajete, opozovite ga:\n${tokenLines(tokens)}`]
          : []),
      ],
      action: { label: 'Prijava', url: signInLink },
      footer: footer.hr,
    }),
  en: ({ name, product, signInLink, resetLink, tokens }) =>
    composeMail({
      subject: `${product}: your password was changed`,
      greeting: `Dear ${name},`,
      paragraphs: [
        'the password of your client portal sign-in was just changed and every session was signed out.',
        `If this was not you, request a new password at ${resetLink} at once and contact us.`,
        ...(tokens.length ? [`API keys keep working, as they do not depend on the password. If you do not recognise one, revoke it:\n${tokenLines(tokens)}`] : []),
      ],
      action: { label: 'Sign in', url: signInLink },
      footer: footer.en,
    }),
};

export const signInAttackMail: Localized<{ name: string; product: string; resetLink: string; securityLink: string }> = {
  hr: ({ name, product, resetLink, securityLink }) =>
    composeMail({
      subject: `${product}: mnogo neuspjelih prijava s vašom e-adresom`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        'u posljednjih sat vremena netko je mnogo puta pokušao prijavu s vašom e-adresom i pogrešnom lozinkom. Prijava s drugih mjesta i dalje vam radi; pokušaji s mjesta napada su zaustavljeni.',
        `Ako to niste bili vi, postavite dugu, jedinstvenu lozinku (${resetLink}) i uključite dvofaktorsku prijavu (${securityLink}).`,
      ],
      action: { label: 'Sigurnost prijave', url: securityLink },
      footer: footer.hr,
    }),
  en: ({ name, product, resetLink, securityLink }) =>
    composeMail({
      subject: `${product}: many failed sign-ins to your account`,
      greeting: `Dear ${name},`,
      paragraphs: [
        'in the last hour someone tried many times to sign in with your address and a wrong password. You can still sign in from elsewhere; the attempts from where the attack comes are being stopped.',
        `If this was not you, set a long, unique password (${resetLink}) and switch on two-factor sign-in (${securityLink}).`,
      ],
      action: { label: 'Sign-in security', url: securityLink },
      footer: footer.en,
    }),
};
