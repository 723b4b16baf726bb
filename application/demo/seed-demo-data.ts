import { ClientAccount } from '../../domain/accounts/client-account.js';
import { Oib } from '../../domain/accounts/oib.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { User } from '../../domain/identity/user.js';
import { Contact } from '../../domain/contacts/contact.js';
import { StaffMember, type StaffRole } from '../../domain/staff/staff-member.js';
import type { Services } from '../shared/services.js';
import { sealTotpSecret } from '../identity/totp-secret.js';
import { seedCatalog } from '../catalog/demo-catalog.js';
import { DecideOrder } from '../ordering/decide-order.js';
import { PlaceOrder } from '../ordering/place-order.js';
import { SYSTEM_META } from '../shared/request-meta.js';
import type { MarkdownRenderer } from '../ports/markdown-renderer.js';
import { seedHelp } from './seed-help.js';

export interface DemoLogin {
  readonly who: string;
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly totpSecret?: string;
}

export const DEMO = {
  owner: { email: 'vlasnik@demo-firma.hr', password: 'Demo-lozinka-2026', name: 'Ana Horvat' },
  account: { name: 'Demo Firma d.o.o.', oib: '87654321095' },
  /** A contact of the demo company who may read quotes and invoices and receives the billing mail. */
  contact: { email: 'racunovodstvo@demo-firma.hr', password: 'Demo-knjigovodstvo-2026', name: 'Petra Knjigovođa' },
  staff: [
    { email: 'admin@portal.test', password: 'Osoblje-lozinka-2026', name: 'Marko Admin', roles: ['admin'] as StaffRole[], oib: '33456789129' as string | null },
    { email: 'podrska@portal.test', password: 'Osoblje-lozinka-2026', name: 'Iva Podrška', roles: ['support'] as StaffRole[], oib: null },
    { email: 'provjera@portal.test', password: 'Osoblje-lozinka-2026', name: 'Luka Provjera', roles: ['verifier'] as StaffRole[], oib: null },
    { email: 'urednik@portal.test', password: 'Osoblje-lozinka-2026', name: 'Maja Urednik', roles: ['editor'] as StaffRole[], oib: null },
  ],
  /** The same secret for every demo staff member, so one authenticator entry serves them all. */
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
} as const;

/** First start on an empty database: a demo company with its owner, and staff. Never runs twice. */
export class SeedDemoData {
  constructor(
    private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'settings' | 'tokens' | 'rateLimiter' | 'secrets'>,
    /** With a renderer, the demo help centre is written too. */
    private readonly markdown?: MarkdownRenderer,
  ) {}

  private demoOrder(): Promise<void> {
    return placeAndAccept(this.deps);
  }

  async execute(): Promise<{ created: boolean; logins: DemoLogin[] }> {
    const base = this.deps.settings.appUrl;
    const logins: DemoLogin[] = [
      { who: 'client owner', url: `${base}/sign-in`, email: DEMO.owner.email, password: DEMO.owner.password },
      { who: 'billing contact', url: `${base}/sign-in`, email: DEMO.contact.email, password: DEMO.contact.password },
      ...DEMO.staff.map((s) => ({ who: `staff ${s.roles.join(',')}`, url: `${base}/staff/sign-in`, email: s.email, password: s.password, totpSecret: DEMO.totpSecret })),
    ];
    const ownerHash = await this.deps.hasher.hash(DEMO.owner.password);
    const contactHash = await this.deps.hasher.hash(DEMO.contact.password);
    const staffHash = await this.deps.hasher.hash(DEMO.staff[0].password);
    const created = await this.deps.uow.run(async (scope) => {
      if (await scope.users.findByEmail(DEMO.owner.email)) return false;
      const now = this.deps.clock.now();
      const owner = User.create({ id: this.deps.ids.newId(), email: mustEmail(DEMO.owner.email), name: DEMO.owner.name, locale: 'hr', now, passwordHash: ownerHash });
      await scope.users.add(owner);
      const oib = Oib.parse(DEMO.account.oib);
      if (!oib.ok) throw new Error('demo OIB is invalid');
      const accountId = this.deps.ids.newId();
      await scope.accounts.add(
        ClientAccount.open({
          id: accountId,
          entityType: 'doo',
          name: DEMO.account.name,
          oib: oib.value,
          email: mustEmail(DEMO.owner.email),
          phone: '+385 1 2345 678',
          street: 'Ilica 1',
          postalCode: '10000',
          city: 'Zagreb',
          ownerUserId: owner.id,
          now,
        }),
      );
      const person = User.create({ id: this.deps.ids.newId(), email: mustEmail(DEMO.contact.email), name: DEMO.contact.name, locale: 'hr', now, passwordHash: contactHash });
      await scope.users.add(person);
      const contact = Contact.add({ id: this.deps.ids.newId(), accountId, name: DEMO.contact.name, email: mustEmail(DEMO.contact.email), locale: 'hr', permissions: ['quotes', 'invoices'], scope: null, subscriptions: ['billing'], now });
      contact.accept(person.id, now);
      await scope.contacts.add(contact);
      for (const s of DEMO.staff) {
        if (await scope.staff.findByEmail(s.email)) continue;
        await scope.staff.add(
          StaffMember.create({ id: this.deps.ids.newId(), email: mustEmail(s.email), name: s.name, passwordHash: staffHash, totpSealed: sealTotpSecret(this.deps.secrets, DEMO.totpSecret), roles: s.roles, oib: s.oib, now }),
        );
      }
      return true;
    });
    await seedCatalog(this.deps);
    if (created) await this.demoOrder();
    if (this.markdown) {
      // A demo database made before the help centre existed gets its editor (and the articles) on the next start.
      const editor = DEMO.staff.find((s) => s.roles.includes('editor'))!;
      await this.deps.uow.run(async (scope) => {
        if (await scope.staff.findByEmail(editor.email)) return;
        await scope.staff.add(StaffMember.create({ id: this.deps.ids.newId(), email: mustEmail(editor.email), name: editor.name, passwordHash: staffHash, totpSealed: sealTotpSecret(this.deps.secrets, DEMO.totpSecret), roles: editor.roles, now: this.deps.clock.now() }));
      });
      await seedHelp(this.deps, this.markdown, editor.email);
    }
    return { created, logins };
  }
}

/** Runs the real flow once so the demo company has services, a domain and mail in its history. */
async function placeAndAccept(deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'tokens' | 'rateLimiter' | 'settings' | 'secrets'>): Promise<void> {
  const found = await deps.uow.run(async (scope) => {
    const owner = await scope.users.findByEmail(DEMO.owner.email);
    const admin = await scope.staff.findByEmail(DEMO.staff[0].email);
    const account = owner ? (await scope.accounts.listOwnedBy(owner.id))[0] : undefined;
    return owner && admin && account ? { owner, admin, account } : null;
  });
  if (!found) return;
  const actor = { kind: 'user' as const, userId: found.owner.id, memberships: [{ accountId: found.account.id, role: 'owner' as const, permissions: [] }] };
  const order = await new PlaceOrder(deps).asMember(actor, { accountId: found.account.id, items: [{ productCode: 'HOST-BIZ', domainName: 'demo-firma.hr' }, { productCode: 'DOM-HR', domainName: 'demo-firma.hr' }, { productCode: 'SSL-DV', domainName: 'demo-firma.hr' }] }, SYSTEM_META);
  if (!order.ok) throw new Error(`demo order failed: ${order.error.code}`);
  const accepted = await new DecideOrder(deps).accept({ kind: 'staff', staffId: found.admin.id, roles: found.admin.roles }, order.value.id, SYSTEM_META);
  if (!accepted.ok) throw new Error(`demo order could not be accepted: ${accepted.error.code}`);
}

function mustEmail(raw: string): EmailAddress {
  const parsed = EmailAddress.parse(raw);
  if (!parsed.ok) throw new Error(`demo address ${raw} is invalid`);
  return parsed.value;
}
