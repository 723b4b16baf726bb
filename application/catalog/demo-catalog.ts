import { Product, type ProductKind } from '../../domain/catalog/product.js';
import type { Services } from '../shared/services.js';

type Entry = Omit<Product, 'id' | 'name' | 'description' | 'needsDomainName' | 'active' | 'vatRatePercent' | 'periodMonths' | 'kpdCode' | 'unitCode'>;

/**
 * KPD 2025 (spec/KPD2025.xls): web hosting is 63.10.12 "Usluge internetskog poslužitelja" (web hosting services);
 * mailboxes, certificates and domain registrations are 63.10.13 "Ostale usluge poslužitelja i ostale usluge
 * povezane s IT infrastrukturom" (other hosting and IT infrastructure provisioning services).
 */
export const KPD_BY_KIND: Record<ProductKind, string> = { hosting: '63.10.12', mailbox: '63.10.13', ssl: '63.10.13', domain: '63.10.13' };

/** The catalog a new installation starts with: yearly prices in cents, without PDV (25 %). */
export const DEMO_CATALOG: readonly Entry[] = [
  { code: 'HOST-START', kind: 'hosting', nameHr: 'Web hosting Start', nameEn: 'Web hosting Start', descriptionHr: '5 GB prostora, 5 e-adresa, SSL', descriptionEn: '5 GB space, 5 mailboxes, SSL', priceCents: 4800, tld: null, sortOrder: 10 },
  { code: 'HOST-BIZ', kind: 'hosting', nameHr: 'Web hosting Business', nameEn: 'Web hosting Business', descriptionHr: '50 GB prostora, 50 e-adresa, dnevne kopije', descriptionEn: '50 GB space, 50 mailboxes, daily backups', priceCents: 14400, tld: null, sortOrder: 20 },
  { code: 'MAIL-BOX', kind: 'mailbox', nameHr: 'Poslovni e-mail sandučić', nameEn: 'Business mailbox', descriptionHr: '25 GB, IMAP i webmail', descriptionEn: '25 GB, IMAP and webmail', priceCents: 2400, tld: null, sortOrder: 30 },
  { code: 'SSL-DV', kind: 'ssl', nameHr: 'SSL certifikat DV', nameEn: 'SSL certificate DV', descriptionHr: 'Provjera domene, jedna domena', descriptionEn: 'Domain validated, one domain', priceCents: 3900, tld: null, sortOrder: 40 },
  { code: 'DOM-HR', kind: 'domain', nameHr: 'Domena .hr', nameEn: '.hr domain', descriptionHr: 'Registracija na godinu dana; nositelj mora imati OIB', descriptionEn: 'One year; the holder needs an OIB', priceCents: 1990, tld: 'hr', sortOrder: 50 },
  { code: 'DOM-COMHR', kind: 'domain', nameHr: 'Domena .com.hr', nameEn: '.com.hr domain', descriptionHr: 'Registracija na godinu dana; nositelj mora imati OIB', descriptionEn: 'One year; the holder needs an OIB', priceCents: 1590, tld: 'com.hr', sortOrder: 60 },
  { code: 'DOM-COM', kind: 'domain', nameHr: 'Domena .com', nameEn: '.com domain', descriptionHr: 'Registracija na godinu dana', descriptionEn: 'One year', priceCents: 1490, tld: 'com', sortOrder: 70 },
  { code: 'DOM-EU', kind: 'domain', nameHr: 'Domena .eu', nameEn: '.eu domain', descriptionHr: 'Registracija na godinu dana', descriptionEn: 'One year', priceCents: 1290, tld: 'eu', sortOrder: 80 },
];

/** Adds every demo product that is not there yet. */
export async function seedCatalog(deps: Pick<Services, 'uow' | 'ids'>): Promise<number> {
  return deps.uow.run(async (scope) => {
    const existing = new Set((await scope.products.findByCodes(DEMO_CATALOG.map((p) => p.code))).map((p) => p.code));
    let added = 0;
    for (const entry of DEMO_CATALOG) {
      if (existing.has(entry.code)) continue;
      await scope.products.add(Product.define({ ...entry, id: deps.ids.newId(), periodMonths: 12, vatRatePercent: 25, kpdCode: KPD_BY_KIND[entry.kind], unitCode: 'ANN', active: true }));
      added += 1;
    }
    return added;
  });
}
