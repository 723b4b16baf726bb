import type { RenderedBody } from '../../domain/help/article.js';

/**
 * Turns an editor's Markdown into HTML that is safe to put in a page: no script, no event handler attributes, no
 * style, links only to http(s), mailto, tel or this site. Also gives the plain text, for search.
 */
export interface MarkdownRenderer {
  render(markdown: string): RenderedBody;
}
