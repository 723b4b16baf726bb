import { formatEuro, totalsOf } from '../../domain/billing/money.js';
import type { OrderLine } from '../../domain/ordering/order.js';
import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

function summary(lines: readonly OrderLine[], locale: 'hr' | 'en'): string[] {
  const totals = totalsOf(lines);
  const items = lines.map((l) => `• ${l.name} — ${l.domainName}: ${formatEuro(l.unitPriceCents * l.quantity)}`);
  return locale === 'hr'
    ? [...items, `Osnovica ${formatEuro(totals.netCents)}, PDV ${formatEuro(totals.vatCents)}, ukupno ${formatEuro(totals.grossCents)}.`]
    : [...items, `Net ${formatEuro(totals.netCents)}, VAT ${formatEuro(totals.vatCents)}, total ${formatEuro(totals.grossCents)}.`];
}

interface OrderArgs {
  name: string;
  product: string;
  orderNumber: string;
  quoteNumber: string;
  lines: readonly OrderLine[];
  link: string;
}

export const welcomeMail: Localized<OrderArgs> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: narudžba ${a.orderNumber} i pristup portalu`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [
        `zaprimili smo vašu narudžbu ${a.orderNumber}. Ponuda ${a.quoteNumber} čeka vas na portalu za klijente.`,
        ...summary(a.lines, 'hr'),
        'Za vas smo otvorili korisnički račun na portalu. Postavite lozinku putem poveznice ispod: vrijedi 7 dana i može se upotrijebiti jednom. Lozinku nikada ne šaljemo e-poštom.',
      ],
      action: { label: 'Postavite lozinku', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: order ${a.orderNumber} and portal access`,
      greeting: `Dear ${a.name},`,
      paragraphs: [
        `we have received your order ${a.orderNumber}. Quote ${a.quoteNumber} is waiting for you in the client portal.`,
        ...summary(a.lines, 'en'),
        'We opened a portal account for you. Set your password with the link below: it is valid for 7 days and works once. We never send passwords by email.',
      ],
      action: { label: 'Set your password', url: a.link },
      footer: footer.en,
    }),
};

export const orderReceivedMail: Localized<OrderArgs> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: zaprimljena narudžba ${a.orderNumber}`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [`zaprimili smo narudžbu ${a.orderNumber}. Ponuda ${a.quoteNumber} je na portalu.`, ...summary(a.lines, 'hr')],
      action: { label: 'Otvorite portal', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: order ${a.orderNumber} received`,
      greeting: `Dear ${a.name},`,
      paragraphs: [`we have received order ${a.orderNumber}. Quote ${a.quoteNumber} is in the portal.`, ...summary(a.lines, 'en')],
      action: { label: 'Open the portal', url: a.link },
      footer: footer.en,
    }),
};

export const existingOibMail: Localized<{ name: string; product: string; link: string }> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: narudžba za vaš OIB`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [
        'netko je na javnom obrascu naručio usluge navodeći OIB vašeg korisničkog računa. Novi račun nismo otvorili.',
        'Ako ste to bili vi, prijavite se na portal i naručite odande, ili pričekajte da vas kontaktiramo. Ako niste, ne morate ništa poduzeti.',
      ],
      action: { label: 'Prijava na portal', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: an order for your OIB`,
      greeting: `Dear ${a.name},`,
      paragraphs: [
        'someone used the public order form with the OIB of your client account. We did not open a new account.',
        'If it was you, sign in to the portal and order from there, or wait for us to contact you. If it was not, there is nothing to do.',
      ],
      action: { label: 'Sign in', url: a.link },
      footer: footer.en,
    }),
};

export const orderAcceptedMail: Localized<{ name: string; product: string; orderNumber: string; link: string }> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: narudžba ${a.orderNumber} je aktivirana`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [
        `vaša narudžba ${a.orderNumber} je prihvaćena i usluge su aktivne.`,
        'Početne pristupne podatke (korisničko ime, lozinku i poslužitelj) pronaći ćete na portalu, na stranici svake usluge. Iz sigurnosnih razloga ne šaljemo ih e-poštom.',
      ],
      action: { label: 'Vaše usluge', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: order ${a.orderNumber} is active`,
      greeting: `Dear ${a.name},`,
      paragraphs: [
        `your order ${a.orderNumber} was accepted and the services are active.`,
        'The initial access data (username, password and server) is in the portal, on the page of each service. For your safety we do not send it by email.',
      ],
      action: { label: 'Your services', url: a.link },
      footer: footer.en,
    }),
};

export const orderRejectedMail: Localized<{ name: string; product: string; orderNumber: string; reason: string; link: string }> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: narudžba ${a.orderNumber} nije prihvaćena`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [`nažalost, narudžbu ${a.orderNumber} nismo mogli prihvatiti.`, `Razlog: ${a.reason}`],
      action: { label: 'Portal za klijente', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: order ${a.orderNumber} was not accepted`,
      greeting: `Dear ${a.name},`,
      paragraphs: [`unfortunately we could not accept order ${a.orderNumber}.`, `Reason: ${a.reason}`],
      action: { label: 'Client portal', url: a.link },
      footer: footer.en,
    }),
};
