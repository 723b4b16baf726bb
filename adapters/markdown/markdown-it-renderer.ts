import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { MarkdownRenderer } from '../../application/ports/markdown-renderer.js';
import type { RenderedBody } from '../../domain/help/article.js';

/** The tags Markdown produces, and nothing else: never script, style, iframe, form or an event handler. */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'hr', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's'],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Headings start at h2: the article's title is the page's one h1.
  transformTags: { h1: 'h2', a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/**
 * markdown-it with raw HTML switched off (an editor's `<script>` is shown as text), then sanitize-html with an
 * allow-list as a second wall, so a bug in one of them is not enough to put script on a page.
 */
export class MarkdownItRenderer implements MarkdownRenderer {
  private readonly md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

  render(markdown: string): RenderedBody {
    const html = sanitizeHtml(this.md.render(markdown), POLICY);
    const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, textFilter: (t) => `${t} ` })
      .replace(/&amp;/gu, '&')
      .replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&quot;/gu, '"')
      .replace(/&#39;/gu, "'")
      .replace(/\s+/gu, ' ')
      .trim();
    return { html, text };
  }
}
