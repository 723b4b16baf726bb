import { beforeEach, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { AccountPortfolio } from '../../application/ordering/account-portfolio.js';
import { DecideOrder } from '../../application/ordering/decide-order.js';
import { PlaceOrder, type NewCustomer } from '../../application/ordering/place-order.js';
import { ResetPassword } from '../../application/identity/reset-password.js';
import { formatEuro, totalsOf, vatOf } from '../../domain/billing/money.js';
import { DomainName } from '../../domain/ordering/domain-name.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { givenOwner, givenStaff, uniqueOib } from '../support/builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

let portal: InMemoryPortal;
beforeEach(async () => {
  portal = inMemoryPortal();
  await seedCatalog(portal.services);
});

const customer = (over: Partial<NewCustomer> = {}): NewCustomer => ({
  entityType: 'doo',
  name: 'Nova Firma d.o.o.',
  oib: uniqueOib(),
  email: 'nova@firma.hr',
  phone: '+385 91 123 4567',
  street: 'Vukovarska 10',
  postalCode: '21000',
  city: 'Split',
  acceptTerms: true,
  ...over,
});
const ownerActor = (userId: string, accountId: string): Actor => ({ kind: 'user', userId, memberships: [{ accountId, role: 'owner', permissions: [] }] });

describe('money and names', () => {
  it('rounds PDV half up per rate, on the sum of the lines', () => {
    expect(vatOf(1990, 25)).toBe(498);
    expect(vatOf(2, 25)).toBe(1);
    expect(vatOf(1, 25)).toBe(0);
    const totals = totalsOf([
      { unitPriceCents: 1990, quantity: 1, vatRatePercent: 25 },
      { unitPriceCents: 1990, quantity: 1, vatRatePercent: 25 },
      { unitPriceCents: 1000, quantity: 3, vatRatePercent: 13 },
    ]);
    expect(totals).toEqual({ netCents: 6980, vatCents: 995 + 390, grossCents: 6980 + 1385, byRate: [{ ratePercent: 25, netCents: 3980, vatCents: 995 }, { ratePercent: 13, netCents: 3000, vatCents: 390 }] });
    expect(formatEuro(totals.grossCents)).toBe('83,65 €');
  });

  it('accepts our TLDs with Croatian letters and refuses the rest', () => {
    expect(DomainName.parse('Čokolada.HR').ok).toBe(true);
    expect(DomainName.parse('moja-firma.com.hr').ok && DomainName.parse('moja-firma.com.hr')).toMatchObject({ value: { tld: 'com.hr', label: 'moja-firma' } });
    for (const bad of ['firma.de', '-firma.hr', 'firma-.hr', 'a.hr', 'sub.firma.hr', 'fir ma.com', 'xn--a.hr', '']) expect(DomainName.parse(bad).ok, bad).toBe(false);
    expect(DomainName.parse('firma.hr').ok && DomainName.parse('firma.hr')).toMatchObject({ value: { value: 'firma.hr' } });
  });
});

describe('public order', () => {
  it('creates order, account, owner and quote in one go, and mails a 7-day link to set the password', async () => {
    const c = customer();
    const result = await new PlaceOrder(portal.services).asNewcomer({ items: [{ productCode: 'HOST-START', domainName: 'nova-firma.hr' }, { productCode: 'DOM-HR', domainName: 'nova-firma.hr' }], customer: c }, META);
    expect(result).toMatchObject({ ok: true, value: { received: true, number: expect.stringMatching(/^N-\d{4}-\d{6}$/u), grossCents: expect.any(Number) } });
    const [account] = [...portal.store.accounts.values()];
    const [order] = [...portal.store.orders.values()];
    const [quote] = [...portal.store.quotes.values()];
    expect(account?.oib).toBe(c.oib);
    expect(order).toMatchObject({ accountId: account?.id, status: 'pending', number: 'N-2026-000001' });
    expect(order?.lines.map((l) => [l.productCode, l.holderOib])).toEqual([['HOST-START', null], ['DOM-HR', c.oib]]);
    expect(quote).toMatchObject({ number: 'P-2026-000001', netCents: 6790, vatCents: 1698, grossCents: 8488 });
    await portal.worker.drain();
    const mail = portal.mailer.sent[0]!;
    expect(mail.to).toBe('nova@firma.hr');
    expect(mail.text).toContain('N-2026-000001');
    expect(mail.text).not.toMatch(/lozinka:\s*\S+/iu);
    const token = /\/password-reset\/([a-z2-7]+)/u.exec(mail.text)![1]!;
    portal.clock.advance(6 * 86_400_000);
    expect(await new ResetPassword(portal.services).isUsable(token)).toBe(true);
    portal.clock.advance(86_400_000);
    expect(await new ResetPassword(portal.services).isUsable(token)).toBe(false);
  });

  it('never opens a second account for a known OIB, answers the same, and mails the known address', async () => {
    const { account } = await givenOwner(portal.services, { email: 'stari@firma.hr' });
    const place = new PlaceOrder(portal.services);
    const result = await place.asNewcomer({ items: [{ productCode: 'DOM-COM', domainName: 'nesto.com' }], customer: customer({ oib: account.oib, email: 'napadac@example.com' }) }, META);
    expect(result).toMatchObject({ ok: true, value: { received: true, number: expect.stringMatching(/^N-\d{4}-\d{6}$/u), grossCents: expect.any(Number) } });
    expect(portal.store.accounts.size).toBe(1);
    const [order] = [...portal.store.orders.values()];
    expect(order).toMatchObject({ accountId: null, unlinkedCustomer: { email: 'napadac@example.com', oib: account.oib } });
    await portal.worker.drain();
    expect(portal.mailer.sent.map((m) => m.to)).toEqual(['stari@firma.hr']);
  });

  it('refuses bad input field by field and leaves nothing behind', async () => {
    const place = new PlaceOrder(portal.services);
    const cases: Array<[Parameters<PlaceOrder['asNewcomer']>[0], string, string]> = [
      [{ items: [{ productCode: 'DOM-HR', domainName: 'x.hr' }], customer: customer({ oib: '12345678901' }) }, 'oib.check_digit', 'customer.oib'],
      [{ items: [{ productCode: 'DOM-HR', domainName: 'firma.com' }], customer: customer() }, 'domain.tld_mismatch', 'items.0.domainName'],
      [{ items: [{ productCode: 'NOPE', domainName: 'firma.hr' }], customer: customer() }, 'order.unknown_product', 'items.0.productCode'],
      [{ items: [], customer: customer() }, 'order.empty', 'items'],
      [{ items: [{ productCode: 'DOM-HR', domainName: 'a.hr' }, { productCode: 'DOM-HR', domainName: 'a.hr' }], customer: customer() }, 'domain.invalid', 'items.0.domainName'],
      [{ items: [{ productCode: 'DOM-EU', domainName: 'ab.eu' }, { productCode: 'DOM-EU', domainName: 'ab.eu' }], customer: customer() }, 'domain.duplicate', 'items.1.domainName'],
      [{ items: [{ productCode: 'DOM-HR', domainName: 'ok.hr' }], customer: customer({ acceptTerms: false }) }, 'customer.terms', 'customer.acceptTerms'],
      [{ items: [{ productCode: 'DOM-HR', domainName: 'ok.hr' }], customer: customer({ postalCode: '1000' }) }, 'customer.postal_code', 'customer.postalCode'],
    ];
    for (const [input, code, field] of cases) {
      const result = await place.asNewcomer(input, META);
      expect(result.ok, code).toBe(false);
      if (!result.ok) expect([result.error.code, 'field' in result.error ? result.error.field : null]).toEqual([code, field]);
    }
    expect([portal.store.orders.size, portal.store.accounts.size, portal.store.users.size, portal.store.mails.size]).toEqual([0, 0, 0, 0]);
  });

  it('leaves nothing half-done when the transaction fails midway', async () => {
    const quotes = (portal.services.uow as unknown as { scope: { quotes: { add: () => Promise<void> } } }).scope.quotes;
    const original = quotes.add;
    quotes.add = async () => {
      throw new Error('disk full');
    };
    await expect(new PlaceOrder(portal.services).asNewcomer({ items: [{ productCode: 'DOM-HR', domainName: 'pad.hr' }], customer: customer() }, META)).rejects.toThrow('disk full');
    quotes.add = original;
    expect([portal.store.orders.size, portal.store.accounts.size, portal.store.users.size, portal.store.mails.size, portal.store.jobs.length]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('ordering from the portal, staff decisions and access data', () => {
  it('orders for the own account once per Idempotency-Key, and not for another account', async () => {
    const ana = await givenOwner(portal.services);
    const ivo = await givenOwner(portal.services);
    const place = new PlaceOrder(portal.services);
    const actor = ownerActor(ana.user.id, ana.account.id);
    const first = await place.asMember(actor, { accountId: ana.account.id, items: [{ productCode: 'MAIL-BOX', domainName: 'ana.hr' }], idempotencyKey: 'abc-1' }, META);
    const again = await place.asMember(actor, { accountId: ana.account.id, items: [{ productCode: 'MAIL-BOX', domainName: 'ana.hr' }], idempotencyKey: 'abc-1' }, META);
    expect(first.ok && again.ok && first.value.id === again.value.id).toBe(true);
    expect(portal.store.orders.size).toBe(1);
    const foreign = await place.asMember(actor, { accountId: ivo.account.id, items: [{ productCode: 'MAIL-BOX', domainName: 'ana.hr' }] }, META);
    expect(!foreign.ok && foreign.error.kind).toBe('forbidden');
    const contact: Actor = { kind: 'user', userId: 'c1', memberships: [{ accountId: ana.account.id, role: 'contact', permissions: ['invoices'] }] };
    expect((await place.asMember(contact, { accountId: ana.account.id, items: [{ productCode: 'MAIL-BOX', domainName: 'ana.hr' }] }, META)).ok).toBe(false);
  });

  it('staff accept: services and domains appear, access data is sealed and revealed only with the right, and audited', async () => {
    const ana = await givenOwner(portal.services);
    const actor = ownerActor(ana.user.id, ana.account.id);
    const placed = await new PlaceOrder(portal.services).asMember(actor, { accountId: ana.account.id, items: [{ productCode: 'HOST-BIZ', domainName: 'ana-web.hr' }, { productCode: 'DOM-HR', domainName: 'ana-web.hr' }] }, META);
    if (!placed.ok) throw new Error('order failed');
    const support = await givenStaff(portal.services, ['support']);
    const verifier = await givenStaff(portal.services, ['verifier']);
    const decide = new DecideOrder(portal.services);
    expect((await decide.accept({ kind: 'staff', staffId: verifier.id, roles: ['verifier'] }, placed.value.id, META)).ok).toBe(false);
    const staffActor: Actor = { kind: 'staff', staffId: support.id, roles: ['support'] };
    expect((await decide.accept(staffActor, placed.value.id, META)).ok).toBe(true);
    const twice = await decide.accept(staffActor, placed.value.id, META);
    expect(!twice.ok && twice.error.code).toBe('order.already_decided');

    const [service] = [...portal.store.services.values()];
    const [domain] = [...portal.store.domains.values()];
    expect(service).toMatchObject({ status: 'active', domainName: 'ana-web.hr', kind: 'hosting' });
    expect(service!.expiresAt.getTime() - service!.activatedAt.getTime()).toBeGreaterThan(364 * 86_400_000);
    expect(service!.sealedCredentials).toMatch(/^v1\.test\./u);
    expect(domain).toMatchObject({ name: 'ana-web.hr', nameservers: ['ns1.test.hr', 'ns2.test.hr'] });

    const portfolio = new AccountPortfolio(portal.services);
    const revealed = await portfolio.revealCredentials(actor, ana.account.id, service!.id, META);
    expect(revealed.ok && revealed.value.host).toBe('server1.test.hr');
    expect(revealed.ok && revealed.value.password).toMatch(/^[a-z2-7]{20}$/u);
    expect(service!.sealedCredentials).not.toContain(revealed.ok ? revealed.value.password : 'x');
    expect(portal.store.audit.some((e) => e.action === 'service.credentials_revealed' && e.actorId === ana.user.id)).toBe(true);
    const noRight: Actor = { kind: 'user', userId: 'c2', memberships: [{ accountId: ana.account.id, role: 'contact', permissions: ['services'] }] };
    expect((await portfolio.revealCredentials(noRight, ana.account.id, service!.id, META)).ok).toBe(false);
    expect((await portfolio.service(noRight, ana.account.id, service!.id)).ok && (await portfolio.service(noRight, ana.account.id, service!.id))).toMatchObject({ value: { mayReveal: false } });
    const ivo = await givenOwner(portal.services);
    const probe = await portfolio.revealCredentials(ownerActor(ivo.user.id, ivo.account.id), ivo.account.id, service!.id, META);
    expect(!probe.ok && probe.error.kind).toBe('not_found');

    const overview = await portfolio.overview(actor, ana.account.id);
    expect(overview.ok && overview.value.services?.length).toBe(1);
    expect(overview.ok && overview.value.openQuotes?.length).toBe(1);
    portal.clock.advance(320 * 86_400_000);
    const later = await portfolio.overview(actor, ana.account.id);
    expect(later.ok && later.value.renewals.map((r) => r.kind).sort()).toEqual(['domain', 'service']);
    await portal.worker.drain();
    expect(portal.mailer.sent.some((m) => m.subject.includes('aktivirana'))).toBe(true);
  });

  it('an unlinked order cannot be accepted until staff link it; staff reject with a reason', async () => {
    const { account } = await givenOwner(portal.services);
    await new PlaceOrder(portal.services).asNewcomer({ items: [{ productCode: 'DOM-EU', domainName: 'x1.eu' }], customer: customer({ oib: account.oib }) }, META);
    const [order] = [...portal.store.orders.values()];
    const admin = await givenStaff(portal.services, ['admin']);
    const staffActor: Actor = { kind: 'staff', staffId: admin.id, roles: ['admin'] };
    const decide = new DecideOrder(portal.services);
    const accept = await decide.accept(staffActor, order!.id, META);
    expect(!accept.ok && accept.error.code).toBe('order.unlinked');
    const linked = await decide.link(staffActor, order!.id, META);
    expect(linked.ok && linked.value.accountId).toBe(account.id);
    expect([...portal.store.quotes.values()].map((q) => q.accountId)).toEqual([account.id]);
    const again = await decide.link(staffActor, order!.id, META);
    expect(!again.ok && again.error.code).toBe('order.already_linked');
    const noReason = await decide.reject(staffActor, order!.id, ' ', META);
    expect(!noReason.ok && noReason.error.code).toBe('order.reason');
    expect((await decide.reject(staffActor, order!.id, 'Duplicate order', META)).ok).toBe(true);
    expect(portal.store.orders.get(order!.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Duplicate order' });
  });

  it('refuses a domain held already, at order time with the name; a second accepted order for one name is a conflict, not a crash', async () => {
    const { user, account } = await givenOwner(portal.services);
    const { user: otherUser, account: other } = await givenOwner(portal.services);
    const place = new PlaceOrder(portal.services);
    const admin = await givenStaff(portal.services, ['admin']);
    const staffActor: Actor = { kind: 'staff', staffId: admin.id, roles: ['admin'] };
    const decide = new DecideOrder(portal.services);
    const first = await place.asMember(ownerActor(user.id, account.id), { accountId: account.id, items: [{ productCode: 'DOM-HR', domainName: 'jedina.hr' }] }, META);
    const second = await place.asMember(ownerActor(otherUser.id, other.id), { accountId: other.id, items: [{ productCode: 'DOM-HR', domainName: 'jedina.hr' }] }, META);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect((await decide.accept(staffActor, first.value.id, META)).ok).toBe(true);
    expect(await decide.accept(staffActor, second.value.id, META)).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'domain.taken', details: { domain: 'jedina.hr' } } });
    // Now that it is held, ordering it is refused at once, on the row that names it, for a member and a newcomer alike.
    const items = [{ productCode: 'HOST-START', domainName: 'nova-firma.hr' }, { productCode: 'DOM-HR', domainName: 'JEDINA.hr' }];
    expect(await place.asMember(ownerActor(otherUser.id, other.id), { accountId: other.id, items }, META)).toMatchObject({ ok: false, error: { code: 'domain.taken', field: 'items.1.domainName', details: { domain: 'jedina.hr' } } });
    const before = portal.store.orders.size;
    expect(await place.asNewcomer({ items, customer: customer() }, META)).toMatchObject({ ok: false, error: { code: 'domain.taken' } });
    expect(portal.store.orders.size).toBe(before);
  });
});
