import type { MarkdownRenderer } from '../../application/ports/markdown-renderer.js';
import type { RenderedBody } from '../../domain/help/article.js';

const escape = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');

/** The simplest safe renderer: every paragraph escaped as text, no Markdown at all. For tests without the library. */
export class PlainTextRenderer implements MarkdownRenderer {
  render(markdown: string): RenderedBody {
    const paragraphs = markdown.split(/\n{2,}/u).map((p) => p.trim()).filter(Boolean);
    return { html: paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n'), text: paragraphs.join(' ').replace(/\s+/gu, ' ') };
  }
}
