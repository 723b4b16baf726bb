import { beforeEach, describe, expect, it } from 'vitest';
import { ClientDirectory, classify } from '../../application/backoffice/client-directory.js';
import { ManageContacts } from '../../application/contacts/manage-contacts.js';
import { ManageProfile } from '../../application/profile/manage-profile.js';
import { PlaceOrder } from '../../application/ordering/place-order.js';
import { seedCatalog } from '../../application/catalog/demo-catalog.js';
import { ServiceActions } from '../../application/services/service-actions.js';
import { Tickets } from '../../application/support/tickets.js';
import type { Actor, Membership } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { HostedService, RegisteredDomain } from '../../domain/services/hosted-service.js';
import { actionFor, parseRequest } from '../../domain/support/ticket-request.js';
import { givenContact, givenOwner, givenStaff } from '../support/builders.js';
import { PDF, EXE } from '../support/documents.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

const SERVICE = '11111111-1111-4111-8111-111111111111';
const DOMAIN = '22222222-2222-4222-8222-222222222222';

describe('typed requests', () => {
  it('read only the fields their kind needs and refuse what is missing or malformed', () => {
    expect(parseRequest('service.cancel', { serviceId: SERVICE, extra: 'x' })).toEqual({ ok: true, value: { kind: 'service.cancel', serviceId: SERVICE } });
    expect(parseRequest('domain.nameservers', { domainId: DOMAIN, nameservers: 'NS1.Primjer.hr, ns2.primjer.hr' })).toEqual({ ok: true, value: { kind: 'domain.nameservers', domainId: DOMAIN, nameservers: ['ns1.primjer.hr', 'ns2.primjer.hr'] } });
    expect(parseRequest('domain.nameservers', { domainId: DOMAIN, nameservers: 'ns1.primjer.hr' }).ok).toBe(false);
    expect(parseRequest('domain.nameservers', { domainId: DOMAIN, nameservers: 'ns1.primjer.hr -bad-.hr' }).ok).toBe(false);
    expect(parseRequest('service.cancel', { serviceId: 'not-a-uuid' }).ok).toBe(false);
    expect(parseRequest('rm -rf', {})).toMatchObject({ ok: false, error: { code: 'request.kind' } });
  });

  it('ask the same policy question as the direct action, so a scoped contact may request only for its own items', () => {
    const scoped: Actor = { kind: 'user', userId: 'u', memberships: [{ accountId: 'A', role: 'contact', permissions: ['services.manage', 'domains.manage', 'tickets'], scope: { serviceIds: [SERVICE], domainIds: [] } }] };
    const cancel = (serviceId: string) => can(scoped, actionFor('A', { kind: 'service.cancel', serviceId }));
    expect(cancel(SERVICE)).toEqual({ allowed: true, grantedBy: 'services.manage' });
    expect(cancel('33333333-3333-4333-8333-333333333333')).toEqual({ allowed: false, reason: 'out_of_scope' });
    expect(can(scoped, actionFor('A', { kind: 'domain.transfer_code', domainId: DOMAIN }))).toEqual({ allowed: false, reason: 'out_of_scope' });
    expect(can(scoped, actionFor('A', { kind: 'order', productCode: 'DOM-HR', domainName: 'x.hr' }))).toEqual({ allowed: false, reason: 'missing_permission' });
    expect(can(scoped, actionFor('A', { kind: 'profile.change', name: '', street: '', postalCode: '', city: '', phone: '' }))).toEqual({ allowed: false, reason: 'missing_permission' });
    const owner: Actor = { kind: 'user', userId: 'o', memberships: [{ accountId: 'A', role: 'owner', permissions: [] }] };
    expect(can(owner, actionFor('A', { kind: 'credentials.resend', serviceId: SERVICE }))).toEqual({ allowed: true, grantedBy: 'owner' });
  });

  it('classifies the staff search: OIB, address, domain or name', () => {
    expect(classify('87654321095')).toEqual({ by: 'oib', value: '87654321095' });
    expect(classify(' Ana@Firma.hr ')).toEqual({ by: 'email', value: 'ana@firma.hr' });
    expect(classify('demo-firma.hr')).toEqual({ by: 'domain', value: 'demo-firma.hr' });
    expect(classify('Demo Firma')).toEqual({ by: 'name', value: 'demo firma' });
    expect(classify('x')).toBeNull();
  });
});

let portal: InMemoryPortal;
let tickets: Tickets;
let serviceActions: ServiceActions;
beforeEach(async () => {
  portal = inMemoryPortal();
  await seedCatalog(portal.services);
  serviceActions = new ServiceActions(portal.services);
  tickets = new Tickets(portal.services, { serviceActions, profile: new ManageProfile(portal.services), placeOrder: new PlaceOrder(portal.services) });
});

async function givenItems(accountId: string, names: string[]) {
  const now = portal.clock.now();
  const items = names.map((n) => ({
    service: HostedService.activate({ id: portal.services.ids.newId(), accountId, orderId: portal.services.ids.newId(), productId: portal.services.ids.newId(), productCode: 'HOST-START', kind: 'hosting', name: 'Web hosting Start', domainName: n, periodMonths: 12, sealedCredentials: portal.services.secrets.seal(JSON.stringify({ username: 'u', password: 'p', host: 'h' })), now }),
    domain: RegisteredDomain.register({ id: portal.services.ids.newId(), accountId, orderId: portal.services.ids.newId(), name: n, periodMonths: 12, nameservers: ['ns1.test.hr', 'ns2.test.hr'], now }),
  }));
  await portal.services.uow.run(async (scope) => {
    for (const i of items) {
      await scope.services.add(i.service);
      await scope.domains.add(i.domain);
    }
  });
  return items;
}

const memberOf = (userId: string, m: Membership): Actor => ({ kind: 'user', userId, memberships: [m] });
const ticket = (kind: string | null, fields: Record<string, unknown> = {}) => ({ subject: 'Otkaz hostinga', department: 'technical', priority: 'normal', body: 'Molim otkaz.', request: kind ? { kind, fields } : null });

describe('tickets and their requests', () => {
  it('offers a scoped contact only its own items; refuses a request outside the scope; staff carry out the allowed one by the same use case', async () => {
    const { account } = await givenOwner(portal.services);
    const [mine, other] = await givenItems(account.id, ['moja.hr', 'tudja.hr']);
    const { user, contact } = await givenContact(portal.services, account.id, { permissions: ['services', 'services.manage', 'tickets'], scope: { serviceIds: [mine!.service.id], domainIds: [] }, subscriptions: ['support'] });
    const actor = memberOf(user.id, { accountId: account.id, role: 'contact', permissions: contact.permissions, scope: contact.scope() });
    const options = await tickets.options(actor, account.id);
    expect(options.ok && [options.value.kinds, options.value.manageableServices.map((s) => s.domainName), options.value.manageableDomains]).toEqual([['service.change', 'service.cancel'], ['moja.hr'], []]);
    expect(await tickets.open(actor, account.id, ticket('service.cancel', { serviceId: other!.service.id }), META)).toMatchObject({ ok: false, error: { code: 'request.not_allowed' } });
    expect(await tickets.open(actor, account.id, ticket('domain.transfer_code', { domainId: mine!.domain.id }), META)).toMatchObject({ ok: false, error: { code: 'request.not_allowed' } });
    expect(portal.store.tickets.size).toBe(0);

    const support = await givenStaff(portal.services, ['support']);
    const verifier = await givenStaff(portal.services, ['verifier']);
    const opened = await tickets.open(actor, account.id, { ...ticket('service.cancel', { serviceId: mine!.service.id }), attachment: { name: 'dopis.pdf', content: PDF } }, META);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.number).toMatch(/^T-2026-\d{6}$/u);
    const staff: Actor = { kind: 'staff', staffId: support.id, roles: support.roles };
    const view = await tickets.staffShow(staff, opened.value.id);
    expect(view.ok && [view.value.verdict, view.value.attachments.map((a) => a.type)]).toEqual([{ allowed: true, grantedBy: 'services.manage' }, ['application/pdf']]);
    const mailsTo = [...portal.store.mails.values()].map((m) => m.to);
    expect(mailsTo).toEqual(expect.arrayContaining([support.email, user.email, account.email]));
    expect(mailsTo).not.toContain(verifier.email);

    const carried = await tickets.carryOut(staff, opened.value.id, META);
    expect(carried.ok && [carried.value.requestStatus, carried.value.requestOutcome]).toEqual(['done', 'services.manage']);
    expect(portal.store.services.get(mine!.service.id)!.status).toBe('cancelled');
    expect(portal.store.services.get(other!.service.id)!.status).toBe('active');
    expect(await tickets.carryOut(staff, opened.value.id, META)).toMatchObject({ ok: false, error: { code: 'request.not_pending' } });
    const actions = portal.store.audit.map((e) => [e.action, e.actorId]);
    expect(actions).toEqual(expect.arrayContaining([['service.cancelled', user.id], ['staff.request_carried_out', support.id]]));
  });

  it('refuses to carry out a request whose requester lost the right after filing; the ticket shows why', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const [item] = await givenItems(account.id, ['prva.hr']);
    const { user, contact } = await givenContact(portal.services, account.id, { permissions: ['domains', 'domains.manage', 'tickets'] });
    const actor = memberOf(user.id, { accountId: account.id, role: 'contact', permissions: contact.permissions });
    const opened = await tickets.open(actor, account.id, ticket('domain.nameservers', { domainId: item!.domain.id, nameservers: 'ns1.novi.hr ns2.novi.hr' }), META);
    if (!opened.ok) throw new Error(opened.error.code);
    const ownerActor = memberOf(owner.id, { accountId: account.id, role: 'owner', permissions: [] });
    await new ManageContacts(portal.services).update(ownerActor, account.id, contact.id, { name: contact.name, permissions: ['domains', 'tickets'], scope: 'account', serviceIds: [], domainIds: [], subscriptions: [] }, META);
    const admin = await givenStaff(portal.services, ['admin']);
    const staff: Actor = { kind: 'staff', staffId: admin.id, roles: admin.roles };
    const view = await tickets.staffShow(staff, opened.value.id);
    expect(view.ok && view.value.verdict).toEqual({ allowed: false, reason: 'missing_permission' });
    expect(await tickets.carryOut(staff, opened.value.id, META)).toMatchObject({ ok: false, error: { code: 'request.not_authorized' } });
    expect(portal.store.domains.get(item!.domain.id)!.nameservers).toEqual(['ns1.test.hr', 'ns2.test.hr']);
    expect((await tickets.decline(staff, opened.value.id, 'Podnositelj više nema pravo.', META)).ok).toBe(true);
    const verifier = await givenStaff(portal.services, ['verifier']);
    expect(await tickets.staffShow({ kind: 'staff', staffId: verifier.id, roles: verifier.roles }, opened.value.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('carries out an order request once, even when staff press twice after a failure in between', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const actor = memberOf(owner.id, { accountId: account.id, role: 'owner', permissions: [] });
    const opened = await tickets.open(actor, account.id, ticket('mailbox.add', { domainName: 'firma-posta.hr' }), META);
    if (!opened.ok) throw new Error(opened.error.code);
    const admin = await givenStaff(portal.services, ['support']);
    const staff: Actor = { kind: 'staff', staffId: admin.id, roles: admin.roles };
    expect((await tickets.carryOut(staff, opened.value.id, META)).ok).toBe(true);
    // The order committed but the ticket's record did not (a crash between the two transactions): staff press again.
    const stored = portal.store.tickets.get(opened.value.id)!;
    Object.assign(stored, { requestStatus: 'pending', requestDecidedAt: null, requestDecidedByStaffId: null, requestOutcome: null });
    expect((await tickets.carryOut(staff, opened.value.id, META)).ok).toBe(true);
    const orders = [...portal.store.orders.values()].filter((o) => o.accountId === account.id);
    expect(orders.map((o) => [o.lines[0]?.productCode, o.idempotencyKey])).toEqual([['MAIL-BOX', `ticket:${opened.value.id}`]]);
  });

  it('refuses a forged attachment, another account, a contact without the tickets right, and empty messages', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const { account: other } = await givenOwner(portal.services);
    const actor = memberOf(owner.id, { accountId: account.id, role: 'owner', permissions: [] });
    expect(await tickets.open(actor, account.id, { ...ticket(null), attachment: { name: 'x.pdf', content: EXE } }, META)).toMatchObject({ ok: false, error: { code: 'document.type' } });
    expect(await tickets.open(actor, other.id, ticket(null), META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const { user } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    expect(await tickets.open(memberOf(user.id, { accountId: account.id, role: 'contact', permissions: ['invoices'] }), account.id, ticket(null), META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const opened = await tickets.open(actor, account.id, ticket(null), META);
    if (!opened.ok) throw new Error('open failed');
    expect(await tickets.reply(actor, account.id, opened.value.id, { body: ' ' }, META)).toMatchObject({ ok: false, error: { code: 'ticket.body' } });
    const stranger = memberOf(owner.id, { accountId: other.id, role: 'owner', permissions: [] });
    expect(await tickets.show(stranger, other.id, opened.value.id)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(portal.store.tickets.size).toBe(1);
  });

  it('keeps an Idempotency-Key to its caller: another member resending it gets its own ticket, never the first one', async () => {
    const { user: owner, account } = await givenOwner(portal.services);
    const [mine] = await givenItems(account.id, ['moja-usluga.hr']);
    const ownerActor = memberOf(owner.id, { accountId: account.id, role: 'owner', permissions: [] });
    const { user: scopedUser } = await givenContact(portal.services, account.id, { permissions: ['tickets', 'services.manage'], scope: { serviceIds: [mine!.service.id], domainIds: [] } });
    const scoped = memberOf(scopedUser.id, { accountId: account.id, role: 'contact', permissions: ['tickets', 'services.manage'], scope: { serviceIds: [mine!.service.id], domainIds: [] } });
    const input = { ...ticket(null), idempotencyKey: 'kljuc-1' };
    const first = await tickets.open(ownerActor, account.id, input, META);
    expect(first.ok).toBe(true);
    expect((await tickets.open(ownerActor, account.id, input, META)).ok && portal.store.tickets.size).toBe(1);
    // The very same request and key from a contact who may not read the owner's ticket.
    const again = await tickets.open(scoped, account.id, input, META);
    expect(again.ok && first.ok && again.value.id !== first.value.id).toBe(true);
    expect(portal.store.tickets.size).toBe(2);
  });
});

describe('staff back office', () => {
  it('finds clients by name, OIB, address of a contact and domain; counts only the queues a role works', async () => {
    const { account } = await givenOwner(portal.services, { email: 'ured@pekara.hr' });
    await givenItems(account.id, ['pekara-zlatko.hr']);
    await givenContact(portal.services, account.id, { email: 'knjigovodja@racuni.hr' });
    const admin = await givenStaff(portal.services, ['admin']);
    const directory = new ClientDirectory(portal.services);
    const actor: Actor = { kind: 'staff', staffId: admin.id, roles: admin.roles };
    for (const q of [account.name.slice(0, 6), account.oib, 'ured@pek', 'knjigovodja@', 'pekara-zlatko.hr']) {
      const found = await directory.search(actor, q);
      expect(found.ok && found.value.map((a) => a.id), q).toEqual([account.id]);
    }
    expect(await directory.search(actor, 'x')).toMatchObject({ ok: false, error: { code: 'search.query' } });
    expect(await directory.search({ kind: 'user', userId: 'u', memberships: [] }, account.oib)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const picture = await directory.view(actor, account.id, 'summary');
    expect(picture.ok && [picture.value.services.length, picture.value.domains.length, picture.value.contacts.length]).toEqual([1, 1, 1]);
    const verifier = await givenStaff(portal.services, ['verifier']);
    expect(await directory.counts({ kind: 'staff', staffId: verifier.id, roles: verifier.roles })).toEqual({ orders: null, payments: null, emailChanges: 0, tickets: null, undeliveredMail: null, deliveries: null });
    expect(await directory.counts(actor)).toEqual({ orders: 0, payments: 0, emailChanges: 0, tickets: 0, undeliveredMail: 0, deliveries: { waitingFiscal: 0, needingAction: 0 } });
  });
});
