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
