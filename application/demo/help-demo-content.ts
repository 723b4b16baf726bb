/** The demo help centre: the topics a client of a hosting company asks about, written for this portal. */
export interface DemoArticle {
  readonly category: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly keywords: string;
  readonly body: string;
  readonly related: readonly string[];
}

export const DEMO_CATEGORIES = [
  { slug: 'portal', nameHr: 'Portal za klijente', nameEn: 'Client portal', descriptionHr: 'Što sve možete na portalu i kako nam šaljete zahtjeve.', descriptionEn: 'What you can do in the portal, and how you send us requests.' },
  { slug: 'prijava-i-lozinka', nameHr: 'Prijava i lozinka', nameEn: 'Signing in', descriptionHr: 'Pristup portalu, nova lozinka, dvostruka provjera.', descriptionEn: 'Getting in, a new password, two-step sign-in.' },
  { slug: 'podaci-i-kontakti', nameHr: 'Podaci o klijentu i kontakti', nameEn: 'Client details and contacts', descriptionHr: 'Naziv, adresa, e-adresa računa i osobe koje smiju djelovati za vas.', descriptionEn: 'Name, address, the account’s email and the people who may act for you.' },
  { slug: 'usluge', nameHr: 'Usluge i pristupni podaci', nameEn: 'Services and access data', descriptionHr: 'Gdje su korisničko ime i lozinka za hosting, e-poštu i ostale usluge.', descriptionEn: 'Where to find the username and password of hosting, mail and other services.' },
] as const;

export const DEMO_ARTICLES_HR: readonly DemoArticle[] = [
  {
    category: 'portal',
    slug: 'portal-za-klijente',
    title: 'Portal za klijente',
    summary: 'Što vidite i što možete učiniti nakon prijave, u bilo koje doba dana.',
    keywords: 'portal, korisnički račun, narudžba, ponude, računi',
    body: `Korisnički račun za portal otvara se sam kad prvi put naručite neku našu uslugu ili domenu. Na e-adresu iz narudžbe stiže poruka s poveznicom kojom postavljate svoju lozinku — lozinku vam nikad ne šaljemo e-poštom.

## Što je na portalu

- **Usluge i domene** koje koristite, s datumom isteka i stanjem.
- **Ponude i računi** s uplatnicom (HUB-3) i PDF-om za preuzimanje.
- **Pristupni podaci** svake usluge (vidi članak o pristupnim podacima).
- **Podaci o klijentu**: naziv, adresa i telefon tvrtke, udruge, obrta ili osobe.
- **Kontakti**: osobe koje smiju pratiti cijelo poslovanje ili samo njegov dio.
- **Podrška**: zahtjevi koje naše osoblje rješava.

## Zašto su točni podaci važni

Sve obavijesti, ponude i račune šaljemo na e-adrese upisane na portalu. Ako adresa više ne radi, lako propustite ponudu za produženje pa usluga istekne. Zato podatke čim se promijene ažurirajte sami, a e-adresu računa promijenite postupkom opisanim u zasebnom članku.`,
    related: ['zahtjevi-i-ovlasti', 'azuriranje-podataka', 'kontakt-osobe'],
  },
  {
    category: 'portal',
    slug: 'zahtjevi-i-ovlasti',
    title: 'Zahtjevi i ovlasti: zašto sve ide kroz portal',
    summary: 'Promjene izvršavamo samo kad ih zatraži netko tko za to ima ovlast, prijavljen na portal.',
    keywords: 'tiket, zahtjev, podrška, ovlasti, autentičnost',
    body: `Promjenu na računu, domeni ili usluzi, otkaz, nove pristupne podatke ili novi e-mail sandučić zatražite u dijelu **Podrška** kao novi zahtjev. Obrazac nudi samo one radnje koje smijete zatražiti.

Zahtjev izvršavamo tek kad provjerimo da račun koji ga je poslao ima tu ovlast — vlasnik računa ili kontakt osoba kojoj je vlasnik dao to pravo. Prijava na portal je dokaz identiteta; zato zahtjev poslan običnom e-poštom ne možemo izvršiti, koliko god hitan bio.

Ovaj članak vrijedi i za kontakt osobe: one vide i traže samo ono što im je vlasnik dopustio.`,
    related: ['portal-za-klijente', 'kontakt-osobe'],
  },
  {
    category: 'prijava-i-lozinka',
    slug: 'zaboravljena-lozinka',
    title: 'Zaboravljena lozinka',
    summary: 'Novu lozinku postavljate sami, poveznicom koja stiže na vašu e-adresu.',
    keywords: 'lozinka, šifra, prijava, reset, zaboravio sam lozinku',
    body: `1. Na stranici za prijavu odaberite **Zaboravili ste lozinku?** (ili otvorite [stranicu za novu lozinku](/password-reset)).
2. Upišite e-adresu s kojom se prijavljujete.
3. U poruci koja stigne otvorite poveznicu i dvaput upišite novu lozinku.

Poveznica vrijedi jedan sat i može se upotrijebiti samo jednom. Nakon promjene odjavljeni ste sa svih ostalih uređaja.

Ne stiže poruka? Provjerite mapu neželjene pošte. Iz sigurnosnih razloga odgovor je isti bez obzira na to postoji li adresa kod nas, pa provjerite jeste li upisali baš onu adresu kojom se prijavljujete. Ako toj adresi više nemate pristup, pogledajte članak o promjeni e-adrese računa.`,
    related: ['promjena-e-adrese', 'portal-za-klijente'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'azuriranje-podataka',
    title: 'Ažuriranje podataka',
    summary: 'Naziv, adresu i telefon mijenjate sami; OIB se ne mijenja nikad.',
    keywords: 'podaci, OIB, adresa, telefon, naziv tvrtke, profil',
    body: `U dijelu **Podaci o klijentu** vlasnik računa (i kontakt s pravom na podatke) mijenja naziv, adresu i telefon. Svaka promjena se bilježi i o njoj šaljemo poruku na e-adresu računa.

## Zašto se OIB ne može promijeniti

OIB je trajna oznaka osobe ili pravnog subjekta i po njemu vas vodimo u svim ponudama i računima. Novi OIB znači novog klijenta: ako je npr. obrt postao d.o.o., javite nam se kroz podršku pa ćemo usluge prenijeti na novi račun.

## E-adresa računa

E-adresu računa ne mijenjate u ovom obrascu, jer se na nju šalje sve važno. Postupak je opisan u članku o promjeni e-adrese.

Neko polje je zaključano? Zaključalo ga je naše osoblje (npr. dok traje provjera); zatražite promjenu kroz podršku.`,
    related: ['promjena-e-adrese', 'kontakt-osobe'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'promjena-e-adrese',
    title: 'Promjena e-adrese računa',
    summary: 'Nova adresa potvrđuje se poveznicom, a naše osoblje provjerava dokument.',
    keywords: 'e-mail, email, e-adresa, memorandum, osobna iskaznica, putovnica',
    body: `Na e-adresu računa šaljemo ponude, račune i upozorenja prije isteka usluga, pa je ne može promijeniti bilo tko.

## Imate pristup portalu

U **Podaci o klijentu** odaberite **Promijeni e-adresu**, upišite novu adresu, svoju lozinku i priložite dokument:

- tvrtka, udruga ili obrt: **memorandum s potpisom i pečatom** u kojem je navedena nova adresa;
- fizička osoba: **preslika osobne iskaznice ili putovnice**.

## Nemate pristup staroj adresi

Na stranici [promjena e-adrese](/email-change) upišite OIB klijenta, novu adresu i priložite isti dokument.

U oba slučaja nova adresa mora potvrditi poveznicu, stara adresa dobiva obavijest (i može zaustaviti zahtjev), a promjenu odobrava naše osoblje nakon provjere dokumenta.`,
    related: ['azuriranje-podataka', 'zaboravljena-lozinka'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'kontakt-osobe',
    title: 'Kontakt osobe',
    summary: 'Vlasnik računa dodaje osobe i bira što smiju vidjeti i tražiti te koje poruke primaju.',
    keywords: 'kontakt, računovodstvo, prava, pretplate, pozivnica',
    body: `U dijelu **Kontakti** vlasnik računa dodaje osobe koje smiju djelovati za klijenta. Za svaku bira:

- **prava** — npr. samo ponude i računi za knjigovodstvo, ili usluge i domene za administratora;
- **opseg** — cijeli račun ili samo odabrane usluge i domene;
- **poruke** koje prima — opće obavijesti, računi, usluge, domene, podrška.

Osoba koja treba pristup portalu dobiva pozivnicu e-poštom (vrijedi 7 dana); osoba koja samo prima poruke ne treba prijavu. Prava se mogu promijeniti ili oduzeti u svakom trenutku i promjena vrijedi odmah.`,
    related: ['zahtjevi-i-ovlasti', 'azuriranje-podataka'],
  },
  {
    category: 'usluge',
    slug: 'pristupni-podaci-usluge',
    title: 'Pristupni podaci usluge',
    summary: 'Korisničko ime i lozinka usluge nalaze se na stranici usluge, a poruka dobrodošlice u e-porukama.',
    keywords: 'korisničko ime, lozinka, username, password, hosting, FTP, pristupni podaci',
    body: `Početne pristupne podatke (korisničko ime, lozinku i poslužitelj) svake usluge vidite ovako:

1. Otvorite **Usluge** i odaberite uslugu.
2. U odjeljku **Pristupni podaci** odaberite **Prikaži pristupne podatke**.

Podatke vide samo vlasnik i kontakti kojima je vlasnik dao pravo na pristupne podatke te usluge, a svako prikazivanje se bilježi. Pristupne podatke ne šaljemo e-poštom.

Sve poruke koje smo vam poslali (dobrodošlica, ponude, obavijesti) možete ponovno pročitati u dijelu **E-poruke**.

Trebate nove pristupne podatke? Zatražite ih u dijelu **Podrška** (zahtjev „Novi pristupni podaci”).`,
    related: ['portal-za-klijente', 'kontakt-osobe'],
  },
];

export const DEMO_ARTICLES_EN: readonly DemoArticle[] = [
  {
    category: 'portal',
    slug: 'client-portal',
    title: 'The client portal',
    summary: 'What you see and what you can do once signed in, at any hour.',
    keywords: 'portal, account, order, quotes, invoices',
    body: `Your portal account is opened the first time you order one of our services or domains. The address given with the order receives a link to set your own password — we never send a password by email.

## What is in the portal

- **Services and domains** you use, with their status and expiry date.
- **Quotes and invoices**, with the payment slip (HUB-3) and a PDF.
- **Access data** of each service (see the article on access data).
- **Client details**: the name, address and phone of your company, association, craft or yourself.
- **Contacts**: people who may follow all of your business or only a part of it.
- **Support**: requests our staff work on.

## Why correct details matter

Every notice, quote and invoice goes to the addresses in the portal. If an address stops working you may miss a renewal quote and the service expires. Keep your details up to date, and change the account's email as described in its own article.`,
    related: ['requests-and-authority', 'updating-your-details', 'contact-persons'],
  },
  {
    category: 'portal',
    slug: 'requests-and-authority',
    title: 'Requests and authority: why everything goes through the portal',
    summary: 'We carry out a change only when someone with the authority for it asks, signed in.',
    keywords: 'ticket, request, support, authority',
    body: `Ask for a change to your account, a domain or a service, a cancellation, new access data or a new mailbox under **Support** as a new request. The form offers only what you may ask for.

We carry out a request only after checking that the account that sent it holds that authority — the account owner, or a contact the owner gave that right. Signing in to the portal is the proof of identity, so a request sent by plain email cannot be carried out, however urgent.`,
    related: ['client-portal', 'contact-persons'],
  },
  {
    category: 'prijava-i-lozinka',
    slug: 'forgotten-password',
    title: 'Forgotten password',
    summary: 'You set a new password yourself, with a link sent to your email address.',
    keywords: 'password, sign in, reset, forgot',
    body: `1. On the sign-in page choose **Forgot your password?** (or open the [new password page](/password-reset)).
2. Enter the address you sign in with.
3. Open the link in the message and enter the new password twice.

The link works for one hour and only once. After the change you are signed out everywhere else.

No message? Look in the spam folder. For your safety the answer is the same whether or not we know the address, so check that you entered the one you sign in with. If you no longer have that mailbox, see the article on changing the account's email address.`,
    related: ['changing-the-email-address', 'client-portal'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'updating-your-details',
    title: 'Updating your details',
    summary: 'You change the name, address and phone yourself; the OIB never changes.',
    keywords: 'details, OIB, address, phone, company name, profile',
    body: `Under **Client details** the account owner (and a contact with the details right) changes the name, address and phone. Every change is recorded and mailed to the account's address.

## Why the OIB cannot change

The OIB is the permanent number of a person or a legal entity, and every quote and invoice carries it. A new OIB means a new client: if, say, your craft became a company, tell us through support and we will move the services to the new account.

## The account's email address

The account's email is not changed in this form, because everything important goes there. See the article on changing the email address.`,
    related: ['changing-the-email-address', 'contact-persons'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'changing-the-email-address',
    title: 'Changing the account’s email address',
    summary: 'The new address confirms a link, and our staff check a document.',
    keywords: 'email, e-mail, memorandum, identity card, passport',
    body: `Quotes, invoices and expiry warnings go to the account's email address, so not just anybody may change it.

## You can sign in

Under **Client details** choose **Change email address**, enter the new address and your password, and attach a document:

- company, association or craft: a **memorandum with signature and stamp** naming the new address;
- a natural person: a **copy of the identity card or passport**.

## You lost the old mailbox

On the [email change page](/email-change) enter the client's OIB, the new address and attach the same document.

Either way the new address must confirm a link, the old address is told (and can stop the request), and our staff approve the change after checking the document.`,
    related: ['updating-your-details', 'forgotten-password'],
  },
  {
    category: 'podaci-i-kontakti',
    slug: 'contact-persons',
    title: 'Contact persons',
    summary: 'The account owner adds people and chooses what they may see and ask for, and which mail they get.',
    keywords: 'contact, accounting, rights, subscriptions, invitation',
    body: `Under **Contacts** the account owner adds the people who may act for the client, and for each chooses:

- **rights** — only quotes and invoices for the bookkeeper, or services and domains for the administrator;
- **scope** — the whole account, or only chosen services and domains;
- **mail** — general notices, billing, services, domains, support.

A person who needs to sign in gets an invitation by email (valid 7 days); someone who only receives mail needs no sign-in. Rights can be changed or taken away at any time, with immediate effect.`,
    related: ['requests-and-authority', 'updating-your-details'],
  },
  {
    category: 'usluge',
    slug: 'service-access-data',
    title: 'A service’s access data',
    summary: 'The username and password of a service are on its page; the welcome mail is under Emails.',
    keywords: 'username, password, hosting, FTP, access data, credentials',
    body: `To see the first access data (username, password and server) of a service:

1. Open **Services** and choose the service.
2. Under **Access data** choose **Show access data**.

Only the owner, and contacts the owner gave the access data right for that service, can see them, and every time they are shown is recorded. We never send access data by email.

Every message we sent you (welcome, quotes, notices) can be read again under **Emails**. Need new access data? Ask under **Support** ("New access data").`,
    related: ['client-portal', 'contact-persons'],
  },
];
