import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Voter } from '../../domain/help/vote.js';
import type { AppEnv } from '../http/env.js';
import { readCookie, writeCookie } from '../http/cookies.js';
import { notFound } from '../http/params.js';
import { anonymousPage, failurePage, html, pageOf } from '../http/render.js';
import { noStore } from '../http/security.js';
import { validated } from '../http/validate.js';
import { failureMessage } from '../i18n/translate.js';
import type { UseCases } from '../use-cases.js';
import { AnnouncementsPage, HelpArticlePage, HelpCategoryPage, HelpHomePage, HelpSearchPage } from '../views/help-pages.js';

export const slugParam = z.string().regex(/^[a-z0-9-]{1,120}$/u);
const VISITOR = /^[\w-]{22,64}$/u;
const YEAR_SECONDS = 365 * 86_400;

/** Who votes: the signed-in person, else this browser's visitor cookie, else (no cookie) the client address. */
export function voterOf(c: Context<AppEnv>, secure: boolean): Voter {
  const auth = c.get('auth');
  if (auth) return { kind: 'user', id: auth.user.id };
  const visitor = readCookie(c, 'visitor', secure);
  return visitor && VISITOR.test(visitor) ? { kind: 'visitor', id: visitor } : { kind: 'address', id: c.get('meta').clientAddress };
}

/** The public help centre and the announcements; voting and marking read are the only writes. */
export function helpRoutes(useCases: UseCases, secure: boolean) {
  const app = new Hono<AppEnv>();
  const { helpCenter, announcements } = useCases;

  app.get('/help', async (c) => {
    const home = await helpCenter.home(c.get('locale'));
    return anonymousPage(c, 'help', () => <HelpHomePage page={pageOf(c)} home={home} />, [home.categories, home.articles]);
  });

  app.get('/help/search', validated('query', z.object({ q: z.string().max(400).default('') })), async (c) => {
    const q = c.req.valid('query').q.trim();
    if (!q) return c.redirect('/help', 303);
    const result = await helpCenter.search(q, c.get('locale'), c.get('meta'));
    if (!result.ok && result.error.kind === 'rate_limited') return failurePage(c, result.error);
    return html(c, <HelpSearchPage page={pageOf(c)} q={q.slice(0, 200)} results={result.ok ? result.value : []} error={result.ok ? undefined : failureMessage(c.get('t'), result.error.code, result.error.details)} />, result.ok ? 200 : 422);
  });

  app.get('/help/categories/:slug', validated('param', z.object({ slug: slugParam }), notFound), validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const result = await helpCenter.category(c.req.valid('param').slug, c.get('locale'), c.req.valid('query').after ?? null);
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <HelpCategoryPage page={pageOf(c)} category={result.value.category} articles={result.value.page.items} next={result.value.page.next} />);
  });

  app.get('/help/articles/:slug', validated('param', z.object({ slug: slugParam }), notFound), validated('query', z.object({ voted: z.enum(['thanks', 'already']).optional() })), async (c) => {
    // A visitor gets a random id on first reading, so that a vote is recognised as theirs without knowing who they are.
    if (!c.get('auth') && !VISITOR.test(readCookie(c, 'visitor', secure) ?? '')) writeCookie(c, 'visitor', randomBytes(18).toString('base64url'), secure, YEAR_SECONDS);
    const result = await helpCenter.article(c.get('actor'), c.req.valid('param').slug, voterOf(c, secure));
    if (!result.ok) return failurePage(c, result.error);
    return html(c, <HelpArticlePage page={pageOf(c)} view={result.value} notice={c.req.valid('query').voted} />);
  });

  app.post('/help/articles/:slug/vote', validated('param', z.object({ slug: slugParam }), notFound), validated('form', z.object({ helpful: z.enum(['yes', 'no']) })), async (c) => {
    const { slug } = c.req.valid('param');
    const result = await helpCenter.vote(slug, c.req.valid('form').helpful === 'yes', voterOf(c, secure), c.get('meta'));
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect(`/help/articles/${slug}?voted=${result.value.counted ? 'thanks' : 'already'}#vote`, 303);
  });

  app.get('/announcements', validated('query', z.object({ after: z.string().max(200).optional() })), async (c) => {
    const page = await announcements.list(c.req.valid('query').after ?? null);
    return html(c, <AnnouncementsPage page={pageOf(c)} announcements={page.items} next={page.next} />);
  });

  app.post('/announcements/:id/read', noStore, validated('param', z.object({ id: z.uuid() }), notFound), async (c) => {
    if (!c.get('auth')) return c.redirect('/sign-in?notice=expired', 303);
    const result = await announcements.markRead(c.get('actor'), c.req.valid('param').id);
    if (!result.ok) return failurePage(c, result.error);
    return c.redirect('/dashboard', 303);
  });

  return app;
}
