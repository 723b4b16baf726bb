import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

export const invitationMail: Localized<{ name: string; inviter: string; account: string; product: string; link: string; expires: string }> = {
  hr: ({ name, inviter, account, product, link, expires }) =>
    composeMail({
      subject: `${product}: poziv u portal za klijente (${account})`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        `${inviter} poziva vas da u portalu za klijente postupate u ime klijenta ${account}.`,
        `Poveznica vrijedi do ${expires} i može se upotrijebiti samo jednom. Ako ne očekujete ovaj poziv, zanemarite poruku.`,
      ],
      action: { label: 'Prihvatite poziv', url: link },
      footer: footer.hr,
    }),
  en: ({ name, inviter, account, product, link, expires }) =>
    composeMail({
      subject: `${product}: invitation to the client portal (${account})`,
      greeting: `Dear ${name},`,
      paragraphs: [
        `${inviter} invites you to act for ${account} in the client portal.`,
        `The link is valid until ${expires} and works only once. If you did not expect this invitation, ignore this message.`,
      ],
      action: { label: 'Accept the invitation', url: link },
      footer: footer.en,
    }),
};

export const twoFactorChangedMail: Localized<{ name: string; product: string; enabled: boolean; link: string }> = {
  hr: ({ name, product, enabled, link }) =>
    composeMail({
      subject: `${product}: dvofaktorska prijava je ${enabled ? 'uključena' : 'isključena'}`,
      greeting: `Poštovani/a ${name},`,
      paragraphs: [
        enabled ? 'za vašu prijavu u portal sada se uz lozinku traži i kod iz aplikacije za autentifikaciju.' : 'za vašu prijavu u portal više se ne traži kod iz aplikacije za autentifikaciju.',
        'Ako to niste bili vi, odmah promijenite lozinku i javite nam se.',
      ],
      action: { label: 'Sigurnost prijave', url: link },
      footer: footer.hr,
    }),
  en: ({ name, product, enabled, link }) =>
    composeMail({
      subject: `${product}: two-factor sign-in ${enabled ? 'enabled' : 'disabled'}`,
      greeting: `Dear ${name},`,
      paragraphs: [
        enabled ? 'signing in to the portal now takes a code from your authenticator app besides the password.' : 'signing in to the portal no longer takes a code from your authenticator app.',
        'If this was not you, change your password at once and contact us.',
      ],
      action: { label: 'Sign-in security', url: link },
      footer: footer.en,
    }),
};
