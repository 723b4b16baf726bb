import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG 2.2 AA for the colours the stylesheet defines once: text (1.4.3, 4.5:1) and input borders and the focus ring
 * (1.4.11, 3:1), against both backgrounds pages use. axe-core in the browser tests checks text as rendered; it does
 * not check borders, so this does.
 */
const css = readFileSync(new URL('../../web/assets/app.css', import.meta.url), 'utf8');
const root = /:root\s*\{([^}]*)\}/u.exec(css)![1]!;
const colour = (name: string): string => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'iu').exec(root)![1]!;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('the stylesheet colours meet WCAG 2.2 AA', () => {
  const backgrounds = ['#ffffff', colour('bg')];
  it.each(['ink', 'muted', 'brand', 'bad', 'ok'])('text in --%s reads at 4.5:1 or more on white and on the page background', (name) => {
    for (const background of backgrounds) expect(contrast(colour(name), background), `${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
  });
  it.each(['field', 'focus'])('--%s (input borders, the focus ring) stands out at 3:1 or more', (name) => {
    for (const background of backgrounds) expect(contrast(colour(name), background), `${name} on ${background}`).toBeGreaterThanOrEqual(3);
  });
  it('is not blind: the light line colour is too faint for a border a person must find', () => {
    expect(contrast(colour('line'), '#ffffff')).toBeLessThan(3);
  });
});
