import { ClientAccount } from '../../domain/accounts/client-account.js';
import { Oib } from '../../domain/accounts/oib.js';
import { EmailAddress } from '../../domain/identity/email-address.js';
import { User } from '../../domain/identity/user.js';
import { StaffMember, type StaffRole } from '../../domain/staff/staff-member.js';
import type { Services } from '../shared/services.js';
import { seedCatalog } from '../catalog/demo-catalog.js';

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
  staff: [
    { email: 'admin@portal.test', password: 'Osoblje-lozinka-2026', name: 'Marko Admin', roles: ['admin'] as StaffRole[] },
    { email: 'podrska@portal.test', password: 'Osoblje-lozinka-2026', name: 'Iva Podrška', roles: ['support'] as StaffRole[] },
  ],
  /** The same secret for every demo staff member, so one authenticator entry serves them all. */
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
} as const;

/** First start on an empty database: a demo company with its owner, and staff. Never runs twice. */
export class SeedDemoData {
  constructor(private readonly deps: Pick<Services, 'uow' | 'clock' | 'ids' | 'hasher' | 'settings'>) {}

  async execute(): Promise<{ created: boolean; logins: DemoLogin[] }> {
    const base = this.deps.settings.appUrl;
    const logins: DemoLogin[] = [
      { who: 'client owner', url: `${base}/sign-in`, email: DEMO.owner.email, password: DEMO.owner.password },
      ...DEMO.staff.map((s) => ({ who: `staff ${s.roles.join(',')}`, url: `${base}/staff/sign-in`, email: s.email, password: s.password, totpSecret: DEMO.totpSecret })),
    ];
    const ownerHash = await this.deps.hasher.hash(DEMO.owner.password);
    const staffHash = await this.deps.hasher.hash(DEMO.staff[0].password);
    const created = await this.deps.uow.run(async (scope) => {
      if (await scope.users.findByEmail(DEMO.owner.email)) return false;
      const now = this.deps.clock.now();
      const owner = User.create({ id: this.deps.ids.newId(), email: mustEmail(DEMO.owner.email), name: DEMO.owner.name, locale: 'hr', now, passwordHash: ownerHash });
      await scope.users.add(owner);
      const oib = Oib.parse(DEMO.account.oib);
      if (!oib.ok) throw new Error('demo OIB is invalid');
      await scope.accounts.add(
        ClientAccount.open({
          id: this.deps.ids.newId(),
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
      for (const s of DEMO.staff) {
        if (await scope.staff.findByEmail(s.email)) continue;
        await scope.staff.add(
          StaffMember.create({ id: this.deps.ids.newId(), email: mustEmail(s.email), name: s.name, passwordHash: staffHash, totpSecret: DEMO.totpSecret, roles: s.roles, now }),
        );
      }
      return true;
    });
    await seedCatalog(this.deps);
    return { created, logins };
  }
}

function mustEmail(raw: string): EmailAddress {
  const parsed = EmailAddress.parse(raw);
  if (!parsed.ok) throw new Error(`demo address ${raw} is invalid`);
  return parsed.value;
}
