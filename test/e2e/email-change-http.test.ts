import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenContact, givenOwner, PASSWORD } from '../support/builders.js';
import { httpClient } from '../support/http-client.js';
import { multipart, portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';
import { EXE, PDF } from '../support/documents.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

const signedIn = (address: string) => signedInAs(app, address);
const upload = (fields: Record<string, string>, file: { bytes: Uint8Array; name: string; type: string } | null) => multipart(fields, file && { field: 'document', ...file });

const linkFrom = async (to: string, kind: 'confirm' | 'cancel') => {
  const mail = await portal.catcher.waitFor((m) => m.to.includes(to) && m.text.includes(`/email-change/${kind}/`));
  return new RegExp(`/email-change/${kind}/[a-z2-7]+`, 'u').exec(mail.text)![0];
};
const count = async (sql: string, params: unknown[]) => Number((await portal.sql<{ n: string }>(sql, params))[0]?.n);

describe('email change over HTTP', () => {
  it('refuses a wrong password, a forged file and an oversized one, storing nothing', async () => {
    const { user, account } = await givenOwner(portal.services);
    const client = await signedIn(user.email);
    const path = `/accounts/${account.id}/email-change`;
    const wrong = await client.post(path, { multipart: upload({ newEmail: 'nova@firma.hr', password: 'not it' }, { bytes: PDF, name: 'memo.pdf', type: 'application/pdf' }) });
    expect([wrong.status, (await wrong.text()).includes('Lozinka nije ispravna.')]).toEqual([422, true]);
    const forged = await client.post(path, { multipart: upload({ newEmail: 'nova@firma.hr', password: PASSWORD }, { bytes: EXE, name: 'memo.pdf', type: 'application/pdf' }) });
    expect([forged.status, (await forged.text()).includes('Dokument mora biti PDF, JPEG ili PNG.')]).toEqual([422, true]);
    const missing = await client.post(path, { multipart: upload({ newEmail: 'nova@firma.hr', password: PASSWORD }, null) });
    expect([missing.status, (await missing.text()).includes('Priložite dokument.')]).toEqual([422, true]);
    const huge = new Uint8Array(9 * 1024 * 1024);
    huge.set(PDF);
    const oversized = await client.post(path, { multipart: upload({ newEmail: 'nova@firma.hr', password: PASSWORD }, { bytes: huge, name: 'memo.pdf', type: 'application/pdf' }) });
    expect(oversized.status).toBe(413);
    const big = new Uint8Array(5 * 1024 * 1024 + 100_000);
    big.set(PDF);
    const tooBig = await client.post(path, { multipart: upload({ newEmail: 'nova@firma.hr', password: PASSWORD }, { bytes: big, name: 'memo.pdf', type: 'application/pdf' }) });
    expect([tooBig.status, (await tooBig.text()).includes('Dokument je prevelik')]).toEqual([422, true]);
    // A forged form without Origin.
    const csrf = await client.send('POST', path, { multipart: upload({ newEmail: 'nova@firma.hr', password: PASSWORD }, { bytes: PDF, name: 'memo.pdf', type: 'application/pdf' }), origin: null });
    expect(csrf.status).toBe(403);
    expect(await count('select count(*) as n from email_change_requests where account_id = $1', [account.id])).toBe(0);
  });

  it('owner asks, the new address confirms, a verifier opens the document and approves; the owner signs in with the new address', async () => {
    const { user, account } = await givenOwner(portal.services);
    const client = await signedIn(user.email);
    const newEmail = `nova-${Date.now()}@firma.hr`;
    const asked = await client.post(`/accounts/${account.id}/email-change`, { multipart: upload({ newEmail, password: PASSWORD }, { bytes: PDF, name: 'memorandum.pdf', type: 'application/pdf' }) });
    expect(asked.status).toBe(303);
    expect(await (await client.get(`/accounts/${account.id}/email-change`)).text()).toContain('čeka potvrdu nove adrese');
    const [row] = await portal.sql<{ id: string; sealed: string }>('select r.id, d.sealed from email_change_requests r join email_change_documents d on d.request_id = r.id where r.account_id = $1', [account.id]);
    expect(row!.sealed).not.toContain(Buffer.from(PDF).toString('base64').slice(0, 12));

    const verifier = await staffClientFor(portal, app, ['verifier']);
    const early = await verifier.post(`/staff/email-changes/${row!.id}/approve`, { form: {} });
    expect([early.status, (await early.text()).includes('Nova adresa još nije potvrđena')]).toEqual([409, true]);
    const support = await staffClientFor(portal, app, ['support']);
    expect((await support.get(`/staff/email-changes/${row!.id}`)).status).toBe(403);
    expect((await support.get(`/staff/email-changes/${row!.id}/document`)).status).toBe(403);

    const confirm = await linkFrom(newEmail, 'confirm');
    const anyone = httpClient(app);
    expect(await (await anyone.get(confirm)).text()).toContain(newEmail);
    expect((await anyone.post(confirm, { form: {} })).status).toBe(200);
    expect((await anyone.post(confirm, { form: {} })).status).toBe(422);
    expect(await (await verifier.get('/staff')).text()).toMatch(/Promjena e-adrese za provjeru: [1-9]/u);
    expect(await (await verifier.get('/staff/email-changes')).text()).toContain(account.name);
    const doc = await verifier.get(`/staff/email-changes/${row!.id}/document`);
    expect([doc.status, doc.headers.get('content-type'), doc.headers.get('cache-control'), doc.headers.get('x-content-type-options')]).toEqual([200, 'application/pdf', 'no-store', 'nosniff']);
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment; filename="dokument-[0-9a-f]{8}\.pdf"$/u);
    expect(Buffer.from(await doc.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);
    expect((await verifier.post(`/staff/email-changes/${row!.id}/approve`, { form: {} })).status).toBe(303);

    expect((await client.get('/dashboard')).status).toBe(303);
    expect((await httpClient(app).post('/sign-in', { form: { email: user.email, password: PASSWORD } })).status).toBe(401);
    const again = httpClient(app);
    expect((await again.post('/sign-in', { form: { email: newEmail, password: PASSWORD } })).status).toBe(303);
    expect(await (await again.get(`/accounts/${account.id}/profile`)).text()).toContain(newEmail);
    await portal.catcher.waitFor((m) => m.to.includes(user.email) && m.subject.includes('odobrena'));
  });

  it('the public form answers the same whether or not the OIB exists', async () => {
    const { account } = await givenOwner(portal.services);
    const file = { bytes: PDF, name: 'osobna.pdf', type: 'application/pdf' };
    const known = await httpClient(app).post('/email-change', { multipart: upload({ oib: account.oib, newEmail: 'zakljucan@firma.hr' }, file) });
    const unknown = await httpClient(app).post('/email-change', { multipart: upload({ oib: '69435151530', newEmail: 'zakljucan@firma.hr' }, file) });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(await known.text()).toEqual(await unknown.text());
    // The job behind the form opens the request for the known OIB only.
    await expect.poll(() => count("select count(*) as n from email_change_requests where account_id = $1 and channel = 'public'", [account.id]), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => count('select count(*) as n from email_change_submissions', []), { timeout: 30_000 }).toBe(0);
  });

  it('the API takes the owner with a session only; a contact, a token and the staff decision out of order are refused', async () => {
    const { user, account } = await givenOwner(portal.services);
    const { user: contactUser } = await givenContact(portal.services, account.id, { permissions: ['profile', 'contacts', 'invoices'] });
    const fields = { password: PASSWORD, newEmail: `api-${Date.now()}@firma.hr` };
    const body = (bytes: Uint8Array) => upload(fields, { bytes, name: 'memorandum.pdf', type: 'application/pdf' });
    const contact = await signedIn(contactUser.email);
    expect((await contact.post(`/api/v1/accounts/${account.id}/email-change`, { multipart: body(PDF) })).status).toBe(403);
    const owner = await signedIn(user.email);
    const forged = await owner.post(`/api/v1/accounts/${account.id}/email-change`, { multipart: body(EXE) });
    expect([forged.status, ((await forged.json()) as { code: string }).code]).toEqual([422, 'document.type']);
    // The document never travels inside JSON.
    const asJson = await owner.post(`/api/v1/accounts/${account.id}/email-change`, { json: { ...fields, document: Buffer.from(PDF).toString('base64') } });
    expect([asJson.status, ((await asJson.json()) as { code: string }).code]).toEqual([415, 'unsupported_media_type']);
    const created = await owner.post(`/api/v1/accounts/${account.id}/email-change`, { multipart: body(PDF) });
    expect(created.status).toBe(201);
    const request = (await created.json()) as { id: string; status: string; document: { type: string; sha256: string } };
    expect([request.status, request.document.type, request.document.sha256.length]).toEqual(['awaiting_confirmation', 'application/pdf', 64]);
    const verifier = await staffClientFor(portal, app, ['verifier']);
    const early = await verifier.post(`/api/v1/staff/email-changes/${request.id}/decision`, { json: { decision: 'approve' } });
    expect([early.status, ((await early.json()) as { code: string }).code]).toEqual([409, 'email_change.not_confirmed']);
    const rejected = await verifier.post(`/api/v1/staff/email-changes/${request.id}/decision`, { json: { decision: 'reject', reason: 'Dokument nije čitljiv.' } });
    expect([rejected.status, ((await rejected.json()) as { status: string }).status]).toEqual([200, 'rejected']);
    const profile = (await (await owner.get(`/api/v1/accounts/${account.id}/profile`)).json()) as { email: string; oib: string };
    expect([profile.email, profile.oib]).toEqual([user.email, account.oib]);
  });
});
