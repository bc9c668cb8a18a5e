// A small accessible-name audit for tests: every control a keyboard or a screen reader reaches
// (buttons, fields, selects, links, and anything with an interactive role) must have a name.
// Simplified from the W3C accessible name computation: aria-labelledby, aria-label, a <label>,
// then the content (buttons and the like) or the title. A placeholder is not a name.

const CONTROLS = [
  'button',
  'input:not([type=hidden])',
  'select',
  'textarea',
  'a[href]',
  '[role=button]',
  '[role=link]',
  '[role=menuitem]',
  '[role=checkbox]',
  '[role=switch]',
  '[role=tab]',
  '[role=option]',
  '[role=slider]',
].join(', ');

/** Elements whose own content names them (a button's text, a link's). */
const NAMED_BY_CONTENT = new Set(['button', 'a', 'summary']);
const ROLES_NAMED_BY_CONTENT = new Set(['button', 'link', 'menuitem', 'checkbox', 'switch', 'tab', 'option']);

function hidden(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
    if (e instanceof HTMLElement && e.style.display === 'none') return true;
  }
  return false;
}

/** The text a screen reader reads from `el`'s content (aria-hidden parts left out). */
function contentText(el: Element, skip?: Element): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node === skip) continue;
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
    else if (node instanceof Element) {
      if (node.getAttribute('aria-hidden') === 'true') continue;
      // A field inside its label is not part of the label's text.
      if (node.matches('input, select, textarea')) continue;
      if (node instanceof HTMLImageElement) out += node.alt;
      else out += ' ' + (node.getAttribute('aria-label') ?? contentText(node, skip)) + ' ';
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** `el`'s accessible name, '' when it has none. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id))
      .map((ref) => (ref ? contentText(ref) : ''))
      .join(' ')
      .trim();
    if (text) return text;
  }
  const aria = el.getAttribute('aria-label')?.trim();
  if (aria) return aria;
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
    const fromLabels = Array.from(el.labels ?? [])
      .map((l) => contentText(l, el))
      .join(' ')
      .trim();
    if (fromLabels) return fromLabels;
    if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type) && el.value.trim()) return el.value.trim();
  }
  const role = el.getAttribute('role');
  if (NAMED_BY_CONTENT.has(el.tagName.toLowerCase()) || (role && ROLES_NAMED_BY_CONTENT.has(role))) {
    const text = contentText(el);
    if (text) return text;
  }
  return el.getAttribute('title')?.trim() ?? '';
}

/** A short description of every control under `root` without an accessible name. */
export function unnamedControls(root: ParentNode = document.body): string[] {
  return Array.from(root.querySelectorAll(CONTROLS))
    .filter((el) => !hidden(el) && accessibleName(el) === '')
    .map((el) => {
      const id = el.getAttribute('data-testid');
      const cls = el.getAttribute('class');
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}${cls ? ` class="${cls}"` : ''}${
        el.getAttribute('type') ? ` type="${el.getAttribute('type')}"` : ''
      }>`;
    });
}

/** How many controls the audit looked at under `root` (so a test knows it audited something). */
export function controlCount(root: ParentNode = document.body): number {
  return Array.from(root.querySelectorAll(CONTROLS)).filter((el) => !hidden(el)).length;
}
