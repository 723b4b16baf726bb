import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceActions } from '../../application/services/service-actions.js';
import { PERMISSIONS } from '../../domain/authorization/permission.js';
import { SUBSCRIPTIONS } from '../../domain/contacts/contact.js';
import type { App } from '../../web/app.js';
import { givenContact, PASSWORD, uniqueOib } from '../support/builders.js';
import { apiReads, crawl } from '../support/crawl.js';
import { PDF } from '../support/documents.js';
import { httpClient } from '../support/http-client.js';
import { multipart, portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import { META } from '../support/in-memory-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal?.close();
});

const LINK = /\/(password-reset|invitations|email-change\/confirm|email-change\/cancel)\/([a-z2-7]{20,})/gu;

/**
 * The account-takeover probe: every one-time secret the portal mails for an account (the owner's welcome and reset
 * links, an invitation, the email-change confirm and stop links, a domain transfer code) must be out of reach of
 * the account's contacts, whatever rights they hold, in every page, API answer and mail they can read.
 */
describe('one-time secrets in mail', () => {
  it('are found by no contact, with the emails right only or with every right; the owner\'s reset link still works', async () => {
    const ownerEmail = `vlasnik-${Date.now()}@tajna.hr`;
    const ordered = await httpClient(app).post('/order', {
      form: { product0: 'HOST-START', domain0: 'tajna-firma.hr', product1: 'DOM-HR', domain1: 'tajna-firma.hr', entityType: 'doo', name: 'Tajna Firma d.o.o.', oib: uniqueOib(), email: ownerEmail, phone: '+385 1 234 5678', street: 'Ilica 5', postalCode: '10000', city: 'Zagreb', acceptTerms: 'yes' },
    });
    expect(ordered.status).toBe(303);
    const [row] = await portal.sql<{ account_id: string; user_id: string; order_id: string }>(
      'select a.id as account_id, a.owner_user_id as user_id, o.id as order_id from client_accounts a join orders o on o.account_id = a.id where a.email = $1',
      [ownerEmail],
    );
    const accountId = row!.account_id;
    const onlyEmails = await givenContact(portal.services, accountId, { permissions: ['emails'], subscriptions: SUBSCRIPTIONS });
    const everything = await givenContact(portal.services, accountId, { permissions: PERMISSIONS, subscriptions: SUBSCRIPTIONS });
    const staff = await staffClientFor(portal, app, ['support']);
    expect((await staff.post(`/staff/orders/${row!.order_id}/accept`)).status).toBe(303);
    // The owner gets a password without using the welcome link, so that link stays live for the probe.
    await portal.services.uow.run(async (scope) => {
      const user = (await scope.users.findById(row!.user_id))!;
      user.changePassword(await portal.services.hasher.hash(PASSWORD), portal.clock.now());
      await scope.users.save(user);
    });

    const owner = await signedInAs(app, ownerEmail);
    const invitee = `pozvani-${Date.now()}@tajna.hr`;
    const invited = await owner.post(`/accounts/${accountId}/contacts`, {
      body: new URLSearchParams([['name', 'Pozvana Osoba'], ['email', invitee], ['login', 'on'], ['permissions', 'invoices'], ['scope', 'account']]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(invited.status).toBe(303);
    const newAddress = `nova-${Date.now()}@tajna.hr`;
    const changed = await owner.post(`/accounts/${accountId}/email-change`, { multipart: multipart({ newEmail: newAddress, password: PASSWORD }, { field: 'document', bytes: PDF, name: 'memorandum.pdf', type: 'application/pdf' }) });
    expect(changed.status).toBe(303);
    const [domain] = await portal.sql<{ id: string }>('select id from domains where account_id = $1', [accountId]);
    const ownerActor = { kind: 'user' as const, userId: row!.user_id, memberships: [{ accountId, role: 'owner' as const, permissions: [] }] };
    expect((await new ServiceActions(portal.services).transferCode(ownerActor, accountId, domain!.id, META)).ok).toBe(true);
    expect((await httpClient(app).post('/password-reset', { form: { email: ownerEmail } })).status).toBe(303);

    // What was really mailed: every secret, read from the SMTP catcher.
    const welcome = await portal.catcher.waitFor((m) => m.to.includes(ownerEmail) && m.text.includes('/password-reset/'));
    const reset = await portal.catcher.waitFor((m) => m.to.includes(ownerEmail) && m.text.includes('/password-reset/') && m.id !== welcome.id);
    const invitation = await portal.catcher.waitFor((m) => m.to.includes(invitee));
    const confirm = await portal.catcher.waitFor((m) => m.to.includes(newAddress));
    const stop = await portal.catcher.waitFor((m) => m.to.includes(ownerEmail) && m.text.includes('/email-change/cancel/'));
    const transfer = await portal.catcher.waitFor((m) => m.to.includes(ownerEmail) && /: [A-Z2-7]{16}\b/u.test(m.text));
    const secrets = [welcome, reset, invitation, confirm, stop].flatMap((m) => [...m.text.matchAll(LINK)].map((x) => x[2]!));
    secrets.push(/: ([A-Z2-7]{16})\b/u.exec(transfer.text)![1]!);
    expect(new Set(secrets).size).toBe(6);

    // Nothing readable stays in the database once delivered.
    await expect.poll(async () => (await portal.sql<{ n: string }>("select count(*) as n from mail_messages where status <> 'sent' or sealed_secret is not null"))[0]!.n, { timeout: 30_000 }).toBe('0');
    const stored = JSON.stringify(await portal.sql('select * from mail_messages'));
    for (const secret of secrets) expect(stored).not.toContain(secret);

    const mailed = new Map<string, number>();
    for (const contact of [onlyEmails, everything]) {
      const client = await signedInAs(app, contact.user.email);
      const pages = await crawl(client, ['/dashboard', `/accounts/${accountId}/emails`, '/security/emails']);
      expect([...pages.keys()]).toContain(`/accounts/${accountId}/emails`);
      expect(pages.size).toBeGreaterThan(contact === everything ? 20 : 3);
      const api = await apiReads(client, accountId);
      const ownMail = portal.catcher.list().filter((m) => m.to.includes(contact.user.email));
      mailed.set(contact.user.email, ownMail.length);
      const readable = [...pages.values(), ...api.values(), ...ownMail.map((m) => `${m.subject}\n${m.text}\n${m.html ?? ''}`)].join('\n');
      for (const secret of secrets) expect(readable).not.toContain(secret);
    }

    // The contact with every right got the account's mail (and read it above); the one with only emails may get none.
    expect(mailed.get(everything.user.email)).toBeGreaterThan(0);

    // The owner's own reset link works.
    const link = /\/password-reset\/[a-z2-7]+/u.exec(reset.text)![0];
    const visitor = httpClient(app);
    expect((await visitor.get(link)).status).toBe(200);
    const set = await visitor.post(link, { form: { password: 'nova vrlo duga lozinka 2026', confirm: 'nova vrlo duga lozinka 2026' } });
    expect(set.status).toBe(303);
    await signedInAs(app, ownerEmail, 'nova vrlo duga lozinka 2026');
  });
});
