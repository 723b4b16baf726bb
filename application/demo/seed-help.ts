import type { Actor } from '../../domain/authorization/actor.js';
import { HelpEditor } from '../help/help-editor.js';
import type { MarkdownRenderer } from '../ports/markdown-renderer.js';
import { SYSTEM_META } from '../shared/request-meta.js';
import type { Services } from '../shared/services.js';
import { DEMO_ARTICLES_EN, DEMO_ARTICLES_HR, DEMO_CATEGORIES } from './help-demo-content.js';

/**
 * The demo help centre, written through the editors' own use case (so it has revisions and audit records like any
 * article). Runs once: nothing is added when the first category exists.
 */
export async function seedHelp(deps: Pick<Services, 'uow' | 'clock' | 'ids'>, markdown: MarkdownRenderer, editorEmail: string): Promise<void> {
  const editor = new HelpEditor(deps, markdown);
  const found = await deps.uow.run(async (scope) => ({ staff: await scope.staff.findByEmail(editorEmail), seeded: await scope.help.findCategoryBySlug(DEMO_CATEGORIES[0].slug) }));
  if (!found.staff || found.seeded) return;
  const actor: Actor = { kind: 'staff', staffId: found.staff.id, roles: found.staff.roles };
  const categories = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) {
    const created = await editor.createCategory(actor, c, SYSTEM_META);
    if (!created.ok) throw new Error(`demo help category ${c.slug}: ${created.error.code}`);
    categories.set(c.slug, created.value.id);
  }
  const ids = new Map<string, string>();
  for (const [locale, articles] of [['hr', DEMO_ARTICLES_HR], ['en', DEMO_ARTICLES_EN]] as const) {
    for (const a of articles) {
      const created = await editor.create(actor, { categoryId: categories.get(a.category)!, locale, slug: a.slug, title: a.title, summary: a.summary, keywords: a.keywords, bodyMarkdown: a.body }, SYSTEM_META);
      if (!created.ok) throw new Error(`demo help article ${a.slug}: ${created.error.code}`);
      ids.set(a.slug, created.value.id);
      await editor.publish(actor, created.value.id, true, SYSTEM_META);
    }
  }
  for (const a of [...DEMO_ARTICLES_HR, ...DEMO_ARTICLES_EN]) {
    const linked = await editor.setRelated(actor, ids.get(a.slug)!, a.related, SYSTEM_META);
    if (!linked.ok) throw new Error(`demo help links of ${a.slug}: ${linked.error.code}`);
  }
}
