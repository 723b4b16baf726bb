import { beforeEach, describe, expect, it } from 'vitest';
import { PlainTextRenderer } from '../../adapters/in-memory/plain-text-renderer.js';
import { InMemoryJobWorker } from '../../adapters/in-memory/in-memory-job-queue.js';
import { DeliverMail } from '../../application/mail/deliver-mail.js';
import { Announcements, MAIL_BATCH } from '../../application/help/announcements.js';
import { HELP_RATES, HelpCenter } from '../../application/help/help-center.js';
import { HelpEditor, type ArticleInput } from '../../application/help/help-editor.js';
import type { Actor } from '../../domain/authorization/actor.js';
import { can } from '../../domain/authorization/policy.js';
import { checkAnnouncement } from '../../domain/help/announcement.js';
import { checkContent, slugify } from '../../domain/help/article.js';
import { looksAutomated } from '../../domain/help/vote.js';
import { givenContact, givenOwner, givenStaff } from '../support/builders.js';
import { givenArticle, givenCategory } from '../support/help-builders.js';
import { inMemoryPortal, META, type InMemoryPortal } from '../support/in-memory-portal.js';

const staff = (...roles: Array<'admin' | 'support' | 'billing' | 'verifier' | 'editor'>): Actor => ({ kind: 'staff', staffId: 's', roles });
const BROWSER = { ...META, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0 Safari/537.36' };

describe('help domain rules', () => {
  it('makes addresses from Croatian titles and checks what an editor writes', () => {
    expect(slugify('Zaboravljena lozinka — što sad?')).toBe('zaboravljena-lozinka-sto-sad');
    expect(slugify('Đurđa, čćžšđ ČĆŽŠĐ')).toBe('durda-cczsd-cczsd');
    const base = { categoryId: 'c', locale: 'hr' as const, slug: '', title: 'Ažuriranje podataka', summary: '', keywords: '', bodyMarkdown: 'Dovoljno dug tekst.' };
    expect(checkContent(base)).toMatchObject({ ok: true, value: { slug: 'azuriranje-podataka' } });
    expect(checkContent({ ...base, title: 'x' })).toMatchObject({ ok: false, error: { code: 'help.title', field: 'title' } });
    expect(checkContent({ ...base, slug: 'Loš slug!' })).toMatchObject({ ok: false, error: { code: 'help.slug' } });
    expect(checkContent({ ...base, bodyMarkdown: 'kratko' })).toMatchObject({ ok: false, error: { code: 'help.body' } });
    expect(checkAnnouncement({ kind: 'maintenance', titleHr: 'Radovi', bodyHr: 'U noći.', titleEn: 'Works', bodyEn: '' })).toMatchObject({ ok: false, error: { code: 'announcement.english' } });
    expect(checkAnnouncement({ kind: 'sale', titleHr: 'Radovi', bodyHr: 'U noći.', titleEn: '', bodyEn: '' })).toMatchObject({ ok: false, error: { code: 'announcement.kind' } });
  });

  it('tells browsers from crawlers and scripts', () => {
    expect(looksAutomated(BROWSER.userAgent)).toBe(false);
    expect(looksAutomated('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(false);
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'curl/8.5.0', 'python-requests/2.32', 'Wget/1.21', '', 'Mozilla/5.0 (compatible; bingbot/2.0)']) expect(looksAutomated(ua), ua).toBe(true);
  });

  it('lets editors (and admins) write help, support and editors announce, and keeps editors away from client data', () => {
    expect(can(staff('editor'), { type: 'staff.help' })).toEqual({ allowed: true, grantedBy: 'editor' });
    expect(can(staff('admin'), { type: 'staff.help' })).toEqual({ allowed: true, grantedBy: 'admin' });
    expect(can(staff('support'), { type: 'staff.help' })).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(staff('support'), { type: 'staff.announcements' })).toEqual({ allowed: true, grantedBy: 'support' });
    expect(can(staff('editor'), { type: 'staff.announcements' })).toEqual({ allowed: true, grantedBy: 'editor' });
    expect(can(staff('billing'), { type: 'staff.announcements' })).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(staff('editor'), { type: 'staff.clients' })).toEqual({ allowed: false, reason: 'missing_role' });
    expect(can(staff('editor', 'support'), { type: 'staff.clients' })).toEqual({ allowed: true, grantedBy: 'support' });
    expect(can(staff('editor'), { type: 'staff.orders' }).allowed).toBe(false);
    expect(can(staff('editor'), { type: 'staff.tickets' }).allowed).toBe(false);
    expect(can(staff('editor'), { type: 'staff.backoffice' }).allowed).toBe(true);
    const user: Actor = { kind: 'user', userId: 'u', memberships: [] };
    expect(can(user, { type: 'staff.help' }).allowed).toBe(false);
    expect(can(user, { type: 'announcements.read' }).allowed).toBe(true);
    expect(can({ ...user, viaTokenId: 't' }, { type: 'announcements.read' }).allowed).toBe(false);
    expect(can({ kind: 'anonymous' }, { type: 'announcements.read' }).allowed).toBe(false);
  });
});

describe('help centre use cases', () => {
  let portal: InMemoryPortal;
  let center: HelpCenter;
  let editor: HelpEditor;
  let editorActor: Actor;
  let categoryId: string;
  const input = (over: Partial<ArticleInput> = {}): ArticleInput => ({ categoryId, locale: 'hr', slug: '', title: 'Zaboravljena lozinka', summary: 'Kako doći do nove.', keywords: 'lozinka, prijava', bodyMarkdown: 'Na stranici za prijavu odaberite **Zaboravili ste lozinku?**', ...over });

  beforeEach(async () => {
    portal = inMemoryPortal();
    center = new HelpCenter(portal.services);
    editor = new HelpEditor(portal.services, new PlainTextRenderer());
    const member = await givenStaff(portal.services, ['editor']);
    editorActor = { kind: 'staff', staffId: member.id, roles: member.roles };
    categoryId = (await givenCategory(portal.services)).id;
  });

  it('hides a draft from visitors and other staff, shows it to editors, and shows it to all once published', async () => {
    const created = await editor.create(editorActor, input(), META);
    if (!created.ok) throw new Error(created.error.code);
    const { user } = await givenOwner(portal.services);
    const client: Actor = { kind: 'user', userId: user.id, memberships: [] };
    expect(await center.article({ kind: 'anonymous' }, 'zaboravljena-lozinka', null)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await center.article(client, 'zaboravljena-lozinka', null)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await center.article(staff('support'), 'zaboravljena-lozinka', null)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect((await center.article(editorActor, 'zaboravljena-lozinka', null)).ok).toBe(true);
    expect(await center.search('lozinka', 'hr', META)).toEqual({ ok: true, value: [] });
    expect(await center.vote('zaboravljena-lozinka', true, { kind: 'visitor', id: 'v1' }, BROWSER)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    await editor.publish(editorActor, created.value.id, true, META);
    expect((await center.article({ kind: 'anonymous' }, 'zaboravljena-lozinka', null)).ok).toBe(true);
    expect((await center.search('zaboravljena lozinka', 'hr', META)).ok && (await center.search('Lozinka', 'hr', META))).toMatchObject({ ok: true, value: [{ slug: 'zaboravljena-lozinka' }] });
  });

  it('counts one vote per visitor, never a crawler, and keeps no visitor in clear', async () => {
    const article = await givenArticle(portal.services, categoryId, { slug: 'kontakt-osobe', title: 'Kontakt osobe' });
    const visitor = { kind: 'visitor' as const, id: 'cookie-1234' };
    expect(await center.vote('kontakt-osobe', true, visitor, BROWSER)).toEqual({ ok: true, value: { counted: true, helpfulCount: 1, notHelpfulCount: 0 } });
    expect(await center.vote('kontakt-osobe', false, visitor, BROWSER)).toEqual({ ok: true, value: { counted: false, helpfulCount: 1, notHelpfulCount: 0 } });
    expect(await center.vote('kontakt-osobe', false, { kind: 'visitor', id: 'cookie-5678' }, BROWSER)).toEqual({ ok: true, value: { counted: true, helpfulCount: 1, notHelpfulCount: 1 } });
    expect(await center.vote('kontakt-osobe', true, { kind: 'visitor', id: 'crawler' }, { ...BROWSER, userAgent: 'Googlebot/2.1' })).toEqual({ ok: true, value: { counted: false, helpfulCount: 1, notHelpfulCount: 1 } });
    expect((await center.article({ kind: 'anonymous' }, 'kontakt-osobe', visitor)).ok && (await center.article({ kind: 'anonymous' }, 'kontakt-osobe', visitor))).toMatchObject({ value: { voted: true } });
    expect(await center.article({ kind: 'anonymous' }, 'kontakt-osobe', { kind: 'visitor', id: 'someone-else' })).toMatchObject({ value: { voted: false } });
    const stored = JSON.stringify([...portal.store.helpVotes.keys()]);
    expect(stored).not.toContain('cookie-1234');
    expect(stored).toContain(article.id);
  });

  it('stops one address that keeps voting with fresh cookies', async () => {
    await givenArticle(portal.services, categoryId, { slug: 'portal', title: 'Portal za klijente' });
    const outcomes = [];
    for (let i = 0; i < HELP_RATES.votesPerArticleAndAddress.limit + 2; i += 1) outcomes.push(await center.vote('portal', true, { kind: 'visitor', id: `fresh-${i}` }, BROWSER));
    expect(outcomes.filter((o) => o.ok && o.value.counted)).toHaveLength(HELP_RATES.votesPerArticleAndAddress.limit);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect((await center.vote('portal', true, { kind: 'visitor', id: 'other-address' }, { ...BROWSER, clientAddress: '198.51.100.9' })).ok).toBe(true);
  });

  it('counts an IPv6 /64 as one address, so rotating addresses inside it earns no fresh votes', async () => {
    await givenArticle(portal.services, categoryId, { slug: 'ipv6', title: 'IPv6' });
    const outcomes = [];
    for (let i = 0; i < HELP_RATES.votesPerArticleAndAddress.limit + 2; i += 1) outcomes.push(await center.vote('ipv6', true, { kind: 'visitor', id: `v6-${i}` }, { ...BROWSER, clientAddress: `2001:db8:1:2:${i.toString(16)}::${i + 1}` }));
    expect(outcomes.filter((o) => o.ok && o.value.counted)).toHaveLength(HELP_RATES.votesPerArticleAndAddress.limit);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect((await center.vote('ipv6', true, { kind: 'visitor', id: 'next-block' }, { ...BROWSER, clientAddress: '2001:db8:1:3::1' })).ok).toBe(true);
  });

  it('keeps every change as a revision and in the audit log, and refuses what is not the editor’s to do', async () => {
    const created = await editor.create(editorActor, input(), META);
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.id;
    expect(await editor.create(editorActor, input(), META)).toMatchObject({ ok: false, error: { code: 'help.slug_taken' } });
    expect(await editor.create(editorActor, input({ slug: 'drugi', categoryId: '00000000-0000-4000-8000-000000000000' }), META)).toMatchObject({ ok: false, error: { code: 'help.category' } });
    expect(await editor.update(editorActor, id, input({ title: 'Nova lozinka', slug: 'zaboravljena-lozinka', bodyMarkdown: 'Novi tekst <script>alert(1)</script>' }), META)).toMatchObject({ ok: true, value: { revision: 2 } });
    await editor.publish(editorActor, id, true, META);
    const other = await givenArticle(portal.services, categoryId, { slug: 'azuriranje-podataka' });
    expect(await editor.setRelated(editorActor, id, ['azuriranje-podataka', 'nema-ga'], META)).toMatchObject({ ok: false, error: { code: 'help.related_unknown', details: { slug: 'nema-ga' } } });
    expect(await editor.setRelated(editorActor, id, ['zaboravljena-lozinka'], META)).toMatchObject({ ok: false, error: { code: 'help.related_unknown' } });
    expect(await editor.setRelated(editorActor, id, ['azuriranje-podataka'], META)).toMatchObject({ ok: true, value: [{ id: other.id }] });
    const shown = await editor.show(editorActor, id);
    if (!shown.ok) throw new Error(shown.error.code);
    expect(shown.value.article.bodyHtml).not.toContain('<script');
    expect(shown.value.revisions.items.map((r) => [r.number, r.action])).toEqual([[4, 'related'], [3, 'published'], [2, 'edited'], [1, 'created']]);
    expect(shown.value.revisions.items[0]?.snapshot.related).toEqual(['azuriranje-podataka']);
    expect(portal.store.audit.filter((e) => e.action.startsWith('staff.help_article_')).map((e) => e.action)).toEqual(['staff.help_article_created', 'staff.help_article_edited', 'staff.help_article_published', 'staff.help_article_related']);
    for (const actor of [staff('support'), { kind: 'anonymous' } as Actor, { kind: 'user', userId: 'u', memberships: [] } as Actor]) {
      expect(await editor.update(actor, id, input(), META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await editor.publish(actor, id, false, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(await editor.remove(actor, id, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(await editor.remove(editorActor, id, META)).toEqual({ ok: true, value: null });
    expect(portal.store.helpRevisions.filter((r) => r.articleId === id).map((r) => r.action).at(-1)).toBe('deleted');
  });

  it('moves an article up and down within its category', async () => {
    const a = await givenArticle(portal.services, categoryId, { title: 'A', position: 1 });
    const b = await givenArticle(portal.services, categoryId, { title: 'B', position: 2 });
    await givenArticle(portal.services, categoryId, { title: 'C', position: 3 });
    await editor.move(editorActor, b.id, 'up', META);
    const order = async () => {
      const o = await editor.overview(editorActor, { categoryId, locale: 'hr' }, null);
      return o.ok ? o.value.page.items.map((x) => x.title) : [];
    };
    expect(await order()).toEqual(['B', 'A', 'C']);
    await editor.move(editorActor, a.id, 'down', META);
    expect(await order()).toEqual(['B', 'C', 'A']);
    await editor.move(editorActor, a.id, 'down', META);
    expect(await order()).toEqual(['B', 'C', 'A']);
  });
});

describe('announcements', () => {
  it('stay on a user’s dashboard until read, refuse the wrong people, and mail every account once in batches', async () => {
    const portal = inMemoryPortal();
    const announcements = new Announcements(portal.services);
    const support = await givenStaff(portal.services, ['support']);
    const publisher: Actor = { kind: 'staff', staffId: support.id, roles: support.roles };
    const { user, account } = await givenOwner(portal.services);
    await givenContact(portal.services, account.id, { subscriptions: ['general'], email: 'opce@example.hr' });
    await givenContact(portal.services, account.id, { subscriptions: ['billing'], email: 'racuni@example.hr' });
    for (let i = 0; i < MAIL_BATCH; i += 1) await givenOwner(portal.services);
    const reader: Actor = { kind: 'user', userId: user.id, memberships: [{ accountId: account.id, role: 'owner', permissions: [] }] };
    const fields = { kind: 'maintenance', titleHr: 'Radovi na poslužitelju', bodyHr: 'U subotu od 2 do 4 sata.', titleEn: 'Server maintenance', bodyEn: 'On Saturday from 2 to 4.', mail: true };
    expect(await announcements.publish(staff('billing'), fields, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await announcements.publish(reader, fields, META)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const published = await announcements.publish(publisher, fields, META);
    if (!published.ok) throw new Error(published.error.code);
    expect((await announcements.unread(reader)).map((a) => a.title('en'))).toEqual(['Server maintenance']);
    expect(await announcements.unread({ kind: 'anonymous' })).toEqual([]);
    expect(await announcements.markRead({ ...reader, viaTokenId: 't' } as Actor, published.value.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await announcements.markRead(reader, published.value.id)).toEqual({ ok: true, value: null });
    expect(await announcements.unread(reader)).toEqual([]);

    const worker = new InMemoryJobWorker(portal.store);
    await worker.handle('announcements.mail', async ({ announcementId }) => void (await announcements.mailBatch(announcementId)));
    const deliver = new DeliverMail({ ...portal.services, mailer: portal.mailer, messageIdDomain: 'localhost' });
    await worker.handle('mail.deliver', async ({ mailId }) => void (await deliver.execute(mailId)));
    while (portal.store.jobs.length) await worker.drain();
    // A job run twice after the end mails nobody again.
    expect(await announcements.mailBatch(published.value.id)).toBe(0);
    const to = portal.mailer.sent.map((m) => m.to);
    expect(new Set(to).size).toBe(to.length);
    expect(to).toContain('opce@example.hr');
    expect(to).toContain(account.email);
    expect(to).not.toContain('racuni@example.hr');
    expect(to).toHaveLength(MAIL_BATCH + 2);
    expect(portal.mailer.sent.find((m) => m.to === account.email)?.subject).toContain('Radovi na poslužitelju');

    expect(await announcements.withdraw(publisher, published.value.id, META)).toMatchObject({ ok: true });
    expect((await announcements.list(null)).items).toEqual([]);
  });
});
