// The stylesheet's palettes: the dark one is written twice (explicit dark, and "system" on a dark
// system) and must stay the same; both palettes name the same colours; every var() used is
// defined; the main text/background pairs pass WCAG AA (4.5:1) in both themes.
import { expect, test } from 'vitest';
import css from './styles.css?raw';

/** The custom properties declared in the first rule whose selector ends with `selector`. */
function block(selector: string): Record<string, string> {
  const at = css.indexOf(selector + ' {');
  expect(at, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars[m[1]] = m[2].trim();
  return vars;
}

const light = block(':root,\n.paper');
const dark = block(":root[data-theme='dark']");
const darkSystem = block(":root[data-theme='system'],\n  :root:not([data-theme])");

test('the system-dark palette is the explicit dark one, and both name the light palette\'s colours', () => {
  expect(Object.keys(light).length).toBeGreaterThan(40);
  expect(darkSystem).toEqual(dark);
  expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  expect(css).toContain('@media screen and (prefers-color-scheme: dark)');
  expect(css).toMatch(/:root\[data-theme='dark'\] \{\s*color-scheme: dark;/);
  expect(css).toMatch(/:root:not\(\[data-theme\]\) \{\s*color-scheme: light dark;/);
});

test('every var() used is defined', () => {
  const defined = new Set([...css.matchAll(/(--[\w-]+):/g)].map((m) => m[1]));
  const used = new Set([...css.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1]));
  expect([...used].filter((v) => !defined.has(v))).toEqual([]);
});

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** [text, background]; a literal colour or a palette name. */
const PAIRS: Array<[string, string]> = [
  ['--text', '--bg'],
  ['--text', '--surface'],
  ['--text', '--surface-2'],
  ['--text', '--hover'],
  ['--text', '--input-bg'],
  ['--text', '--note-bg'],
  ['--text-strong', '--surface'],
  ['--label', '--surface'],
  ['--label', '--surface-3'],
  ['--muted', '--bg'],
  ['--muted', '--surface'],
  ['--muted', '--surface-2'],
  ['--muted', '--table-head'],
  ['--text-disabled', '--surface-3'],
  ['--primary-text', '--surface'],
  ['--primary-text', '--primary-50'],
  ['--primary-text', '--primary-100'],
  ['#ffffff', '--primary'],
  ['#ffffff', '--primary-600'],
  ['--sidebar-text', '--sidebar-bg'],
  ['--error-fg', '--error-bg'],
  ['--success-fg', '--success-bg'],
  ['--warning-fg', '--warning-bg'],
  ['--info-fg', '--info-bg'],
  ['--danger-text', '--surface'],
  ['--amber-fg', '--amber-bg'],
  ['--blue-fg', '--blue-bg'],
  ['--indigo-fg', '--indigo-bg'],
  ['--green-fg', '--green-bg'],
  ['--gray-fg', '--gray-bg'],
  ['--pink-fg', '--pink-bg'],
  ['--pay-paid', '--surface'],
  ['--pay-unpaid', '--surface'],
  ['--pay-refunded', '--surface'],
  ['--orange-fg', '--orange-bg'],
  ['--orange-note', '--orange-bg'],
];

test.each([
  ['light', light],
  ['dark', dark],
])('%s palette: body text pairs pass WCAG AA (4.5:1)', (_name, palette) => {
  const colour = (c: string) => (c.startsWith('--') ? palette[c] : c);
  const failing = PAIRS.map(([fg, bg]) => [fg, bg, contrast(colour(fg), colour(bg))] as const).filter(
    ([, , ratio]) => !(ratio >= 4.5),
  );
  expect(failing).toEqual([]);
});

/** [focus ring, what it is drawn against]: WCAG 1.4.11 asks 3:1 for a focus indicator. */
const FOCUS_PAIRS: Array<[string, string]> = [
  ['--focus-outline', '--bg'],
  ['--focus-outline', '--surface'],
  ['--focus-outline', '--surface-2'],
  ['--focus-outline', '--table-head'],
  ['--focus-outline', '--hover'],
  ['--focus-outline', '--input-bg'],
  ['--focus-outline', '--primary-50'],
  // The sync notices' retry and dismiss buttons, on a failed sync's alert.
  ['--focus-outline', '--error-bg'],
  // The sidebar's items (dark in both themes) ring in --focus.
  ['--focus', '--sidebar-bg'],
];

test.each([
  ['light', light],
  ['dark', dark],
])('%s palette: the keyboard focus ring stands out (3:1) on every surface it is drawn on', (_name, palette) => {
  const failing = FOCUS_PAIRS.map(([fg, bg]) => [fg, bg, contrast(palette[fg], palette[bg])] as const).filter(
    ([, , ratio]) => !(ratio >= 3),
  );
  expect(failing).toEqual([]);
});

test('every control that takes the focus has a visible ring: no rule turns the outline off for good', () => {
  // The catch-all ring, weakest of all, so components refine it.
  expect(css).toMatch(/:where\(a\[href\], button, input, select, textarea.*\):focus-visible \{\s*outline: 2px solid var\(--focus-outline\);/);
  // `outline: none` only for the content landmark focused from code.
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const offs = [...rules.matchAll(/([^{}]+)\{[^}]*outline:\s*(none|0)\b[^}]*\}/g)].map((m) => m[1].trim());
  expect(offs).toEqual(['#main-content:focus']);
  for (const rule of ['.btn:focus-visible', '.input:focus-visible', '.nav__item:focus-visible', '.vrow--link:focus-visible']) {
    expect(css, rule).toMatch(new RegExp(`${rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{[^}]*outline: 2px solid`));
  }
});
