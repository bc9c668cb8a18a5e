// The orders list over 150 pages of orders: scrolled through 60 pages it holds a bounded
// window of rows while its height covers every row reached; scrolled back, a dropped page
// shows placeholders and comes back by its cursor; Home and End reach rows whose page was
// dropped, and the focus lands on the row once it has arrived.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { OrderQuery, OrderSummary } from '../api';
import { dicts, type Lang } from '../i18n';
import { LangContext } from '../lang';
import { makeFmt } from '../lib/format';
import { HELD_PAGES, ListCacheContext, type ListCache } from '../lib/usePagedList';
import { OrderList } from './OrderList';

const PAGE = 200;
const ROW = 60;
const TOTAL = 150 * PAGE;
const WAIT = { timeout: 5000, interval: 5 };

// jsdom neither scrolls nor lays out: scrolling moves scrollTop and fires `scroll` as a
// browser does, and a scroll container is as tall as its children's inline heights.
Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
  const top = typeof opts === 'object' ? (opts.top ?? this.scrollTop) : this.scrollTop;
  this.scrollTop = top;
  this.dispatchEvent(new Event('scroll'));
} as Element['scrollTo'];
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return Array.from(this.children).reduce((sum, c) => sum + (parseFloat((c as HTMLElement).style.height) || 0), 0);
  },
});

function order(i: number): OrderSummary {
  return {
    id: i,
    orderNumber: String(100000 + i),
    status: 'delivered',
    paymentStatus: 'paid',
    customerId: 1,
    customerName: `Customer ${i}`,
    mobile: null,
    mobileDisplay: null,
    province: null,
    city: null,
    shippingMethod: null,
    finalTotal: 1_000_000 + i,
    itemCount: 1,
    createdAt: '2025-03-21T08:00:00Z',
  };
}

let afters: Array<string | null>;
/** Cursors whose next fetch fails (once each). */
let failing: Set<string>;
/** While set, answers wait for it. */
let gate: Promise<void> | null;
let openGate: () => void;

beforeEach(() => {
  afters = [];
  failing = new Set();
  gate = null;
  mockIPC(async (cmd, args) => {
    if (cmd !== 'list_orders') throw { code: 'unknown_command', message: cmd };
    const q = (args as { query: OrderQuery }).query;
    afters.push(q.after ?? null);
    if (gate) await gate;
    if (q.after && failing.delete(q.after)) throw { code: 'storage', message: 'disk I/O error' };
    const start = q.after ? Number(q.after) : 0;
    const end = Math.min(start + (q.limit ?? 100), TOTAL);
    return {
      orders: Array.from({ length: end - start }, (_, k) => order(start + k + 1)),
      nextAfter: end < TOTAL ? String(end) : null,
    };
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
});

function closeGate() {
  gate = new Promise((r) => (openGate = r));
}

function List({ lang, cache }: { lang: Lang; cache: ListCache }) {
  const prefs = { lang, digits: lang === 'fa' ? ('fa' as const) : ('latin' as const), currency: 'toman' as const };
  return (
    <LangContext.Provider
      value={{ lang, t: dicts[lang], prefs, fmt: makeFmt(prefs), toggle() {}, setLang() {}, setDigits() {}, setCurrency() {} }}
    >
      <ListCacheContext.Provider value={cache}>
        <OrderList query={{}} reloadKey={0} onOpen={() => {}} empty={<p>empty</p>} />
      </ListCacheContext.Provider>
    </LangContext.Provider>
  );
}

const list = () => screen.getByTestId('orders-list');
const rowsReached = () => Number(list().dataset.rows);
const rowsHeld = () => Number(list().dataset.rowsHeld);
const focused = () => document.activeElement as HTMLElement;

function scrollTo(top: number) {
  act(() => {
    list().scrollTop = top;
    fireEvent.scroll(list());
  });
}

/** Scrolls to the end of what is reached, page after page, until `pages` are reached. */
async function scrollPages(pages: number) {
  for (let p = 1; p < pages; p++) {
    scrollTo(rowsReached() * ROW - 600);
    await waitFor(() => expect(rowsReached()).toBe((p + 1) * PAGE), WAIT);
    expect(rowsHeld()).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  }
}

test('60 pages scrolled: a bounded window held, the height covers every row reached, a page scrolled back to comes again by its cursor', async () => {
  render(<List lang="en" cache={new Map()} />);
  await screen.findAllByTestId('order-row', {}, WAIT);
  await scrollPages(60);

  expect(rowsReached()).toBe(60 * PAGE);
  expect(rowsHeld()).toBeGreaterThan(0);
  expect(rowsHeld()).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  // The scroll height is that of all 12,000 rows (and the loader row: there are more).
  const inner = list().querySelector<HTMLElement>('.vlist__inner')!;
  expect(parseFloat(inner.style.height)).toBe((60 * PAGE + 1) * ROW);
  // Each page asked for once, by the previous page's cursor.
  expect(afters).toEqual([null, ...Array.from({ length: 59 }, (_, k) => String((k + 1) * PAGE))]);
  expect(screen.getAllByTestId('order-row').length).toBeLessThan(40);

  // Back to row 250: its page was dropped; placeholders until it comes again.
  closeGate();
  afters = [];
  scrollTo(250 * ROW);
  const pending = await screen.findAllByTestId('pending-row', {}, WAIT);
  expect(screen.queryAllByTestId('order-row')).toHaveLength(0);
  expect(pending[0].className).toContain('vrow--loader');
  expect(pending[0].textContent).toBe('Loading…');
  expect(pending.map((p) => p.getAttribute('aria-label'))).toContain('Row 251, loading…');
  await waitFor(() => expect(afters).toContain('200'), WAIT);
  await act(async () => openGate());
  await waitFor(() => expect(screen.queryAllByTestId('pending-row')).toHaveLength(0), WAIT);
  const row250 = list().querySelector<HTMLElement>('[data-vindex="250"]')!;
  expect(row250.dataset.testid).toBe('order-row');
  expect(row250.dataset.id).toBe('251');
  // Its page and the pages either side, nothing else.
  expect([...afters].sort()).toEqual([null, '200', '400'].sort());
  expect(rowsHeld()).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  expect(rowsReached()).toBe(60 * PAGE);
});

test('End and Home reach rows whose page was dropped: the placeholder holds the focus, then the row takes it', async () => {
  render(<List lang="en" cache={new Map()} />);
  await screen.findAllByTestId('order-row', {}, WAIT);
  await scrollPages(10);
  scrollTo(0);
  await waitFor(() => expect(list().querySelector('[data-vindex="0"]')?.getAttribute('data-testid')).toBe('order-row'), WAIT);
  (list().querySelector('[data-vindex="0"]') as HTMLElement).focus();

  // End: the last row reached (page 9, dropped when scrolled back to the top).
  closeGate();
  fireEvent.keyDown(focused(), { key: 'End' });
  await waitFor(() => expect(focused().dataset.vindex).toBe(String(10 * PAGE - 1)), WAIT);
  expect(focused().dataset.testid).toBe('pending-row');
  expect(list().scrollTop).toBeGreaterThan(9 * PAGE * ROW);
  await act(async () => openGate());
  await waitFor(() => expect(focused().dataset.testid).toBe('order-row'), WAIT);
  expect(focused().dataset.vindex).toBe(String(10 * PAGE - 1));
  expect(focused().dataset.id).toBe(String(10 * PAGE));
  expect(rowsHeld()).toBeLessThanOrEqual(HELD_PAGES * PAGE);

  // Home: row 0, dropped meanwhile, fetched by the first page's cursor (none).
  closeGate();
  afters = [];
  fireEvent.keyDown(focused(), { key: 'Home' });
  await waitFor(() => expect(focused().dataset.vindex).toBe('0'), WAIT);
  expect(focused().dataset.testid).toBe('pending-row');
  expect(afters).toContain(null);
  await act(async () => openGate());
  await waitFor(() => expect(focused().dataset.testid).toBe('order-row'), WAIT);
  expect(focused().dataset.id).toBe('1');
  // (Scrolled to the first row under the sticky header, as before.)
  expect(list().scrollTop).toBeLessThan(ROW);
  // The arrows go on from there.
  fireEvent.keyDown(focused(), { key: 'ArrowDown' });
  await waitFor(() => expect(focused().dataset.id).toBe('2'), WAIT);
});

test('placeholder rows speak Persian first', async () => {
  render(<List lang="fa" cache={new Map()} />);
  await screen.findAllByTestId('order-row', {}, WAIT);
  await scrollPages(8);
  closeGate();
  scrollTo(0);
  const pending = await screen.findAllByTestId('pending-row', {}, WAIT);
  expect(pending[0].getAttribute('aria-label')).toBe('ردیف ۱، در حال بارگذاری…');
  expect(pending[0].textContent).toBe('در حال بارگذاری…');
  await act(async () => openGate());
});

test('a next page that fails is asked for once, then again only when the merchant presses retry', async () => {
  failing.add('200');
  render(<List lang="en" cache={new Map()} />);
  await screen.findAllByTestId('order-row', {}, WAIT);
  scrollTo(PAGE * ROW - 600);
  const shown = await screen.findByTestId('list-more-error', {}, WAIT);
  expect(shown.querySelector('[data-testid=error-message]')?.getAttribute('data-code')).toBe('storage');
  // The list stays near its end and re-renders, but the failed page is not fetched again.
  scrollTo(PAGE * ROW - 500);
  scrollTo(PAGE * ROW - 600);
  await new Promise((r) => setTimeout(r, 200));
  expect(afters.filter((a) => a === '200')).toHaveLength(1);
  expect(rowsReached()).toBe(PAGE);

  fireEvent.click(screen.getByTestId('list-more-retry'));
  await waitFor(() => expect(rowsReached()).toBe(2 * PAGE), WAIT);
  expect(afters.filter((a) => a === '200')).toHaveLength(2);
  expect(screen.queryByTestId('list-more-error')).toBeNull();
});
