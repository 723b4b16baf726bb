/**
 * `npm run bench`: how the portal's read pages scale with the size of an account.
 * Seeds one account with N services, N domains and N tickets, and N other client accounts, straight in SQL,
 * and N published help articles, then times the client's pages, the help centre (front page, article, search) and
 * the staff back office (client search and view, ticket queue) through the
 * real app (PostgreSQL, MikroORM, Lucia sessions) and counts their queries.
 * BENCH_DATABASE_URL to use a server of your own (a database it may fill); otherwise embedded PostgreSQL.
 * `npm run bench -- load` runs the load mode instead (bench/load.ts): the real server under autocannon beside its ceilings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchServices } from './bench-services.js';
import { createOrm, execute, migrate } from '../adapters/mikro-orm/orm.js';
import { startPgBoss } from '../adapters/pg-boss/pg-boss-job-queue.js';
import { startEmbeddedDatabase } from '../adapters/postgres/embedded-database.js';
import { seedCatalog } from '../application/catalog/demo-catalog.js';
import { SeedDemoData, DEMO } from '../application/demo/seed-demo-data.js';
import { PostgresDatabaseHealth } from '../adapters/postgres/postgres-database-health.js';
import { createApp } from '../web/app.js';
import { buildUseCases } from '../web/use-cases.js';
import { OsloTotp } from '../adapters/system/oslo-totp.js';
import { MarkdownItRenderer } from '../adapters/markdown/markdown-it-renderer.js';


const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);

async function main(): Promise<void> {
  let url = process.env.BENCH_DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
    const embedded = await startEmbeddedDatabase({ dataDir: join(dir, 'pgdata'), persistent: false, database: 'bench', fsync: false });
    url = embedded.url;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const orm = await createOrm(url);
  await migrate(orm);
  const boss = await startPgBoss(url, { supervise: false });
  const services = benchServices(orm, boss, 'http://localhost:3000');
  await seedCatalog(services);
  await new SeedDemoData(services, new MarkdownItRenderer()).execute();
  const app = createApp({ useCases: buildUseCases(services, { database: new PostgresDatabaseHealth(url) }), appUrl: 'http://localhost:3000', secureCookies: false, trustProxy: true, log: () => undefined });
  const signIn = await app.request('/sign-in', { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: DEMO.owner.email, password: DEMO.owner.password }).toString() });
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const staffSignIn = await app.request('/staff/sign-in', {
    method: 'POST',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: DEMO.staff[0].email, password: DEMO.staff[0].password, code: OsloTotp.codeAt(DEMO.totpSecret, new Date()) }).toString(),
  });
  const staffCookie = staffSignIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const em = orm.em.fork();
  const [account] = await execute<{ id: string }>(em, 'select id from client_accounts where oib = $1', [DEMO.account.oib]);
  const [order] = await execute<{ id: string }>(em, 'select id from orders where account_id = $1 limit 1', [account!.id]);
  const [product] = await execute<{ id: string }>(em, `select id from products where code = 'MAIL-BOX'`);
  const [owner] = await execute<{ id: string }>(em, 'select owner_user_id as id from client_accounts where id = $1', [account!.id]);
  const [benchOwner] = await execute<{ id: string }>(em, `insert into users (id, email, name, password_hash, locale, created_at, last_totp_step) values (gen_random_uuid(), 'bench-owner@bench.hr', 'Bench', null, 'hr', now(), 0) returning id`);

  console.log(`rounds per page: ${ROUNDS}`);
  console.log('size      page                          p50 ms   p95 ms   queries');
  let seeded = 0;
  for (const size of SIZES) {
    const more = size - seeded;
    await execute(em, `insert into services (id, account_id, order_id, product_id, product_code, kind, name, domain_name, status, period_months, activated_at, expires_at, sealed_credentials)
      select gen_random_uuid(), $1, $2, $3, 'MAIL-BOX', 'mailbox', 'Poslovni e-mail sandučić', 'b' || g || '.hr', 'active', 12, now() - (g || ' minutes')::interval, now() + interval '200 days', null
      from generate_series(1, $4::int) g`, [account!.id, order!.id, product!.id, more]);
    await execute(em, `insert into domains (id, account_id, order_id, name, status, period_months, registered_at, expires_at, nameservers)
      select gen_random_uuid(), $1, $2, 'bench-' || $4::int || '-' || g || '.hr', 'active', 12, now() - (g || ' minutes')::interval, now() + interval '200 days', array['ns1.bench']
      from generate_series(1, $3::int) g`, [account!.id, order!.id, more, size]);
    await execute(em, `insert into tickets (id, account_id, number, subject, department, priority, status, opened_by_user_id, created_at, last_activity_at)
      select gen_random_uuid(), $1, 'T-B-' || $4::int || '-' || g, 'Pitanje ' || g, 'technical', 'normal', 'open', $2, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
      from generate_series(1, $3::int) g`, [account!.id, owner!.id, more, size]);
    await execute(em, `insert into client_accounts (id, entity_type, buyer_class, name, oib, email, phone, street, postal_code, city, country, owner_user_id, created_at)
      select gen_random_uuid(), 'doo', 'vat_business', 'Klijent ' || $3::int || '-' || g || ' d.o.o.', lpad(($3::bigint * 100000 + g)::text, 11, '7'), 'k' || $3::int || '-' || g || '@klijent.hr', '+385 1 000', 'Ilica 1', '10000', 'Zagreb', 'HR', $1, now()
      from generate_series(1, $2::int) g`, [benchOwner!.id, more, size]);
    // Help articles in words a hosting company writes, so that search has real competition for every query.
    await execute(em, `insert into help_articles (id, category_id, locale, slug, title, summary, keywords, body_markdown, body_html, body_text, status, position, revision, created_at, updated_at, published_at)
      select gen_random_uuid(), (select id from help_categories where slug = 'usluge'), 'hr', 'clanak-' || $2::int || '-' || g,
             (array['Domena', 'Hosting', 'Račun', 'Sandučić', 'Certifikat'])[1 + g % 5] || ' ' || g || ': ' || (array['postavke', 'produženje', 'prijenos', 'otkaz', 'cijena'])[1 + g % 7 % 5],
             'Kratki sažetak', '', 'Tekst', '<p>Tekst</p>', 'Ovaj članak opisuje uslugu broj ' || g || ' i njezine postavke na poslužitelju.', 'published', 1000 + g, 1, now(), now(), now()
      from generate_series(1, $1::int) g`, [more, size]);
    await execute(em, 'analyze');
    seeded = size;
    const pages: Array<[string, string]> = [
      ['/dashboard', cookie],
      [`/accounts/${account!.id}/services`, cookie],
      [`/accounts/${account!.id}/domains`, cookie],
      [`/accounts/${account!.id}/orders`, cookie],
      [`/accounts/${account!.id}/tickets`, cookie],
      ['/staff/clients?q=klijent', staffCookie],
      [`/staff/clients?q=k${size}-1%40`, staffCookie],
      [`/staff/clients/${account!.id}`, staffCookie],
      ['/staff/tickets', staffCookie],
      ['/help', ''],
      ['/help/articles/zaboravljena-lozinka', ''],
      ['/help/search?q=zaboravljena%20lozinka', ''],
      ['/help/search?q=clanak%20postavke', ''],
    ];
    for (const [path, session] of pages) {
      const times: number[] = [];
      let queries = 0;
      const original = pg.Client.prototype.query;
      for (let i = 0; i < ROUNDS; i += 1) {
        let counted = 0;
        pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
          counted += 1;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } as typeof original;
        const started = performance.now();
        // Visitors of the help centre come from many addresses (search is rate limited per address).
        const response = await app.request(path, { headers: session ? { cookie: session } : { 'x-forwarded-for': `203.0.113.${i}` } });
        await response.text();
        times.push(performance.now() - started);
        pg.Client.prototype.query = original;
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        queries = counted;
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      console.log(`${String(size).padEnd(9)} ${path.replace(account!.id, ':id').replace(/q=k\d+-1%40/u, 'q=k{n}-1@').padEnd(29)} ${at(0.5).padStart(6)}   ${at(0.95).padStart(6)}   ${String(queries).padStart(7)}`);
    }
  }
  await boss.stop({ graceful: false, close: true });
  await orm.close(true);
  await stop();
}

if (process.argv.includes('load')) await import('./load.js');
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
