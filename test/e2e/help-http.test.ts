import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../web/app.js';
import { givenOwner } from '../support/builders.js';
import { givenArticle, givenCategory } from '../support/help-builders.js';
import { httpClient } from '../support/http-client.js';
import { portalWithApp, signedInAs, staffClientFor } from '../support/http-portal.js';
import type { PostgresPortal } from '../support/postgres-portal.js';
import { countQueries } from '../support/query-count.js';

let portal: PostgresPortal;
let app: App;

beforeAll(async () => {
  ({ portal, app } = await portalWithApp());
});
afterAll(async () => {
  await portal.close();
});

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0' };
const votesOf = (html: string) => /data-votes[^>]*>([^<]*)</u.exec(html)?.[1]?.trim();

describe('help centre over HTTP', () => {
  it('lets an editor write a draft nobody else sees, render it safely, publish it, and keeps every change', async () => {
    const editor = await staffClientFor(portal, app, ['editor']);
    const slug = `kategorija-${Date.now()}`;
    expect((await editor.post('/staff/help/categories', { form: { nameHr: 'Prijava', nameEn: 'Signing in', descriptionHr: '', descriptionEn: '', slug, position: '' } })).status).toBe(303);
    const [category] = await portal.sql<{ id: string }>('select id from help_categories where slug = $1', [slug]);
    const body = 'Uvod.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n## Koraci\n\n1. **Zaboravili ste lozinku?**';
    const created = await editor.post('/staff/help/articles', { form: { categoryId: category!.id, locale: 'hr', slug: '', title: 'Zaboravljena lozinka na portalu', summary: 'Nova lozinka.', keywords: 'sifra', bodyMarkdown: body } });
    expect(created.status).toBe(303);
    const articleUrl = created.headers.get('location')!.replace(/\?.*$/u, '');
    const taken = await editor.post('/staff/help/articles', { form: { categoryId: category!.id, locale: 'hr', slug: 'zaboravljena-lozinka-na-portalu', title: 'Druga', summary: '', keywords: '', bodyMarkdown: 'Dovoljno dug tekst.' } });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('zaboravljena-lozinka-na-portalu je zauzeta');

    const visitor = httpClient(app);
    expect((await visitor.get('/help/articles/zaboravljena-lozinka-na-portalu')).status).toBe(404);
    expect((await (await staffClientFor(portal, app, ['support'])).get('/help/articles/zaboravljena-lozinka-na-portalu')).status).toBe(404);
    const preview = await editor.get('/help/articles/zaboravljena-lozinka-na-portalu');
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('Nacrt — vide ga samo urednici.');

    expect((await editor.post(`${articleUrl}/publish`)).status).toBe(303);
    const page = await visitor.get('/help/articles/zaboravljena-lozinka-na-portalu');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h2>Koraci</h2>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const tags = html.match(/<[^>]*>/gu) ?? [];
    expect(tags.filter((tag) => /^<(script|img)\b[^>]*>$/u.test(tag) && !/src="\/assets\/htmx\.min\.js"/u.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\son\w+=|javascript:/u.test(tag))).toEqual([]);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toMatch(/Zadnja izmjena: \d{1,2}\. \d{1,2}\. \d{4}\./u);

    expect((await editor.post(`${articleUrl}`, { form: { categoryId: category!.id, locale: 'hr', slug: 'zaboravljena-lozinka-na-portalu', title: 'Zaboravljena lozinka na portalu', summary: 'Nova lozinka u tri koraka.', keywords: 'sifra', bodyMarkdown: body } })).status).toBe(303);
    const revisions = await portal.sql<{ number: number; action: string }>('select number, action from help_revisions where article_id = $1 order by number', [articleUrl.split('/').pop()]);
    expect(revisions.map((r) => r.action)).toEqual(['created', 'published', 'edited']);
    const audited = await portal.sql<{ action: string }>("select action from audit_log where action like 'staff.help_%' and details->>'article' = 'zaboravljena-lozinka-na-portalu' order by at, action");
    expect(audited).toHaveLength(3);
  });

  it('finds articles without the marks of Croatian letters, over the page and the API', async () => {
    const category = await givenCategory(portal.services);
    await givenArticle(portal.services, category.id, { slug: 'pristupni-podaci-demo', title: 'Gdje su pristupni podaci', body: 'Ovaj članak pokazuje gdje je korisničko ime usluge.' });
    await givenArticle(portal.services, category.id, { slug: 'nacrt-pristup', title: 'Pristupni nacrt', status: 'draft' });
    const visitor = httpClient(app);
    const found = await (await visitor.get('/help/search?q=korisnicko+ime')).text();
    expect(found).toContain('href="/help/articles/pristupni-podaci-demo"');
    expect(await (await visitor.get('/help/search?q=pristupni')).text()).not.toContain('nacrt-pristup');
    const api = await visitor.get('/api/v1/help/search?q=clanak%20pokazuje&locale=hr');
    expect(api.status).toBe(200);
    expect(((await api.json()) as { items: Array<{ slug: string }> }).items.map((i) => i.slug)).toEqual(['pristupni-podaci-demo']);
    expect((await visitor.get(`/help/search?q=${'a'.repeat(300)}`)).status).toBe(422);
    expect((await visitor.get('/api/v1/help/articles/nacrt-pristup')).status).toBe(404);
  });

  it('counts one vote per visitor; a repeat, a crawler or a cross-site post changes nothing, and nobody is stored in clear', async () => {
    const category = await givenCategory(portal.services);
    const article = await givenArticle(portal.services, category.id, { slug: `glasanje-${Date.now()}`, title: 'Glasanje' });
    const url = `/help/articles/${article.slug}`;
    const first = httpClient(app);
    expect((await first.get(url, { headers: BROWSER })).status).toBe(200);
    const cookie = first.jar.get('visitor');
    expect(cookie).toMatch(/^[\w-]{22,}$/u);
    const vote = await first.post(`${url}/vote`, { form: { helpful: 'yes' }, headers: BROWSER });
    expect([vote.status, vote.headers.get('location')]).toEqual([303, `${url}?voted=thanks#vote`]);
    expect((await first.post(`${url}/vote`, { form: { helpful: 'no' }, headers: BROWSER })).headers.get('location')).toBe(`${url}?voted=already#vote`);
    const again = await (await first.get(url, { headers: BROWSER })).text();
    expect(again).toContain('Vaš glas za ovaj članak već je zabilježen.');
    expect(again).not.toContain(`action="${url}/vote"`);

    const second = httpClient(app);
    await second.get(url, { headers: BROWSER });
    await second.post(`${url}/vote`, { form: { helpful: 'no' }, headers: BROWSER });
    const crawler = httpClient(app);
    expect((await crawler.post(`${url}/vote`, { form: { helpful: 'yes' }, headers: { 'user-agent': 'Googlebot/2.1' } })).headers.get('location')).toBe(`${url}?voted=already#vote`);
    expect((await httpClient(app).post(`${url}/vote`, { form: { helpful: 'yes' }, headers: BROWSER, origin: 'https://evil.example' })).status).toBe(403);
    const { user } = await givenOwner(portal.services);
    const member = await signedInAs(app, user.email);
    await member.post(`${url}/vote`, { form: { helpful: 'yes' }, headers: BROWSER });
    await member.post(`${url}/vote`, { form: { helpful: 'yes' }, headers: BROWSER });

    expect(votesOf(await (await httpClient(app).get(url)).text())).toBe('2 glas(ova) da je pomogao · 1 da nije');
    const stored = await portal.sql<{ voter_hash: string }>('select voter_hash from help_votes where article_id = $1', [article.id]);
    expect(stored).toHaveLength(3);
    expect(stored.every((v) => /^[0-9a-f]{64}$/u.test(v.voter_hash) && !v.voter_hash.includes(cookie!))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(user.id);

    // One address has now tried seven times on this article: past the limit, nothing more is counted from it.
    const api = httpClient(app);
    const limited = await api.post(`/api/v1${url}/vote`, { json: { helpful: true }, headers: BROWSER });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '86400']);
    const fresh = await givenArticle(portal.services, category.id, { slug: `api-glas-${Date.now()}` });
    const byApi = async () => (await api.post(`/api/v1/help/articles/${fresh.slug}/vote`, { json: { helpful: false }, headers: BROWSER })).json();
    expect(await byApi()).toEqual({ counted: true, helpful: 0, notHelpful: 1 });
    expect(await byApi()).toEqual({ counted: false, helpful: 0, notHelpful: 1 });
  });

  it('costs the same number of queries for an article page whatever its related articles, votes and neighbours', async () => {
    const category = await givenCategory(portal.services);
    const article = await givenArticle(portal.services, category.id, { slug: `upiti-${Date.now()}`, title: 'Upiti' });
    const others: Array<{ id: string }> = [];
    for (let i = 0; i < 8; i += 1) others.push(await givenArticle(portal.services, category.id, { title: `Srodni ${i}` }));
    await portal.services.uow.run((scope) => scope.help.setRelated(article.id, [others[0]!.id]));
    const visitor = httpClient(app);
    await visitor.get(`/help/articles/${article.slug}`);
    const queries = () => countQueries(async () => void expect((await visitor.get(`/help/articles/${article.slug}`)).status).toBe(200));
    const small = await queries();
    await portal.services.uow.run((scope) => scope.help.setRelated(article.id, others.map((o) => o.id)));
    await portal.sql("insert into help_votes (article_id, voter_hash, helpful, created_at) select $1, md5(g::text), g % 2 = 0, now() from generate_series(1, 300) g", [article.id]);
    for (let i = 0; i < 20; i += 1) await givenArticle(portal.services, category.id);
    const large = await queries();
    expect(small).toBeGreaterThan(2);
    expect(large).toBe(small);
    const html = await (await visitor.get(`/help/articles/${article.slug}`)).text();
    expect((html.match(/Srodni \d/gu) ?? []).length).toBe(8);
  });

  it('publishes an announcement that stays on the dashboard until read and is mailed to the account', async () => {
    const { user, account } = await givenOwner(portal.services);
    const support = await staffClientFor(portal, app, ['support']);
    const title = `Radovi ${Date.now()}`;
    expect((await support.post('/staff/announcements', { form: { kind: 'maintenance', titleHr: title, bodyHr: 'U subotu od 2 do 4 sata.', titleEn: '', bodyEn: '', mail: 'on' } })).status).toBe(303);
    const bad = await support.post('/staff/announcements', { form: { kind: 'maintenance', titleHr: 'x', bodyHr: '', titleEn: '', bodyEn: '' } });
    expect(bad.status).toBe(422);
    const client = await signedInAs(app, user.email);
    const dashboard = await (await client.get('/dashboard')).text();
    expect(dashboard).toContain(title);
    const [announcement] = await portal.sql<{ id: string }>('select id from announcements where title_hr = $1', [title]);
    expect((await client.post(`/announcements/${announcement!.id}/read`)).status).toBe(303);
    expect(await (await client.get('/dashboard')).text()).not.toContain(title);
    expect(await (await httpClient(app).get('/announcements')).text()).toContain(title);
    const mail = await portal.catcher.waitFor((m) => m.to.includes(account.email) && m.subject.includes(title));
    expect(mail.text).toContain('U subotu od 2 do 4 sata.');
  });
});

describe('help centre JSON API for editors', () => {
  it('writes, publishes, links, reads and deletes an article through the same use cases as the pages', async () => {
    const editor = await staffClientFor(portal, app, ['editor']);
    const category = await editor.post('/api/v1/staff/help/categories', { json: { nameHr: 'API kategorija', nameEn: 'API category', slug: `api-${Date.now()}` } });
    expect(category.status).toBe(201);
    const { id: categoryId, slug: categorySlug } = (await category.json()) as { id: string; slug: string };
    const write = (slug: string, title: string) => editor.post('/api/v1/staff/help/articles', { json: { categoryId, locale: 'en', slug, title, bodyMarkdown: `# ${title}\n\nSome **text** about ${title}.` } });
    const first = await write(`api-first-${Date.now()}`, 'First from the API');
    expect(first.status).toBe(201);
    const a = (await first.json()) as { id: string; slug: string; status: string; bodyHtml: string };
    expect([a.status, a.bodyHtml]).toEqual(['draft', '<h2>First from the API</h2>\n<p>Some <strong>text</strong> about First from the API.</p>\n']);
    const b = (await (await write(`api-second-${Date.now()}`, 'Second from the API')).json()) as { id: string; slug: string };
    expect((await httpClient(app).get(`/api/v1/help/articles/${a.slug}`)).status).toBe(404);
    for (const id of [a.id, b.id]) expect((await editor.send('PUT', `/api/v1/staff/help/articles/${id}/status`, { json: { status: 'published' } })).status).toBe(200);
    const related = await editor.send('PUT', `/api/v1/staff/help/articles/${a.id}/related`, { json: { slugs: [b.slug] } });
    expect(((await related.json()) as { items: Array<{ slug: string }> }).items.map((r) => r.slug)).toEqual([b.slug]);
    expect((await editor.send('PUT', `/api/v1/staff/help/articles/${a.id}/related`, { json: { slugs: ['no-such-article'] } })).status).toBe(422);

    const read = (await (await httpClient(app).get(`/api/v1/help/articles/${a.slug}`)).json()) as { title: string; related: Array<{ slug: string }>; votes: { helpful: number } };
    expect([read.title, read.related.map((r) => r.slug), read.votes.helpful]).toEqual(['First from the API', [b.slug], 0]);
    const list = (await (await httpClient(app).get(`/api/v1/help/articles?category=${categorySlug}&locale=en`)).json()) as { items: Array<{ slug: string }> };
    expect(list.items.map((i) => i.slug)).toEqual([a.slug, b.slug]);
    const detail = (await (await editor.get(`/api/v1/staff/help/articles/${a.id}`)).json()) as { revisions: Array<{ action: string }> };
    expect(detail.revisions.map((r) => r.action)).toEqual(['related', 'published', 'created']);
    expect((await editor.send('DELETE', `/api/v1/staff/help/articles/${a.id}`)).status).toBe(204);
    expect((await httpClient(app).get(`/api/v1/help/articles/${a.slug}`)).status).toBe(404);
    const support = await staffClientFor(portal, app, ['support']);
    expect((await support.post('/api/v1/staff/help/articles', { json: { categoryId, locale: 'en', title: 'Not mine', bodyMarkdown: 'Long enough text.' } })).status).toBe(403);
  });
});
