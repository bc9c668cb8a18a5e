// The long lists' page window (`usePagedList`): a bounded number of pages held however far
// the merchant scrolls, every page reached still counted, pages scrolled back to fetched again
// by their cursor, no row twice, changed pages and late answers handled.
import { afterEach, expect, test } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  HELD_PAGES,
  ListCacheContext,
  PageWindow,
  patchCachedOrder,
  usePagedList,
  type ListCache,
  type Page,
} from './usePagedList';

afterEach(cleanup);

interface Row {
  id: number;
  status: string;
  paymentStatus: string;
}

const PAGE = 200;
const row = (id: number, status = 'paid'): Row => ({ id, status: 'delivered', paymentStatus: status });

/** Rows 1…total by keyset: `after` is the number of the last row of the previous page. */
function server(total: number) {
  const calls: Array<string | null> = [];
  const fetchPage = async (after: string | null): Promise<Page<Row>> => {
    calls.push(after);
    const start = after ? Number(after) : 0;
    const end = Math.min(start + PAGE, total);
    const items = Array.from({ length: end - start }, (_, k) => row(start + k + 1));
    return { items, nextAfter: end < total ? String(end) : null };
  };
  return { calls, fetchPage };
}

function wrapperWith(cache: ListCache) {
  return ({ children }: { children: ReactNode }) => (
    <ListCacheContext.Provider value={cache}>{children}</ListCacheContext.Provider>
  );
}

/** A promise resolved from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// ---- PageWindow on its own

/** A window over rows 1…total with pages 0…pages-1 reached, all appended in order. */
function reached(pages: number, total = 100_000): PageWindow<Row> {
  const page = (k: number): Page<Row> => {
    const items = Array.from({ length: PAGE }, (_, i) => row(k * PAGE + i + 1));
    return { items, nextAfter: (k + 1) * PAGE < total ? String((k + 1) * PAGE) : null };
  };
  const w = new PageWindow<Row>(page(0));
  for (let k = 1; k < pages; k++) {
    expect(w.append(String(k * PAGE), page(k))).toBe(true);
    w.retain(k, k);
  }
  return w;
}

test('a window holds a bounded number of pages, counts every page reached and finds rows by index', () => {
  const w = reached(60);
  expect(w.count).toBe(60 * PAGE);
  expect(w.pageCount).toBe(60);
  expect(w.nextAfter).toBe(String(60 * PAGE));
  expect(w.heldRows).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  expect(w.heldPages).toEqual([57, 58, 59]);
  expect(w.row(59 * PAGE + 5)?.id).toBe(59 * PAGE + 6);
  // Dropped: no row, but the page and its cursor are still known.
  expect(w.row(250)).toBeUndefined();
  expect(w.pageOf(250)).toBe(1);
  expect(w.cursor(1)).toBe('200');
  expect(w.cursor(0)).toBeNull();
  expect(w.pageOf(-1)).toBe(-1);
  expect(w.pageOf(w.count)).toBe(-1);
  expect(w.missing(0, 2)).toEqual([0, 1, 2]);
  // Fetched again around page 50: the pages on screen and two either side, HELD_PAGES.
  for (const k of w.missing(45, 55)) {
    const items = Array.from({ length: PAGE }, (_, i) => row(k * PAGE + i + 1));
    expect(w.fill(k, w.cursor(k), { items, nextAfter: String((k + 1) * PAGE) })).toBe('filled');
  }
  w.retain(50, 51);
  expect(w.heldPages).toEqual([48, 49, 50, 51, 52, 53]);
  expect(w.heldRows).toBe(HELD_PAGES * PAGE);
  expect(w.count).toBe(60 * PAGE);
});

test('retain keeps the pages on screen and their neighbours, at most HELD_PAGES', () => {
  const w = reached(20);
  for (const k of w.missing(8, 12)) {
    const items = Array.from({ length: PAGE }, (_, i) => row(k * PAGE + i + 1));
    expect(w.fill(k, w.cursor(k), { items, nextAfter: String((k + 1) * PAGE) })).toBe('filled');
  }
  w.retain(10, 10);
  expect(w.heldPages).toEqual([8, 9, 10, 11, 12]);
  w.retain(10, 11);
  expect(w.heldPages).toEqual([8, 9, 10, 11, 12]);
  w.retain(14, 14);
  expect(w.heldPages).toEqual([12]);
  expect(w.heldRows).toBe(PAGE);
});

test('a row is never shown twice among the held pages; a dropped page releases its rows', () => {
  const w = new PageWindow<Row>({ items: [row(1), row(2), row(3)], nextAfter: '3' });
  // Row 3 moved in the sort between the two fetches and comes again on the next page.
  w.append('3', { items: [row(3), row(4), row(5)], nextAfter: '5' });
  expect(w.count).toBe(5);
  expect([0, 1, 2, 3, 4].map((i) => w.row(i)?.id)).toEqual([1, 2, 3, 4, 5]);
  // Page 0 dropped: its rows are no longer held, so its ids are free (the id map stays as
  // small as the window). Row 2 moving to the next page is shown there.
  w.retain(3, 3);
  expect(w.heldPages).toEqual([1]);
  w.append('5', { items: [row(2), row(6)], nextAfter: null });
  expect(w.count).toBe(7);
  expect([5, 6].map((i) => w.row(i)?.id)).toEqual([2, 6]);
  // Page 0 fetched again while page 2 holds row 2: row 2 stays on page 2 only, page 0 is a row
  // shorter and the later pages move up.
  expect(w.fill(0, null, { items: [row(1), row(2), row(3)], nextAfter: '3' })).toBe('filled');
  const shown = [0, 1, 2, 3, 4, 5].map((i) => w.row(i)?.id);
  expect(shown).toEqual([1, 3, 4, 5, 2, 6]);
  expect(new Set(shown).size).toBe(shown.length);
  expect(w.count).toBe(6);
});

test('the id map holds only the held pages\' rows, however many rows were reached', () => {
  const w = reached(60);
  w.retain(59, 59);
  const ids = (w as unknown as { owner: Map<unknown, number> }).owner;
  expect(ids.size).toBe(w.heldRows);
  expect(w.heldRows).toBeLessThanOrEqual(HELD_PAGES * PAGE);
});

test('a page fetched again that ends elsewhere is taken as it is and the later pages are reached again', () => {
  const w = reached(10);
  w.retain(9, 9);
  expect(w.row(300)).toBeUndefined();
  // Order 250 left the filter (an edit): page 1 now ends one row later.
  const items = Array.from({ length: PAGE + 1 }, (_, i) => row(PAGE + i + 1)).filter((r) => r.id !== 250);
  expect(w.fill(1, '200', { items, nextAfter: '401' })).toBe('changed');
  expect(w.pageCount).toBe(2);
  expect(w.count).toBe(2 * PAGE);
  expect(w.nextAfter).toBe('401');
  expect(w.row(249)?.id).toBe(251);
  expect(w.row(399)?.id).toBe(401);
  // The pages after it come again from its new end, rows 402… (not 401 twice).
  expect(w.append('401', { items: [row(401), row(402)], nextAfter: null })).toBe(true);
  expect(w.row(400)?.id).toBe(402);
  expect(w.count).toBe(401);
  // An answer for a page forgotten meanwhile changes nothing.
  expect(w.fill(5, '1000', { items: [row(1001)], nextAfter: '1001' })).toBe('stale');
  expect(w.fill(1, '999', { items: [row(1001)], nextAfter: '1001' })).toBe('stale');
  expect(w.count).toBe(401);
});

test('a page fetched again with the same end but fewer rows moves the later pages up', () => {
  const w = reached(4);
  w.retain(3, 3);
  // Row 2 was shown by page 0; page 0 is fetched again and still ends at row 200, without it.
  const items = Array.from({ length: PAGE }, (_, i) => row(i + 1)).filter((r) => r.id !== 2);
  expect(w.fill(0, null, { items, nextAfter: '200' })).toBe('filled');
  expect(w.count).toBe(4 * PAGE - 1);
  expect(w.pageOf(199)).toBe(1);
  expect(w.row(3 * PAGE - 1)?.id).toBe(3 * PAGE + 1);
  expect(w.row(4 * PAGE - 2)?.id).toBe(4 * PAGE);
});

test('patchCachedOrder changes the held rows of the orders lists only', () => {
  const w = reached(5);
  const cache: ListCache = new Map([
    ['orders:0:{}', { window: w as PageWindow<unknown>, scrollTop: 0 }],
    ['customers:0:{}', { window: reached(1) as PageWindow<unknown>, scrollTop: 0 }],
    ['return:orders', { window: null, scrollTop: 0, active: 3, opened: true }],
  ]);
  const before = w.row(4 * PAGE + 10);
  patchCachedOrder(cache, { id: 4 * PAGE + 11, status: 'cancelled', paymentStatus: 'refunded' });
  expect(w.row(4 * PAGE + 10)).toMatchObject({ id: 4 * PAGE + 11, status: 'cancelled', paymentStatus: 'refunded' });
  expect(before?.status).toBe('delivered');
  // A row of a dropped page: nothing to change (it comes fresh when fetched again).
  patchCachedOrder(cache, { id: 11, status: 'cancelled', paymentStatus: 'refunded' });
  expect(w.row(10)).toBeUndefined();
  expect((cache.get('customers:0:{}')!.window as PageWindow<Row>).row(10)?.status).toBe('delivered');
});

// ---- The hook

/** Scrolls as the list does: the last rows rendered, then the next page asked for. */
async function scrollToEnd(list: { current: ReturnType<typeof usePagedList<Row>> }, pages: number) {
  for (let p = 1; p < pages; p++) {
    const count = list.current.count;
    act(() => list.current.onRange(count - 30, count - 1));
    act(() => list.current.loadMore());
    await waitFor(() => expect(list.current.count).toBe((p + 1) * PAGE));
  }
}

test('scrolling through 60 of 150 pages holds at most HELD_PAGES pages; scrolling back fetches a page again by its cursor', async () => {
  const { calls, fetchPage } = server(150 * PAGE);
  const cache: ListCache = new Map();
  const { result } = renderHook(() => usePagedList('orders:0:{}', fetchPage), { wrapper: wrapperWith(cache) });
  await waitFor(() => expect(result.current.count).toBe(PAGE));
  await scrollToEnd(result, 60);
  act(() => result.current.onRange(60 * PAGE - 30, 60 * PAGE - 1));

  // Every page reached counts (the scroll height), a few are held.
  expect(result.current.count).toBe(60 * PAGE);
  expect(result.current.nextAfter).toBe(String(60 * PAGE));
  expect(result.current.held).toBeGreaterThanOrEqual(PAGE);
  expect(result.current.held).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  expect(calls).toEqual([null, ...Array.from({ length: 59 }, (_, k) => String((k + 1) * PAGE))]);
  // The cache keeps the same window, not all rows.
  const kept = cache.get('orders:0:{}')!.window!;
  expect(kept.count).toBe(60 * PAGE);
  expect(kept.heldRows).toBeLessThanOrEqual(HELD_PAGES * PAGE);

  // Back to row 250 (page 1): nothing held there, then fetched again by its cursor.
  expect(result.current.row(250)).toBeUndefined();
  calls.length = 0;
  act(() => result.current.onRange(245, 270));
  await waitFor(() => expect(result.current.row(250)?.id).toBe(251));
  expect(calls).toContain('200');
  // The page before and after it too (ahead of a short scroll), nothing else.
  expect([...calls].sort()).toEqual([null, '200', '400'].sort());
  expect(result.current.row(0)?.id).toBe(1);
  expect(result.current.row(599)?.id).toBe(600);
  expect(result.current.held).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  expect(result.current.count).toBe(60 * PAGE);
  expect(result.current.row(59 * PAGE)).toBeUndefined();
});

test('coming back from a detail screen shows the same window from the cache without fetching the first page', async () => {
  const { calls, fetchPage } = server(150 * PAGE);
  const cache: ListCache = new Map();
  const first = renderHook(() => usePagedList('orders:0:{}', fetchPage), { wrapper: wrapperWith(cache) });
  await waitFor(() => expect(first.result.current.count).toBe(PAGE));
  await scrollToEnd(first.result, 20);
  act(() => first.result.current.saveScroll(19 * PAGE * 60));
  act(() => first.result.current.markOpened(19 * PAGE + 3));
  first.unmount();

  calls.length = 0;
  const again = renderHook(() => usePagedList('orders:0:{}', fetchPage), { wrapper: wrapperWith(cache) });
  expect(again.result.current.loaded).toBe(true);
  expect(again.result.current.count).toBe(20 * PAGE);
  expect(again.result.current.initialScroll).toBe(19 * PAGE * 60);
  expect(again.result.current.returning).toBe(true);
  expect(again.result.current.initialActive).toBe(19 * PAGE + 3);
  expect(again.result.current.row(19 * PAGE + 3)?.id).toBe(19 * PAGE + 4);
  expect(again.result.current.held).toBeLessThanOrEqual(HELD_PAGES * PAGE);
  act(() => again.result.current.onRange(19 * PAGE, 19 * PAGE + 20));
  await new Promise((r) => setTimeout(r, 20));
  expect(calls).toEqual([]);
});

test('answers for an old query are ignored: first page, a page fetched again, the next page', async () => {
  const cache: ListCache = new Map();
  const asked: Array<{ key: string; after: string | null; answer: (p: Page<Row>) => void }> = [];
  const fetcher = (key: string) => (after: string | null) => {
    const d = deferred<Page<Row>>();
    asked.push({ key, after, answer: d.resolve });
    return d.promise;
  };
  const fetchA = fetcher('a');
  const fetchB = fetcher('b');
  const { result, rerender } = renderHook(({ k, f }) => usePagedList(k, f), {
    wrapper: wrapperWith(cache),
    initialProps: { k: 'orders:0:a', f: fetchA },
  });
  const pageOf = (from: number, n: number, next: string | null): Page<Row> => ({
    items: Array.from({ length: n }, (_, i) => row(from + i)),
    nextAfter: next,
  });
  // A's first page arrives; B is asked for while A's second page is on its way.
  await act(async () => asked[0].answer(pageOf(1, PAGE, '200')));
  expect(result.current.count).toBe(PAGE);
  act(() => result.current.onRange(PAGE - 30, PAGE - 1));
  act(() => result.current.loadMore());
  expect(asked[1]).toMatchObject({ key: 'a', after: '200' });
  rerender({ k: 'orders:0:b', f: fetchB });
  expect(result.current.loading).toBe(true);
  expect(asked[2]).toMatchObject({ key: 'b', after: null });
  // A's late page: ignored.
  await act(async () => asked[1].answer(pageOf(201, PAGE, '400')));
  expect(result.current.count).toBe(PAGE);
  await act(async () => asked[2].answer(pageOf(5001, 50, null)));
  expect(result.current.loading).toBe(false);
  expect(result.current.count).toBe(50);
  expect(result.current.row(0)?.id).toBe(5001);
  expect(result.current.nextAfter).toBeNull();

  // Back to A (in the cache) with a first page of B asked for again on its way: B's answer,
  // arriving after A was shown, must not replace it.
  rerender({ k: 'orders:0:b2', f: fetchB });
  const pendingB = asked.length - 1;
  rerender({ k: 'orders:0:a', f: fetchA });
  expect(result.current.loading).toBe(false);
  expect(result.current.row(0)?.id).toBe(1);
  await act(async () => asked[pendingB].answer(pageOf(9001, 10, null)));
  expect(result.current.loading).toBe(false);
  expect(result.current.row(0)?.id).toBe(1);
  expect(result.current.count).toBe(PAGE);
});

test('a page fetched again for an old query is ignored', async () => {
  const cache: ListCache = new Map();
  const { fetchPage } = server(150 * PAGE);
  let gate: ReturnType<typeof deferred<void>> | null = null;
  const slowA = async (after: string | null) => {
    if (gate) await gate.promise;
    return fetchPage(after);
  };
  const fetchB = async (): Promise<Page<Row>> => ({ items: [row(777_001)], nextAfter: null });
  const { result, rerender } = renderHook(({ k, f }) => usePagedList(k, f), {
    wrapper: wrapperWith(cache),
    initialProps: { k: 'orders:0:a', f: slowA as (after: string | null) => Promise<Page<Row>> },
  });
  await waitFor(() => expect(result.current.count).toBe(PAGE));
  await scrollToEnd(result, 10);
  act(() => result.current.onRange(10 * PAGE - 30, 10 * PAGE - 1));
  gate = deferred<void>();
  act(() => result.current.onRange(0, 20));
  expect(result.current.row(0)).toBeUndefined();
  rerender({ k: 'orders:0:b', f: fetchB });
  await waitFor(() => expect(result.current.row(0)?.id).toBe(777_001));
  await act(async () => gate!.resolve());
  await new Promise((r) => setTimeout(r, 20));
  expect(result.current.count).toBe(1);
  expect(result.current.row(0)?.id).toBe(777_001);
  // A's window in the cache was not filled by the late answer either.
  expect((cache.get('orders:0:a')!.window as PageWindow<Row>).row(0)).toBeUndefined();
});
