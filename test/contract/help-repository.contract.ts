import { describe, expect, it } from 'vitest';
import type { Services } from '../../application/shared/services.js';
import { Announcement } from '../../domain/help/announcement.js';
import { givenOwner, givenStaff } from '../support/builders.js';
import { givenArticle, givenCategory } from '../support/help-builders.js';

const titles = (items: ReadonlyArray<{ title: string }>) => items.map((a) => a.title);

/** Help articles, search, related links, revisions, votes and announcements behave the same on every adapter. */
export function describeHelpRepositoryContract(name: string, make: () => Promise<{ services: Services }>) {
  describe(`help centre repositories: ${name}`, () => {
    it('keeps categories and articles, lists a category by position a page at a time, drafts only for editors', async () => {
      const { services } = await make();
      const second = await givenCategory(services, { position: 2 });
      const first = await givenCategory(services, { position: 1 });
      const a = await givenArticle(services, first.id, { title: 'Prvi', position: 1 });
      await givenArticle(services, first.id, { title: 'Nacrt', position: 2, status: 'draft' });
      await givenArticle(services, first.id, { title: 'Treći', position: 3 });
      await givenArticle(services, first.id, { title: 'Četvrti', position: 4 });
      await givenArticle(services, first.id, { title: 'English', position: 5, locale: 'en' });
      await givenArticle(services, second.id, { title: 'Drugi', position: 1 });
      await services.uow.run(async (scope) => {
        expect((await scope.help.listCategories()).map((c) => c.id).filter((id) => id === first.id || id === second.id)).toEqual([first.id, second.id]);
        expect((await scope.help.findCategoryBySlug(first.slug))?.id).toBe(first.id);
        expect((await scope.help.findBySlug(a.slug))?.bodyHtml).toContain('<p>');
        const visitor = await scope.help.listByCategory({ categoryId: first.id, locale: 'hr', publishedOnly: true }, { limit: 2 });
        expect(titles(visitor.items)).toEqual(['Prvi', 'Treći']);
        const rest = await scope.help.listByCategory({ categoryId: first.id, locale: 'hr', publishedOnly: true }, { limit: 2, after: visitor.next });
        expect([titles(rest.items), rest.next]).toEqual([['Četvrti'], null]);
        const editor = await scope.help.listByCategory({ categoryId: first.id, locale: 'hr', publishedOnly: false }, { limit: 10 });
        expect(titles(editor.items)).toEqual(['Prvi', 'Nacrt', 'Treći', 'Četvrti']);
        const front = await scope.help.listFirstPublished('hr', 2);
        expect(titles(front.filter((s) => s.categoryId === first.id || s.categoryId === second.id))).toEqual(['Prvi', 'Treći', 'Drugi']);
        expect(await scope.help.nextPosition(first.id, 'hr')).toBe(5);
        expect(await scope.help.nextPosition(first.id, 'en')).toBe(6);
        const third = (await scope.help.listByCategory({ categoryId: first.id, locale: 'hr', publishedOnly: false }, { limit: 10 })).items[2]!;
        const loaded = (await scope.help.findById(third.id))!;
        expect((await scope.help.findNeighbour(loaded, 'up'))?.title).toBe('Nacrt');
        expect((await scope.help.findNeighbour(loaded, 'down'))?.title).toBe('Četvrti');
        expect(await scope.help.findNeighbour((await scope.help.findById(a.id))!, 'up')).toBeNull();
      });
    });

    it('finds published articles whatever the marks and case of the letters, title matches first, never drafts or the other language', async () => {
      const { services } = await make();
      const category = await givenCategory(services);
      await givenArticle(services, category.id, { title: 'Zaboravljena lozinka', body: 'Na stranici za prijavu kliknite poveznicu i upišite svoju e-adresu.' });
      await givenArticle(services, category.id, { title: 'Kontakt osobe', body: 'Osobe koje dodate mogu dobiti novu lozinku samo ako im to dopustite. Ovaj članak objašnjava prava.' });
      await givenArticle(services, category.id, { title: 'Nacrt o lozinki', body: 'Još nije gotov.', status: 'draft' });
      await givenArticle(services, category.id, { title: 'Forgotten password', body: 'Ask for a new lozinka link.', locale: 'en' });
      await givenArticle(services, category.id, { title: 'Đurđica i žičara', body: 'Šumski put.' });
      await services.uow.run(async (scope) => {
        const search = (text: string, locale: 'hr' | 'en' = 'hr', limit = 10) => scope.help.search({ text, locale, limit });
        expect(titles(await search('zaboravljena lozinka'))).toEqual(['Zaboravljena lozinka']);
        expect(titles(await search('ZABORAVLJENA'))).toEqual(['Zaboravljena lozinka']);
        expect(titles(await search('lozinka'))).toEqual(['Zaboravljena lozinka', 'Kontakt osobe']);
        expect(titles(await search('clanak'))).toEqual(['Kontakt osobe']);
        expect(titles(await search('durdica zicara'))).toEqual(['Đurđica i žičara']);
        expect(titles(await search('sumski'))).toEqual(['Đurđica i žičara']);
        expect(titles(await search('lozinka', 'hr', 1))).toEqual(['Zaboravljena lozinka']);
        expect(titles(await search('password', 'en'))).toEqual(['Forgotten password']);
        expect(await search('nepostojecariječxyz')).toEqual([]);
        expect(await search(`'"&|!:*()<>\\`)).toEqual([]);
        expect(await search('')).toEqual([]);
      });
    });

    it('keeps related articles in the chosen order, hides drafts from visitors, and forgets links of a removed article', async () => {
      const { services } = await make();
      const category = await givenCategory(services);
      const main = await givenArticle(services, category.id, { title: 'Glavni' });
      const b = await givenArticle(services, category.id, { title: 'B' });
      const c = await givenArticle(services, category.id, { title: 'C' });
      const draft = await givenArticle(services, category.id, { title: 'Nacrt', status: 'draft' });
      await services.uow.run((scope) => scope.help.setRelated(main.id, [c.id, draft.id, b.id]));
      await services.uow.run(async (scope) => {
        expect(titles(await scope.help.listRelated(main.id, null))).toEqual(['C', 'Nacrt', 'B']);
        expect(titles(await scope.help.listRelated(main.id, 'published'))).toEqual(['C', 'B']);
        expect(titles(await scope.help.summariesByIds([b.id, c.id]))).toEqual(['B', 'C']);
        await scope.help.setRelated(main.id, [b.id]);
      });
      await services.uow.run(async (scope) => {
        expect(titles(await scope.help.listRelated(main.id, null))).toEqual(['B']);
        await scope.help.remove(b.id);
      });
      await services.uow.run(async (scope) => {
        expect(await scope.help.listRelated(main.id, null)).toEqual([]);
        expect(await scope.help.findById(b.id)).toBeNull();
      });
    });

    it('keeps every revision, newest first a page at a time', async () => {
      const { services } = await make();
      const staff = await givenStaff(services, ['editor']);
      const category = await givenCategory(services);
      const article = await givenArticle(services, category.id);
      await services.uow.run(async (scope) => {
        for (const n of [1, 2, 3]) {
          await scope.help.addRevision({ id: services.ids.newId(), articleId: article.id, number: n, action: n === 1 ? 'created' : 'edited', staffId: staff.id, at: services.clock.now(), snapshot: { title: `v${n}`, slug: article.slug, summary: '', keywords: '', bodyMarkdown: 'x', categoryId: category.id, locale: 'hr', status: 'draft', position: 1, related: [] } });
        }
      });
      await services.uow.run(async (scope) => {
        const page = await scope.help.listRevisions(article.id, { limit: 2 });
        expect(page.items.map((r) => [r.number, r.snapshot.title])).toEqual([[3, 'v3'], [2, 'v2']]);
        const rest = await scope.help.listRevisions(article.id, { limit: 2, after: page.next });
        expect([rest.items.map((r) => r.action), rest.next]).toEqual([['created'], null]);
      });
    });

    it('counts one vote per voter and article, and a stale save never undoes a count', async () => {
      const { services } = await make();
      const category = await givenCategory(services);
      const article = await givenArticle(services, category.id);
      const other = await givenArticle(services, category.id);
      const at = services.clock.now();
      await services.uow.run(async (scope) => {
        const stale = (await scope.help.findById(article.id))!;
        expect(await scope.help.recordVote(article.id, 'h1', true, at)).toEqual({ helpfulCount: 1, notHelpfulCount: 0 });
        expect(await scope.help.recordVote(article.id, 'h1', false, at)).toBeNull();
        expect(await scope.help.recordVote(article.id, 'h2', false, at)).toEqual({ helpfulCount: 1, notHelpfulCount: 1 });
        expect(await scope.help.recordVote(other.id, 'h1', true, at)).toEqual({ helpfulCount: 1, notHelpfulCount: 0 });
        expect([await scope.help.hasVoted(article.id, 'h1'), await scope.help.hasVoted(article.id, 'h3')]).toEqual([true, false]);
        stale.title = 'Promijenjen naslov';
        await scope.help.save(stale);
      });
      await services.uow.run(async (scope) => {
        const found = (await scope.help.findById(article.id))!;
        expect([found.title, found.helpfulCount, found.notHelpfulCount]).toEqual(['Promijenjen naslov', 1, 1]);
      });
    });

    it('keeps announcements, hides withdrawn ones, and shows each user only the unread ones since a date', async () => {
      const { services } = await make();
      const staff = await givenStaff(services, ['editor']);
      const { user } = await givenOwner(services);
      await givenOwner(services);
      const t0 = services.clock.now();
      const make1 = (n: number, at: Date) => Announcement.publish({ id: services.ids.newId(), fields: { kind: 'news', titleHr: `Obavijest ${n}`, bodyHr: 'Tekst', titleEn: '', bodyEn: '' }, staffId: staff.id, mail: false, now: at });
      const old = make1(0, new Date(t0.getTime() - 100 * 86_400_000));
      const a = make1(1, new Date(t0.getTime() - 2000));
      const b = make1(2, new Date(t0.getTime() - 1000));
      const withdrawn = make1(3, t0);
      withdrawn.withdraw(t0);
      await services.uow.run(async (scope) => {
        for (const x of [old, a, b, withdrawn]) await scope.announcements.add(x);
      });
      await services.uow.run(async (scope) => {
        const since = new Date(t0.getTime() - 30 * 86_400_000);
        expect((await scope.announcements.listUnreadFor(user.id, since, 10)).map((x) => x.titleHr)).toEqual(['Obavijest 2', 'Obavijest 1']);
        await scope.announcements.markRead(b.id, user.id, t0);
        await scope.announcements.markRead(b.id, user.id, t0);
        expect((await scope.announcements.listUnreadFor(user.id, since, 10)).map((x) => x.titleHr)).toEqual(['Obavijest 1']);
        const page = await scope.announcements.listPublished({ limit: 2 });
        expect(page.items.map((x) => x.titleHr)).toEqual(['Obavijest 2', 'Obavijest 1']);
        const rest = await scope.announcements.listPublished({ limit: 2, after: page.next });
        expect(rest.items.map((x) => x.titleHr)).toEqual(['Obavijest 0']);
        expect((await scope.announcements.listAll({ limit: 1 })).items[0]?.titleHr).toBe('Obavijest 3');
        const locked = (await scope.announcements.lockForMailing(a.id))!;
        locked.mailCursor = user.id;
        await scope.announcements.save(locked);
      });
      await services.uow.run(async (scope) => {
        expect((await scope.announcements.findById(a.id))?.mailCursor).toBe(user.id);
        const all = await scope.announcements.audience(null, 1000);
        const firstTwo = await scope.announcements.audience(null, 2);
        const next = await scope.announcements.audience(firstTwo[1]!.id, 1000);
        expect([...firstTwo, ...next].map((x) => x.id)).toEqual(all.map((x) => x.id));
        expect(all.map((x) => x.id)).toEqual([...all.map((x) => x.id)].sort());
      });
    });
  });
}
