import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_SQL } from '../../adapters/mikro-orm/mikro-orm-help-repository.js';
import { givenArticle, givenCategory } from '../support/help-builders.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';
import { flatten, type PlanNode } from '../support/query-plans.js';

const ARTICLES = 10_000;

let portal: PostgresPortal;
let categoryId: string;

/** 10 000 published articles in one category, in the words a hosting company writes, plus the one a visitor looks for. */
beforeAll(async () => {
  portal = await postgresPortal({ workers: false });
  categoryId = (await givenCategory(portal.services)).id;
  await portal.sql(
    `insert into help_articles (id, category_id, locale, slug, title, summary, keywords, body_markdown, body_html, body_text, status, position, revision, created_at, updated_at, published_at)
     select gen_random_uuid(), $1, case when g % 10 = 0 then 'en' else 'hr' end, 'skala-' || g,
            (array['Domena', 'Hosting', 'Račun', 'Sandučić', 'Certifikat'])[1 + g % 5] || ' ' || g || ': ' || (array['postavke', 'produženje', 'prijenos', 'otkaz', 'cijena'])[1 + g % 7 % 5],
            'Sažetak', '', 'x', '<p>x</p>', 'Ovaj članak opisuje uslugu broj ' || g || ' i njezine postavke na poslužitelju.', case when g % 50 = 0 then 'draft' else 'published' end, g, 1, now(), now(), now()
     from generate_series(1, $2::int) g`,
    [categoryId, ARTICLES],
  );
  await givenArticle(portal.services, categoryId, { slug: 'trazena-zaboravljena-lozinka', title: 'Zaboravljena lozinka', body: 'Novu lozinku zatražite na stranici za prijavu.', position: ARTICLES + 1 });
  await portal.sql('analyze help_articles');
}, 120_000);

afterAll(async () => {
  await portal?.close();
});

describe(`help search at ${ARTICLES} articles (PostgreSQL)`, () => {
  it('plans the typo arm on its trigram index and ranks before it joins, so even a query matching almost every article stays fast', async () => {
    for (const q of ['zaboravljena lozinka', 'zaboravljna lozinka', 'clanak postavke']) {
      const [made] = await portal.sql<{ tsquery: string | null; folded: string }>("select help_query($1, 'hr')::text as tsquery, help_fold($1) as folded", [q]);
      const literal = (v: string) => `'${v.replaceAll("'", "''")}'`;
      const sql = SEARCH_SQL.replaceAll('$1', literal(made!.tsquery ?? '')).replaceAll('$2', literal(made!.folded)).replaceAll('$3', "'hr'").replaceAll('$4', '20');
      const explain = async () => ((await portal.sql(`explain (analyze, format json) ${sql}`)) as unknown as [{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }])[0]['QUERY PLAN'][0];
      const plan = await explain();
      // The fastest of a few runs: the machine is shared with the rest of the suite.
      let fastest = plan['Execution Time'];
      for (let i = 0; i < 2; i += 1) fastest = Math.min(fastest, (await explain())['Execution Time']);
      const nodes = flatten(plan.Plan);
      expect(nodes.some((n) => n['Index Name'] === 'help_articles_title_trgm_idx'), q).toBe(true);
      // Only the page of best matches is read again for its summary.
      const joinBack = nodes.find((n) => n['Index Name'] === 'help_articles_pkey');
      expect((joinBack?.['Actual Loops'] ?? 0) * (joinBack?.['Actual Rows'] ?? 0), q).toBeLessThanOrEqual(20);
      // Generous for a loaded 2-core machine: ranking every match after a join takes several times longer.
      expect(fastest, q).toBeLessThan(120);
    }
  });

  it('finds the one article among ten thousand quickly, and forgives a typo in the title', async () => {
    const search = (text: string) => portal.services.uow.run((scope) => scope.help.search({ text, locale: 'hr', limit: 20 }));
    expect((await search('zaboravljena lozinka')).map((a) => a.slug)).toEqual(['trazena-zaboravljena-lozinka']);
    expect((await search('zaboravljna lozinka')).map((a) => a.slug)).toEqual(['trazena-zaboravljena-lozinka']);
    const many = await search('clanak postavke');
    expect(many).toHaveLength(20);
    expect(many.every((a) => a.locale === 'hr' && a.status === 'published')).toBe(true);
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      await search(i % 2 ? 'zaboravljena lozinka' : 'sanducic produzenje');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    // Generous for a loaded 2-core machine; a scan of every article with ranking takes several times longer.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(150);
  });

  it('keeps the front page and a category page to an index range', async () => {
    const plan = JSON.stringify(
      await portal.sql(`explain (format json) select a.id from help_categories c cross join lateral (select * from help_articles x where x.category_id = c.id and x.locale = 'hr' and x.status = 'published' order by x.position, x.id limit 6) a`),
    );
    expect(plan).toMatch(/help_articles_(published|category)_idx/u);
    const page = await portal.services.uow.run((scope) => scope.help.listByCategory({ categoryId, locale: 'hr', publishedOnly: true }, { limit: 50 }));
    expect(page.items).toHaveLength(50);
    expect(page.next).not.toBeNull();
  });
});
