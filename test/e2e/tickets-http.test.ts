import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenContact, givenOwner } from '../support/builders.js';
import { EXE, PNG } from '../support/documents.js';
import { httpClient } from '../support/http-client.js';
import { countQueries } from '../support/query-count.js';
import { multipart, portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

const signedIn = (address: string) => signedInAs(app, address);
const form = (fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) => multipart(fields, file && { field: 'attachment', ...file });

async function accountWithHosting() {
  const { user, account } = await givenOwner(portal.services);
  const useCases = buildUseCases(portal.services, { database: portal.database });
  const owner = { kind: 'user' as const, userId: user.id, memberships: [{ accountId: account.id, role: 'owner' as const, permissions: [] }] };
  const label = `podrska-${account.id.slice(0, 8)}`;
  const order = await useCases.placeOrder.asMember(owner, { accountId: account.id, items: [{ productCode: 'HOST-START', domainName: `${label}.hr` }, { productCode: 'DOM-HR', domainName: `${label}.hr` }] }, META);
  if (!order.ok) throw new Error(order.error.code);
  const [admin] = await portal.sql<{ id: string }>("insert into staff_members (id, email, name, password_hash, totp_sealed, last_totp_step, roles, active, created_at) values (gen_random_uuid(), $1, 'A', 'x', 'JBSWY3DPEHPK3PXP', 0, '{admin}', true, now()) returning id", [`a-${label}@portal.test`]);
  const accepted = await useCases.decideOrder.accept({ kind: 'staff', staffId: admin!.id, roles: ['admin'] }, order.value.id, META);
  if (!accepted.ok) throw new Error(accepted.error.code);
  const [service] = await portal.sql<{ id: string }>('select id from services where account_id = $1', [account.id]);
  const [domain] = await portal.sql<{ id: string }>('select id from domains where account_id = $1', [account.id]);
  return { user, account, label, serviceId: service!.id, domainId: domain!.id };
}

describe('tickets over HTTP', () => {
  it('opens a ticket with a PNG, staff answer and carry out a nameserver request; files are served with no-store', async () => {
    const { user, account, domainId, label } = await accountWithHosting();
    const client = await signedIn(user.email);
    const newPage = await (await client.get(`/accounts/${account.id}/tickets/new`)).text();
    expect(newPage).toContain('value="domain.nameservers"');
    const opened = await client.post(`/accounts/${account.id}/tickets`, {
      multipart: form({ subject: 'Novi DNS', department: 'technical', priority: 'high', kind: 'domain.nameservers', domainId, nameservers: 'ns1.cloudflare.com ns2.cloudflare.com', body: 'Molim promjenu.' }, { bytes: PNG, name: 'snimka.png', type: 'image/png' }),
    });
    expect(opened.status).toBe(303);
    const ticketPath = opened.headers.get('location')!.split('?')[0]!;
    const ticketId = ticketPath.split('/').at(-1)!;
    const page = await (await client.get(ticketPath)).text();
    const fileHref = /href="([^"]+\/files\/[0-9a-f-]{36})"/u.exec(page)![1]!;
    const file = await client.get(fileHref);
    expect([file.status, file.headers.get('content-type'), file.headers.get('cache-control'), file.headers.get('x-content-type-options')]).toEqual([200, 'image/png', 'no-store', 'nosniff']);
    expect((await httpClient(app).get(fileHref)).status).toBe(303);

    const staff = await staffClientFor(portal, app, ['support']);
    expect(await (await staff.get('/staff')).text()).toMatch(/Zahtjeva za podršku na čekanju: [1-9]/u);
    const staffPage = await (await staff.get(`/staff/tickets/${ticketId}`)).text();
    expect(staffPage).toContain('data-verdict="allowed"');
    expect(staffPage).toContain(`<strong data-target="true">${label}.hr</strong>`);
    expect(staffPage).toContain('vlasnik korisničkog računa');
    expect((await staff.post(`/staff/tickets/${ticketId}/carry-out`, { form: {} })).status).toBe(303);
    const [domain] = await portal.sql<{ nameservers: string[] }>('select nameservers from domains where id = $1', [domainId]);
    expect(domain!.nameservers).toEqual(['ns1.cloudflare.com', 'ns2.cloudflare.com']);
    expect((await staff.post(`/staff/tickets/${ticketId}/carry-out`, { form: {} })).status).toBe(409);
    expect((await staff.post(`/staff/tickets/${ticketId}/messages`, { multipart: form({ body: 'Promijenjeno.', close: 'on' }) })).status).toBe(303);
    const [row] = await portal.sql<{ status: string; request_status: string }>('select status, request_status from tickets where id = $1', [ticketId]);
    expect([row!.status, row!.request_status]).toEqual(['closed', 'done']);
    await portal.catcher.waitFor((m) => m.to.includes(user.email) && m.text.includes('Promijenjeno.'));
  });

  it('shows a contact scoped to a domain only the tickets about it and its own: not another\'s ticket, file, or reply', async () => {
    const { user, account, serviceId, domainId } = await accountWithHosting();
    const { user: scoped } = await givenContact(portal.services, account.id, { permissions: ['tickets', 'domains', 'domains.manage', 'emails'], scope: { serviceIds: [], domainIds: [domainId] }, subscriptions: ['support'] });
    const owner = await signedIn(user.email);
    const aboutService = await owner.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Otkaz hostinga', department: 'technical', priority: 'normal', kind: 'service.cancel', serviceId, body: 'Tajni detalji usluge.' }, { bytes: PNG, name: 'usluga.png', type: 'image/png' }) });
    expect(aboutService.status).toBe(303);
    const servicePath = aboutService.headers.get('location')!.split('?')[0]!;
    const serviceFile = /href="([^"]+\/files\/[0-9a-f-]{36})"/u.exec(await (await owner.get(servicePath)).text())![1]!;
    const aboutDomain = await owner.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Kod za prijenos', department: 'technical', priority: 'normal', kind: 'domain.transfer_code', domainId, body: 'Molim kod.' }) });
    const domainPath = aboutDomain.headers.get('location')!.split('?')[0]!;
    const contact = await signedIn(scoped.email);
    const own = await contact.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Moje pitanje', department: 'sales', priority: 'low', body: 'Pitanje.' }) });
    expect(own.status).toBe(303);

    const list = await (await contact.get(`/accounts/${account.id}/tickets`)).text();
    expect(list).toContain('Kod za prijenos');
    expect(list).toContain('Moje pitanje');
    expect(list).not.toContain('Otkaz hostinga');
    expect((await contact.get(domainPath)).status).toBe(200);
    expect((await contact.get(servicePath)).status).toBe(404);
    expect((await contact.get(serviceFile)).status).toBe(404);
    expect((await contact.post(`${servicePath}/messages`, { multipart: form({ body: 'Upadam.' }) })).status).toBe(404);
    expect((await contact.post(`${servicePath}/close`, { form: {} })).status).toBe(404);
    const api = await contact.get(`/api/v1/accounts/${account.id}/tickets`);
    expect(JSON.stringify(await api.json())).not.toContain('Otkaz hostinga');
    expect((await contact.get(`/api/v1/accounts/${account.id}/tickets/${servicePath.split('/').at(-1)}`)).status).toBe(404);
    expect(portal.catcher.list().some((m) => m.to.includes(scoped.email) && m.text.includes('Tajni detalji usluge.'))).toBe(false);
    // Nor through the account's email history, which keeps the owner's copy of every ticket mail.
    await expect.poll(async () => (await portal.sql<{ n: string }>(`select count(*) as n from mail_messages where account_id = $1 and text_body like '%Tajni detalji usluge.%'`, [account.id]))[0]!.n).not.toBe('0');
    const history = await (await contact.get(`/accounts/${account.id}/emails`)).text();
    expect(history).toContain('Kod za prijenos');
    expect(history).not.toContain('Otkaz hostinga');
    const [hidden] = await portal.sql<{ id: string }>(`select id from mail_messages where account_id = $1 and text_body like '%Tajni detalji usluge.%' limit 1`, [account.id]);
    expect((await contact.get(`/accounts/${account.id}/emails/${hidden!.id}`)).status).toBe(404);
    expect(JSON.stringify(await (await contact.get(`/api/v1/accounts/${account.id}/emails`)).json())).not.toContain('Otkaz hostinga');
  });

  it('takes an attachment of the documented size (up to 5 MB) and serves it under a name of its real type', async () => {
    const { user, account } = await accountWithHosting();
    const client = await signedIn(user.email);
    const big = new Uint8Array(4 * 1024 * 1024);
    big.set(PNG);
    const opened = await client.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Velika snimka', department: 'technical', priority: 'normal', body: 'Snimka zaslona.' }, { bytes: big, name: 'racun.pdf', type: 'application/pdf' }) });
    expect(opened.status).toBe(303);
    const ticketPath = opened.headers.get('location')!.split('?')[0]!;
    const fileHref = /href="([^"]+\/files\/[0-9a-f-]{36})"/u.exec(await (await client.get(ticketPath)).text())![1]!;
    const file = await client.get(fileHref);
    expect([file.status, file.headers.get('content-type'), file.headers.get('content-disposition')]).toEqual([200, 'image/png', 'attachment; filename="racun.png"']);
    expect((await file.arrayBuffer()).byteLength).toBe(big.length);
    const reply = await client.post(`${ticketPath}/messages`, { multipart: form({ body: 'Još jedna.' }, { bytes: big, name: 'snimka', type: 'image/png' }) });
    expect(reply.status).toBe(303);
    const tooBig = new Uint8Array(5 * 1024 * 1024 + 1);
    tooBig.set(PNG);
    const refused = await client.post(`${ticketPath}/messages`, { multipart: form({ body: 'Prevelika.' }, { bytes: tooBig, name: 'x.png', type: 'image/png' }) });
    expect(refused.status).toBe(422);
  });

  it('refuses a forged attachment, a request outside the rights, another account, and staff without the role', async () => {
    const { user, account, serviceId } = await accountWithHosting();
    const { user: viewer } = await givenContact(portal.services, account.id, { permissions: ['services', 'tickets'] });
    const { account: other } = await givenOwner(portal.services);
    const client = await signedIn(user.email);
    const forged = await client.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Prilog', department: 'technical', priority: 'normal', body: 'Evo.' }, { bytes: EXE, name: 'racun.pdf', type: 'application/pdf' }) });
    expect([forged.status, (await forged.text()).includes('Dokument mora biti PDF, JPEG ili PNG.')]).toEqual([422, true]);
    expect((await client.post(`/accounts/${other.id}/tickets`, { multipart: form({ subject: 'Tuđe', department: 'technical', priority: 'normal', body: 'Evo.' }) })).status).toBe(403);

    const contact = await signedIn(viewer.email);
    const offered = await (await contact.get(`/accounts/${account.id}/tickets/new`)).text();
    expect(offered).not.toContain('value="service.cancel"');
    const api = await contact.post(`/api/v1/accounts/${account.id}/tickets`, { json: { subject: 'Otkaz', department: 'technical', priority: 'normal', body: 'Otkaz.', request: { kind: 'service.cancel', serviceId } } });
    expect([api.status, ((await api.json()) as { code: string }).code]).toEqual([403, 'request.not_allowed']);
    const html = await contact.post(`/accounts/${account.id}/tickets`, { multipart: form({ subject: 'Otkaz', department: 'technical', priority: 'normal', kind: 'service.cancel', serviceId, body: 'Otkaz.' }) });
    expect([html.status, (await html.text()).includes('Taj zahtjev ne smijete podnijeti.')]).toEqual([403, true]);
    expect(Number((await portal.sql<{ n: string }>('select count(*) as n from tickets where account_id = $1', [account.id]))[0]!.n)).toBe(0);

    const verifier = await staffClientFor(portal, app, ['verifier']);
    expect((await verifier.get('/staff/tickets')).status).toBe(403);
  });
});

describe('direct domain change in the portal', () => {
  it('the owner changes nameservers on the domain page; bad input is shown; a contact without domains.manage sees no form and is refused', async () => {
    const { user, account, domainId } = await accountWithHosting();
    const { user: viewer } = await givenContact(portal.services, account.id, { permissions: ['domains'] });
    const owner = await signedIn(user.email);
    const page = `/accounts/${account.id}/domains/${domainId}`;
    expect(await (await owner.get(page)).text()).toContain('/nameservers"');
    const bad = await owner.post(`${page}/nameservers`, { form: { nameservers: 'samo-jedan.hr' } });
    expect([bad.status, (await bad.text()).includes('Upišite 2 do 6 ispravnih poslužitelja imena')]).toEqual([422, true]);
    expect((await owner.post(`${page}/nameservers`, { form: { nameservers: 'dns1.primjer.hr, dns2.primjer.hr' } })).status).toBe(303);
    const contact = await signedIn(viewer.email);
    expect(await (await contact.get(page)).text()).not.toContain('/nameservers"');
    expect((await contact.post(`${page}/nameservers`, { form: { nameservers: 'x1.evil.hr x2.evil.hr' } })).status).toBe(403);
    const [row] = await portal.sql<{ nameservers: string[] }>('select nameservers from domains where id = $1', [domainId]);
    expect(row!.nameservers).toEqual(['dns1.primjer.hr', 'dns2.primjer.hr']);
  });
});

describe('staff back office over HTTP', () => {
  it('finds a client by name, OIB, email and domain, and shows the whole client in a fixed number of queries', async () => {
    const { account, label } = await accountWithHosting();
    const staff = await staffClientFor(portal, app, ['billing']);
    for (const q of [account.name, account.oib, account.email, `${label}.hr`]) {
      const body = await (await staff.get(`/staff/clients?q=${encodeURIComponent(q)}`)).text();
      expect(body, q).toContain(`/staff/clients/${account.id}`);
    }
    expect((await staff.get('/staff/clients?q=x')).status).toBe(422);
    const view = await (await staff.get(`/staff/clients/${account.id}`)).text();
    expect(view).toContain(`${label}.hr`);
    const api = (await (await staff.get(`/api/v1/staff/clients?q=${account.oib}`)).json()) as { items: Array<{ id: string }> };
    expect(api.items.map((i) => i.id)).toEqual([account.id]);
    // The client view costs the same queries with one contact and ticket as with many.
    await expect.poll(async () => Number((await portal.sql<{ n: string }>("select count(*) as n from mail_messages where status in ('queued', 'sending')"))[0]!.n), { timeout: 15_000 }).toBe(0);
    const viewQueries = () => countQueries(async () => void expect((await staff.get(`/staff/clients/${account.id}`)).status).toBe(200));
    await givenContact(portal.services, account.id, { permissions: ['tickets'] });
    const small = await viewQueries();
    for (let i = 0; i < 8; i += 1) await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    expect(await viewQueries()).toBe(small);
    const client = await signedIn((await portal.sql<{ email: string }>('select email from users where id = $1', [account.ownerUserId]))[0]!.email);
    expect((await client.get(`/staff/clients/${account.id}`)).status).toBe(303);
    expect((await client.get(`/api/v1/staff/clients?q=${account.oib}`)).status).toBe(401);
  });
});
