import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, readCacheOf, type Orm } from '../../adapters/mikro-orm/orm.js';
import { Authenticate } from '../../application/identity/authenticate.js';
import type { Services } from '../../application/shared/services.js';
import { realServices } from '../../web/real-services.js';
import { createApp } from '../../web/app.js';
import { buildUseCases } from '../../web/use-cases.js';
import { givenContact, givenOwner, givenStaff } from '../support/builders.js';
import { givenArticle, givenCategory } from '../support/help-builders.js';
import { APP_URL, LIFETIME, SETTINGS, TEST_SECRETS } from '../support/in-memory-portal.js';
import { postgresPortal, type PostgresPortal } from '../support/postgres-portal.js';
import { countQueries } from '../support/query-count.js';
import { tcpProxy } from '../support/tcp-proxy.js';
import { NotifiedCache } from '../../adapters/postgres/notified-cache.js';

// Two web workers on one database, as `npm start` runs them: each keeps live sessions and the help centre's front page
// in memory (NotifiedCache) and must stop using them as soon as it, or the other worker, or anything else writing to
// the database, changes what they were read from.
let portal: PostgresPortal;
let otherOrm: Orm;
let other: Services;
const META = { clientAddress: '127.0.0.1', userAgent: 'test' };

beforeAll(async () => {
  portal = await postgresPortal({ workers: false });
  otherOrm = await createOrm(portal.databaseUrl, { poolMax: 3 });
  other = realServices({ orm: otherOrm, boss: portal.boss, clock: portal.clock, lifetime: LIFETIME, settings: SETTINGS, secrets: TEST_SECRETS, outside: portal.outside });
});
afterAll(async () => {
  await otherOrm?.close(true);
  await portal?.close();
});

const here = () => new Authenticate(portal.services);
const there = () => new Authenticate(other);
const cacheHere = () => readCacheOf(portal.orm)!;
const cacheThere = () => readCacheOf(otherOrm)!;

async function signedIn(services: Services, subject: 'user' | 'staff', id: string): Promise<string> {
  return services.uow.run(async (scope) => (await scope.sessions.create(subject, id, META)).token);
}

/** Reads the session until both workers answer it from memory (the listening connection opens on first use). */
async function keptByBoth(token: string, kind: 'user' | 'staff' = 'user'): Promise<void> {
  let statements: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    statements = [await countQueries(async () => void (await here()[kind](token))), await countQueries(async () => void (await there()[kind](token)))];
    if (statements.every((n) => n === 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(statements).toEqual([0, 0]);
}

describe('live sessions kept in memory by each worker', () => {
  it('reads a session once, then answers from memory with the same person and rights', async () => {
    const { user, account } = await givenOwner(portal.services);
    const token = await signedIn(portal.services, 'user', user.id);
    const first = await there().user(token);
    await keptByBoth(token);
    const kept = await there().user(token);
    expect([kept?.user.id, kept?.actor]).toEqual([first?.user.id, first?.actor]);
    expect(kept?.actor).toMatchObject({ kind: 'user', userId: user.id, memberships: [expect.objectContaining({ accountId: account.id })] });
    expect(Object.isFrozen(kept?.user)).toBe(true);
  });

  it('forgets a session ended on one worker: at once there, and on the other when the database tells it', async () => {
    const { user } = await givenOwner(portal.services);
    const token = await signedIn(portal.services, 'user', user.id);
    await keptByBoth(token);
    await portal.services.uow.run((scope) => scope.sessions.invalidate('user', token));
    expect(await here().user(token)).toBeNull();
    await cacheThere().sync();
    expect(await there().user(token)).toBeNull();
  });

  it('drops a removed contact’s rights on both workers, and a change made elsewhere is seen', async () => {
    const { account } = await givenOwner(portal.services);
    const { user, contact } = await givenContact(portal.services, account.id, { permissions: ['invoices'] });
    const token = await signedIn(other, 'user', user.id);
    await keptByBoth(token);
    expect((await there().user(token))?.actor).toMatchObject({ memberships: [expect.objectContaining({ accountId: account.id })] });
    await portal.services.uow.run((scope) => scope.contacts.remove(contact.id));
    expect((await here().user(token))?.actor).toMatchObject({ memberships: [] });
    await cacheThere().sync();
    expect((await there().user(token))?.actor).toMatchObject({ memberships: [] });
    // A write the portal did not make (another tool on the database) is heard of the same way.
    await keptByBoth(token);
    await portal.sql('update users set name = $2 where id = $1', [user.id, 'Renamed elsewhere']);
    await Promise.all([cacheHere().sync(), cacheThere().sync()]);
    expect([(await here().user(token))?.user.name, (await there().user(token))?.user.name]).toEqual(['Renamed elsewhere', 'Renamed elsewhere']);
  });

  it('drops a staff member switched off elsewhere', async () => {
    const staff = await givenStaff(portal.services, ['support']);
    const token = await signedIn(portal.services, 'staff', staff.id);
    await keptByBoth(token, 'staff');
    await portal.sql('update staff_members set active = false where id = $1', [staff.id]);
    await Promise.all([cacheHere().sync(), cacheThere().sync()]);
    expect([await here().staff(token), await there().staff(token)]).toEqual([null, null]);
  });

  it('keeps sessions through a change that only read a person, and drops them when one is written', async () => {
    const { user } = await givenOwner(portal.services);
    const token = await signedIn(portal.services, 'user', user.id);
    await keptByBoth(token);
    // A failed sign-in, say, looks the user up in a change of its own: nothing a session carries was written.
    await portal.services.uow.run(async (scope) => void (await scope.users.findById(user.id)));
    expect(await countQueries(async () => void (await here().user(token)))).toBe(0);
    await portal.services.uow.run(async (scope) => {
      const found = await scope.users.findById(user.id);
      found!.name = 'Renamed here';
      await scope.users.save(found!);
    });
    let name = '';
    expect(await countQueries(async () => void (name = (await here().user(token))?.user.name ?? ''))).toBe(1);
    expect(name).toBe('Renamed here');
  });

  it('gives up a listening connection that goes silent, and listens again on a new one', async () => {
    const url = new URL(portal.databaseUrl);
    const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const cache = new NotifiedCache<object>({ databaseUrl: url.toString(), channel: 'portal_changes', applicationName: 'silent test', ttlMs: 30_000, maxEntries: 10, heartbeatMs: 100, answerWithinMs: 500, retryMs: 100 });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 500 && !ok(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      return ok();
    };
    try {
      cache.get('start');
      expect(await until(() => cache.listening)).toBe(true);
      cache.keep(cache.ticket(), 'kept', ['tag'], { v: 1 });
      expect(cache.get('kept')).toEqual({ v: 1 });
      proxy.freeze();
      expect(await until(() => !cache.listening)).toBe(true);
      expect(cache.get('kept')).toBeUndefined();
      expect(await until(() => cache.listening)).toBe(true);
    } finally {
      await cache.close();
      await proxy.stop();
    }
  });

  it('keeps nothing while it cannot hear the database, and keeps again once it listens', async () => {
    const { user } = await givenOwner(portal.services);
    const token = await signedIn(portal.services, 'user', user.id);
    await keptByBoth(token);
    await portal.sql(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'portal read cache'`);
    for (let i = 0; i < 500 && (cacheHere().listening || cacheThere().listening); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect([cacheHere().listening, cacheThere().listening, cacheHere().size, cacheThere().size]).toEqual([false, false, 0, 0]);
    expect(await countQueries(async () => void (await there().user(token)))).toBe(1);
    await keptByBoth(token);
  });
});

describe('the help centre’s front page kept in memory by each worker', () => {
  const appOf = (services: Services) => createApp({ useCases: buildUseCases(services, { database: portal.database }), appUrl: APP_URL, secureCookies: false, trustProxy: false, log: () => undefined });
  const home = async (app: ReturnType<typeof appOf>) => {
    let body = '';
    const statements = await countQueries(async () => void (body = await (await app.request('/help')).text()));
    return { body, statements };
  };

  it('answers /help from memory, and shows a change made on either worker or elsewhere', async () => {
    const category = await givenCategory(portal.services);
    const article = await givenArticle(portal.services, category.id, { title: 'Prvi naslov' });
    const [a, b] = [appOf(portal.services), appOf(other)];
    let shown = { body: '', statements: -1 };
    for (let i = 0; i < 300 && shown.statements !== 0; i += 1) {
      await home(a);
      shown = await home(b);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect([shown.statements, shown.body.includes('Prvi naslov')]).toEqual([0, true]);
    // Published by the other worker's editor: this worker hears of it from the database.
    await givenArticle(other, category.id, { title: 'Drugi naslov' });
    expect((await home(b)).body).toContain('Drugi naslov');
    await cacheHere().sync();
    expect((await home(a)).body).toContain('Drugi naslov');
    await portal.sql('update help_articles set title = $2 where id = $1', [article.id, 'Treći naslov']);
    await Promise.all([cacheHere().sync(), cacheThere().sync()]);
    expect([(await home(a)).body.includes('Treći naslov'), (await home(b)).body.includes('Treći naslov')]).toEqual([true, true]);
  });
});
