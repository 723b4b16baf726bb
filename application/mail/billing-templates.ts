import { formatEuro } from '../../domain/billing/money.js';
import { composeMail, type Localized } from './mail-content.js';

const footer = {
  hr: 'Ova poruka poslana je automatski s portala za klijente. Ne odgovarajte na nju.',
  en: 'This message was sent automatically by the client portal. Please do not reply.',
};

interface DocumentArgs {
  name: string;
  product: string;
  number: string;
  grossCents: number;
  balanceCents: number;
  link: string;
}

export const invoiceIssuedMail: Localized<DocumentArgs & { credit: boolean }> = {
  hr: (a) =>
    composeMail({
      subject: `${a.product}: ${a.credit ? 'odobrenje' : 'račun'} ${a.number}`,
      greeting: `Poštovani/a ${a.name},`,
      paragraphs: [
        a.credit ? `izdali smo odobrenje ${a.number} na iznos ${formatEuro(a.grossCents)}.` : `izdali smo račun ${a.number} na iznos ${formatEuro(a.grossCents)}.`,
        a.balanceCents > 0 ? `Preostalo za platiti: ${formatEuro(a.balanceCents)}.` : a.balanceCents < 0 ? `Uplatili ste ${formatEuro(-a.balanceCents)} više; iznos ćemo vratiti ili uračunati.` : 'Račun je plaćen. Hvala!',
      ],
      action: { label: 'Pogledajte dokument', url: a.link },
      footer: footer.hr,
    }),
  en: (a) =>
    composeMail({
      subject: `${a.product}: ${a.credit ? 'credit note' : 'invoice'} ${a.number}`,
      greeting: `Dear ${a.name},`,
      paragraphs: [
        `we have issued ${a.credit ? 'credit note' : 'invoice'} ${a.number} for ${formatEuro(a.grossCents)}.`,
        a.balanceCents > 0 ? `Still to pay: ${formatEuro(a.balanceCents)}.` : a.balanceCents < 0 ? `You paid ${formatEuro(-a.balanceCents)} too much; we will refund or credit it.` : 'The invoice is paid. Thank you!',
      ],
      action: { label: 'See the document', url: a.link },
      footer: footer.en,
    }),
};

interface RenewalArgs {
  name: string;
  product: string;
  item: string;
  expires: string;
  quoteNumber: string;
  grossCents: number;
  reference: string;
  iban: string;
  link: string;
}

const payLine = {
  hr: (a: RenewalArgs) => `Uplatite ${formatEuro(a.grossCents)} na IBAN ${a.iban}, model i poziv na broj ${a.reference}.`,
  en: (a: RenewalArgs) => `Pay ${formatEuro(a.grossCents)} to IBAN ${a.iban}, model and reference ${a.reference}.`,
};

export const renewalMails: Record<'quote' | 'remind' | 'suspend' | 'cancel', Localized<RenewalArgs>> = {
  quote: {
    hr: (a) => composeMail({ subject: `${a.product}: ponuda ${a.quoteNumber} za produženje — ${a.item}`, greeting: `Poštovani/a ${a.name},`, paragraphs: [`${a.item} istječe ${a.expires}. Za produženje vam šaljemo ponudu ${a.quoteNumber}.`, payLine.hr(a), 'Ako ponuda ne bude plaćena, usluga se nakon isteka privremeno isključuje, a zatim ukida.'], action: { label: 'Ponude na portalu', url: a.link }, footer: 'Ova poruka poslana je automatski s portala za klijente.' }),
    en: (a) => composeMail({ subject: `${a.product}: renewal quote ${a.quoteNumber} — ${a.item}`, greeting: `Dear ${a.name},`, paragraphs: [`${a.item} expires on ${a.expires}. To renew it, here is quote ${a.quoteNumber}.`, payLine.en(a), 'If the quote is not paid, the service is suspended at expiry and cancelled after that.'], action: { label: 'Quotes in the portal', url: a.link }, footer: 'This message was sent automatically by the client portal.' }),
  },
  remind: {
    hr: (a) => composeMail({ subject: `${a.product}: podsjetnik — ${a.item} istječe ${a.expires}`, greeting: `Poštovani/a ${a.name},`, paragraphs: [`ponuda ${a.quoteNumber} za produženje još nije plaćena, a ${a.item} istječe ${a.expires}.`, payLine.hr(a)], action: { label: 'Ponude na portalu', url: a.link }, footer: 'Ova poruka poslana je automatski s portala za klijente.' }),
    en: (a) => composeMail({ subject: `${a.product}: reminder — ${a.item} expires on ${a.expires}`, greeting: `Dear ${a.name},`, paragraphs: [`renewal quote ${a.quoteNumber} is not paid yet, and ${a.item} expires on ${a.expires}.`, payLine.en(a)], action: { label: 'Quotes in the portal', url: a.link }, footer: 'This message was sent automatically by the client portal.' }),
  },
  suspend: {
    hr: (a) => composeMail({ subject: `${a.product}: ${a.item} je privremeno isključen`, greeting: `Poštovani/a ${a.name},`, paragraphs: [`${a.item} je istekao ${a.expires} bez uplate po ponudi ${a.quoteNumber} i privremeno je isključen.`, payLine.hr(a), 'Nakon uplate uslugu odmah uključujemo; bez uplate bit će ukinuta.'], action: { label: 'Ponude na portalu', url: a.link }, footer: 'Ova poruka poslana je automatski s portala za klijente.' }),
    en: (a) => composeMail({ subject: `${a.product}: ${a.item} is suspended`, greeting: `Dear ${a.name},`, paragraphs: [`${a.item} expired on ${a.expires} without payment of quote ${a.quoteNumber} and is suspended.`, payLine.en(a), 'We switch it back on as soon as it is paid; unpaid, it will be cancelled.'], action: { label: 'Quotes in the portal', url: a.link }, footer: 'This message was sent automatically by the client portal.' }),
  },
  cancel: {
    hr: (a) => composeMail({ subject: `${a.product}: ${a.item} je ukinut`, greeting: `Poštovani/a ${a.name},`, paragraphs: [`ponuda ${a.quoteNumber} nije plaćena ni nakon isteka roka, pa je ${a.item} ukinut.`, 'Ako ga želite ponovno, naručite ga na portalu.'], action: { label: 'Portal za klijente', url: a.link }, footer: 'Ova poruka poslana je automatski s portala za klijente.' }),
    en: (a) => composeMail({ subject: `${a.product}: ${a.item} is cancelled`, greeting: `Dear ${a.name},`, paragraphs: [`quote ${a.quoteNumber} was not paid after the grace period, so ${a.item} is cancelled.`, 'To have it again, order it in the portal.'], action: { label: 'Client portal', url: a.link }, footer: 'This message was sent automatically by the client portal.' }),
  },
};
