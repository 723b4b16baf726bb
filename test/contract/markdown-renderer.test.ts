import { describe, expect, it } from 'vitest';
import { MarkdownItRenderer } from '../../adapters/markdown/markdown-it-renderer.js';
import { PlainTextRenderer } from '../../adapters/in-memory/plain-text-renderer.js';
import type { MarkdownRenderer } from '../../application/ports/markdown-renderer.js';

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">klik</a>',
  '[klik](javascript:alert(1))',
  '[klik](JaVaScRiPt:alert(1))',
  '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![slika](javascript:alert(1))',
  '<iframe src="https://example.com"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<svg onload=alert(1)>',
  '<a href="https://example.com" onclick="alert(1)">x</a>',
];

/** Whatever an editor types, the HTML holds no script, no event handler, no style and no script URL. */
function describeMarkdownRendererContract(name: string, renderer: MarkdownRenderer) {
  describe(`Markdown renderer: ${name}`, () => {
    for (const attack of ATTACKS) {
      it(`refuses ${attack}`, () => {
        const { html } = renderer.render(`Uvod.\n\n${attack}\n\nKraj.`);
        // Only real tags matter: the attack may stay on the page as harmless, escaped text.
        const tags = html.match(/<[^>]*>/gu) ?? [];
        expect(tags.filter((tag) => /^<\/?(script|iframe|svg|img|div|style|object|embed)\b|\son\w+\s*=|\sstyle\s*=|(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/iu.test(tag))).toEqual([]);
        expect(tags.every((tag) => /^<\/?(p|a|strong|em|code|pre|ul|ol|li|h2|h3|h4|br|hr|blockquote|table|thead|tbody|tr|th|td|s)(\s[^>]*)?>$/u.test(tag))).toBe(true);
        expect(html).toContain('Kraj.');
      });
    }
    it('keeps the words, for search', () => {
      const { text } = renderer.render('Članak o **lozinki**.\n\nDrugi odlomak.');
      expect(text).toContain('lozinki');
      expect(text).toContain('Drugi odlomak.');
    });
  });
}

describeMarkdownRendererContract('markdown-it + sanitize-html', new MarkdownItRenderer());
describeMarkdownRendererContract('plain text (in-memory)', new PlainTextRenderer());

describe('Markdown renderer: what an editor may use', () => {
  const renderer = new MarkdownItRenderer();
  it('renders headings (below the page title), lists, links, emphasis, code and tables', () => {
    const { html, text } = renderer.render('# Naslov\n\n## Korak\n\n1. prvi\n2. drugi\n\n- **važno** i *naglašeno*\n\n[Prijava](/sign-in) i [web](https://example.hr) i <https://primjer.hr>\n\n`kod`\n\n| a | b |\n| - | - |\n| 1 | 2 |');
    expect(html).toContain('<h2>Naslov</h2>');
    expect(html).not.toContain('<h1');
    expect(html).toMatch(/<ol>\s*<li>prvi<\/li>/u);
    expect(html).toContain('<strong>važno</strong>');
    expect(html).toContain('<a href="/sign-in" rel="noopener noreferrer">Prijava</a>');
    expect(html).toContain('<a href="https://example.hr" rel="noopener noreferrer">web</a>');
    expect(html).toContain('<code>kod</code>');
    expect(html).toContain('<td>1</td>');
    expect(text).toContain('Naslov Korak');
    expect(text).not.toContain('<');
  });
  it('shows raw HTML as text rather than dropping what the editor wrote', () => {
    expect(renderer.render('a <b>b</b> c').html).toContain('&lt;b&gt;b&lt;/b&gt;');
  });
});
