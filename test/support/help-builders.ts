import { MarkdownItRenderer } from '../../adapters/markdown/markdown-it-renderer.js';
import type { Services } from '../../application/shared/services.js';
import { HelpArticle } from '../../domain/help/article.js';
import { HelpCategory } from '../../domain/help/category.js';
import type { Locale } from '../../domain/identity/locale.js';

const renderer = new MarkdownItRenderer();
let sequence = 0;

export async function givenCategory(services: Services, opts: { slug?: string; nameHr?: string; position?: number } = {}): Promise<HelpCategory> {
  sequence += 1;
  const category = HelpCategory.create({
    id: services.ids.newId(),
    fields: { slug: opts.slug ?? `kategorija-${sequence}-${Date.now()}`, nameHr: opts.nameHr ?? `Kategorija ${sequence}`, nameEn: `Category ${sequence}`, descriptionHr: '', descriptionEn: '' },
    position: opts.position ?? sequence,
    now: services.clock.now(),
  });
  await services.uow.run((scope) => scope.help.addCategory(category));
  return category;
}

/** An article stored as a repository sees it; published unless told otherwise. */
export async function givenArticle(
  services: Services,
  categoryId: string,
  opts: { title?: string; body?: string; summary?: string; keywords?: string; locale?: Locale; status?: 'draft' | 'published'; position?: number; slug?: string } = {},
): Promise<HelpArticle> {
  sequence += 1;
  const title = opts.title ?? `Članak ${sequence}`;
  const body = opts.body ?? `Tekst članka broj ${sequence}.`;
  const now = services.clock.now();
  const article = HelpArticle.draft({
    id: services.ids.newId(),
    content: { categoryId, locale: opts.locale ?? 'hr', slug: opts.slug ?? `clanak-${sequence}-${Math.random().toString(36).slice(2, 8)}`, title, summary: opts.summary ?? '', keywords: opts.keywords ?? '', bodyMarkdown: body },
    body: renderer.render(body),
    position: opts.position ?? sequence,
    now,
  });
  if ((opts.status ?? 'published') === 'published') article.publish(now);
  await services.uow.run((scope) => scope.help.add(article));
  return article;
}
