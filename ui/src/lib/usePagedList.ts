// Keyset ("after") paging for the long lists, holding only a window of pages in memory.
//
// Why a window: the app's whole process tree must stay under 300 MB while the merchant scrolls
// to the last of 100,000 orders (`scripts/bench-startup.sh`). Keeping every page reached (and
// concatenating them page after page) took the webview from 143 MB idle to 315 MB at the end
// of the list. So the list remembers, for every page reached, only the cursor that fetches it
// and how many rows it has (the row count and scroll height stay those of everything reached),
// and holds the rows of the few pages around the viewport (`HELD_PAGES` at most, 1,200 rows of
// 200). A page scrolled away is dropped; scrolling back fetches it again by its cursor, its rows
// showing a placeholder meanwhile. The per-app `ListCache` (returning from a detail screen to
// the same rows and scroll) keeps the same window, not all rows.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '../api';

/** At most this many pages' rows are held (more only while more are on screen at once). */
export const HELD_PAGES = 6;
/** Pages either side of the ones on screen fetched ahead, so a short scroll back shows rows. */
const PREFETCH_PAGES = 1;
/** Pages either side of the ones on screen kept; pages farther away are dropped. */
const KEEP_PAGES = 2;

export interface Page<T> {
  items: T[];
  nextAfter: string | null;
}

interface Slot<T> {
  /** The cursor that fetches this page (`null`: the first page). */
  after: string | null;
  /** The rows this page puts in the list (rows another page already shows left out). */
  length: number;
  /** The rows while the page is held; `null` once dropped. */
  items: T[] | null;
  /** This filling of the page: `owner` maps the ids it shows to it. */
  token: number;
}

/**
 * Every page reached (its cursor and length) and the rows of a few of them.
 *
 * Mutable: `usePagedList` re-renders after changing it, and the same object sits in the
 * `ListCache`, so the cache always holds exactly the list's window.
 */
export class PageWindow<T> {
  /** Rows in the list: the lengths of every page reached. */
  count = 0;
  /** The cursor of the page after the last one reached (`null`: that was the last page). */
  nextAfter: string | null = null;
  private slots: Slot<T>[] = [];
  /** The first row index of each page. */
  private starts: number[] = [];
  /** Pages whose rows are held. */
  private held = new Set<number>();
  /**
   * Row id → token of the held page showing it, so a row is never shown twice among the rows
   * held (a row whose sort key changed between two fetches can come back on a later page).
   * Only held pages' ids: this stays as small as the window, not as the rows reached (100,000
   * entries were megabytes in the webview). With keyset paging, pages overlap only when the
   * data changed between two fetches, and the next sync reloads the list anyway; until then a
   * row moved from a dropped page to a held one is counted in both (the scroll height is a row
   * longer), but shown once. O(page) work per page.
   */
  private owner = new Map<unknown, number>();
  /** Token → page index, for the pages that still exist (dropped rows' pages included). */
  private live = new Map<number, number>();
  private tokens = 0;

  constructor(
    first: Page<T>,
    private readonly maxHeld = HELD_PAGES,
  ) {
    this.push(null, first);
  }

  get pageCount(): number {
    return this.slots.length;
  }

  /** How many rows are held in memory. */
  get heldRows(): number {
    let n = 0;
    for (const k of this.held) n += this.slots[k].items?.length ?? 0;
    return n;
  }

  /** The pages whose rows are held, in order. */
  get heldPages(): number[] {
    return [...this.held].sort((a, b) => a - b);
  }

  /** The cursor that fetches page `k`. */
  cursor(k: number): string | null {
    return this.slots[k].after;
  }

  /** The page row `index` is on, -1 outside the list. */
  pageOf(index: number): number {
    if (index < 0 || index >= this.count) return -1;
    let lo = 0;
    let hi = this.slots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Row `index`, `undefined` while its page is not held. */
  row(index: number): T | undefined {
    const k = this.pageOf(index);
    if (k < 0) return undefined;
    return this.slots[k].items?.[index - this.starts[k]];
  }

  /** Adds the page fetched by `after` at the end; false if that is no longer the end's cursor. */
  append(after: string, page: Page<T>): boolean {
    if (after !== this.nextAfter) return false;
    this.push(after, page);
    return true;
  }

  /**
   * Puts the rows of page `k` fetched again by `after`. `stale`: the page is no longer there
   * with that cursor (the list changed meanwhile); nothing done.
   *
   * A page fetched again may come back different: an order edited meanwhile left the filter
   * or moved in the sort, new orders arrived. Its rows are taken as they are now. If it now
   * ends elsewhere (its `nextAfter` is not the next page's cursor), the later pages no longer
   * follow from it (rows would be missing or shown twice at the seam): they are forgotten, and
   * reached again by scrolling, from the new cursor (`changed`). If it ends at the same place
   * but has another number of rows (a row left or came back within it), the later pages just
   * move up or down.
   */
  fill(k: number, after: string | null, page: Page<T>): 'filled' | 'changed' | 'stale' {
    const slot = this.slots[k];
    if (!slot || slot.after !== after) return 'stale';
    const next = k + 1 < this.slots.length ? this.slots[k + 1].after : this.nextAfter;
    const changed = page.nextAfter !== next;
    if (changed) {
      this.truncate(k + 1);
      this.nextAfter = page.nextAfter;
    }
    this.release(slot);
    this.live.delete(slot.token);
    slot.token = ++this.tokens;
    this.live.set(slot.token, k);
    slot.items = this.claim(page.items, slot.token);
    this.held.add(k);
    if (slot.items.length !== slot.length) {
      slot.length = slot.items.length;
      this.restart(k);
    }
    return changed ? 'changed' : 'filled';
  }

  /**
   * Drops the rows of the pages far from pages `first`…`last` (the ones on screen): those more
   * than `KEEP_PAGES` away, then the farthest while more than `maxHeld` are held. Returns
   * whether any were dropped.
   */
  retain(first: number, last: number): boolean {
    const distance = (k: number) => (k < first ? first - k : k > last ? k - last : 0);
    let dropped = false;
    for (const k of this.held) {
      if (distance(k) > KEEP_PAGES) {
        this.drop(k);
        dropped = true;
      }
    }
    if (this.held.size > this.maxHeld) {
      const far = [...this.held].filter((k) => distance(k) > 0).sort((a, b) => distance(b) - distance(a));
      for (const k of far.slice(0, this.held.size - this.maxHeld)) {
        this.drop(k);
        dropped = true;
      }
    }
    return dropped;
  }

  /** The pages `from`…`to` (clamped) whose rows are not held. */
  missing(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = Math.max(0, from); k <= Math.min(to, this.slots.length - 1); k++) {
      if (!this.slots[k].items) out.push(k);
    }
    return out;
  }

  /** Whether page `k` is within `KEEP_PAGES` of pages `first`…`last`. */
  near(k: number, first: number, last: number): boolean {
    return k >= first - KEEP_PAGES && k <= last + KEEP_PAGES;
  }

  /** Replaces held rows by `change(row)` where it returns another row; true if any changed. */
  patch(change: (row: T) => T): boolean {
    let any = false;
    for (const k of this.held) {
      const slot = this.slots[k];
      if (!slot.items) continue;
      let changed = false;
      const items = slot.items.map((row) => {
        const next = change(row);
        if (next !== row) changed = true;
        return next;
      });
      if (changed) {
        slot.items = items;
        any = true;
      }
    }
    return any;
  }

  private push(after: string | null, page: Page<T>) {
    const k = this.slots.length;
    const token = ++this.tokens;
    this.live.set(token, k);
    const items = this.claim(page.items, token);
    this.slots.push({ after, length: items.length, items, token });
    this.starts.push(this.count);
    this.count += items.length;
    this.held.add(k);
    this.nextAfter = page.nextAfter;
  }

  /** `rows` without those another page (or this one, earlier) already shows; records the rest. */
  private claim(rows: T[], token: number): T[] {
    const out: T[] = [];
    for (const row of rows) {
      const id = (row as { id?: unknown }).id;
      if (id !== undefined) {
        const holder = this.owner.get(id);
        if (holder !== undefined && (holder === token || this.live.has(holder))) continue;
        this.owner.set(id, token);
      }
      out.push(row);
    }
    return out;
  }

  private drop(k: number) {
    // The page stays in the list (its token live, its length counted); its ids are released.
    const slot = this.slots[k];
    this.release(slot);
    slot.items = null;
    this.held.delete(k);
  }

  /** Frees the ids `slot`'s rows hold in `owner`. */
  private release(slot: Slot<T>) {
    for (const row of slot.items ?? []) {
      const id = (row as { id?: unknown }).id;
      if (id !== undefined && this.owner.get(id) === slot.token) this.owner.delete(id);
    }
  }

  /** Forgets the pages from `k` on (their ids are released). */
  private truncate(k: number) {
    for (let i = k; i < this.slots.length; i++) {
      this.release(this.slots[i]);
      this.live.delete(this.slots[i].token);
      this.held.delete(i);
    }
    this.slots.length = Math.min(k, this.slots.length);
    this.starts.length = this.slots.length;
    const n = this.slots.length;
    this.count = n ? this.starts[n - 1] + this.slots[n - 1].length : 0;
  }

  /** Recomputes the starts after page `k`'s length changed. */
  private restart(k: number) {
    for (let i = k + 1; i < this.slots.length; i++) this.starts[i] = this.starts[i - 1] + this.slots[i - 1].length;
    const n = this.slots.length;
    this.count = this.starts[n - 1] + this.slots[n - 1].length;
  }
}

export interface CachedList {
  /** The list's pages (`null` for the `return:<kind>` spots, which keep no rows). */
  window: PageWindow<unknown> | null;
  scrollTop: number;
  /** The row that takes the Tab key (the last one focused or moved to with the arrows). */
  active?: number;
  /** A row was opened from this list (kept under `return:<kind>`): coming back puts the
   * keyboard focus on that row again. */
  opened?: boolean;
}

export type ListCache = Map<string, CachedList>;

export const ListCacheContext = createContext<ListCache>(new Map());

export interface PagedList<T> {
  /** Rows in the list: every page reached so far, held or not. */
  count: number;
  /** Row `index`, `undefined` while its page is being fetched again (show a placeholder). */
  row: (index: number) => T | undefined;
  /** Rows held in memory (at most `HELD_PAGES` pages' worth while scrolling). */
  held: number;
  nextAfter: string | null;
  /** The first page of the current query has arrived (or came from the cache). */
  loaded: boolean;
  /** A first page for a new query is on its way; the rows may still be the previous query's. */
  loading: boolean;
  loadingMore: boolean;
  error: AppError | null;
  loadMore: () => void;
  /** Fetches the next page again after it failed (the list does not retry a failed page by
   * itself: its near-end check would fire again at once, over and over). */
  retryMore: () => void;
  retry: () => void;
  /** The rows rendered changed (called by the list): fetch what they need, drop what is far. */
  onRange: (first: number, last: number) => void;
  /** Remember the scroll position for this query (called by the list on scroll). */
  saveScroll: (top: number) => void;
  /** Scroll position to restore when the list mounts. */
  initialScroll: number;
  /** Remember the row the keyboard is on (called by the list as it moves). */
  saveActive: (index: number) => void;
  /** Remember that row `index` was opened, so coming back focuses it again. */
  markOpened: (index: number) => void;
  /** The row the keyboard was on when the list was left. */
  initialActive: number;
  /** The list was left by opening a row: that row takes the focus when the list mounts. */
  returning: boolean;
}

export function usePagedList<T>(key: string, fetchPage: (after: string | null) => Promise<Page<T>>): PagedList<T> {
  const cache = useContext(ListCacheContext);
  const cached = cache.get(key);
  const hit = cached?.window ? cached : undefined;
  // The window shown: the current query's, or the previous one's while the first page of a new
  // query is on its way.
  const [win, setWin] = useState<PageWindow<T> | null>(() => (hit?.window as PageWindow<T>) ?? null);
  const [loadedKey, setLoadedKey] = useState<string | null>(hit ? key : null);
  // The window is changed in place; this re-renders after each change.
  const [version, setVersion] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [initialScroll] = useState(hit?.scrollTop ?? 0);
  // Where to come back to after a row was opened: kept per kind of list ("orders"), not per
  // query, since a sync while the row was open reloads the list under another key.
  const spotKey = `return:${key.slice(0, key.indexOf(':'))}`;
  const [returnTo] = useState(() => {
    const spot = cache.get(spotKey);
    // Once: a later visit by the sidebar is not a return from the row.
    if (spot?.opened) cache.delete(spotKey);
    return spot?.opened ? (spot.active ?? 0) : null;
  });
  const initialActive = returnTo ?? hit?.active ?? 0;

  // Answers are for the generation that asked: a new query (or a cache hit) starts another,
  // and anything still on its way for the old one is ignored when it arrives.
  const gen = useRef(0);
  const moreInFlight = useRef(false);
  /** Pages being fetched again (this generation). */
  const refetching = useRef(new Set<number>());
  /** The rows the list last rendered. */
  const range = useRef<[number, number] | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const winRef = useRef(win);
  winRef.current = win;
  // Rows and fetches only for the current query's window (not the previous query's, shown
  // while the new one loads: its pages would be fetched with the new query).
  const current = useRef(false);
  current.current = loadedKey === key && win !== null;

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const remember = useCallback(
    (patch: Partial<CachedList>) => {
      const prev = cache.get(key);
      if (prev?.window) cache.set(key, { ...prev, ...patch });
    },
    [cache, key],
  );

  useEffect(() => {
    const my = ++gen.current;
    moreInFlight.current = false;
    refetching.current = new Set();
    setLoadingMore(false);
    setError(null);
    const hit = cache.get(key);
    if (hit?.window) {
      setWin(hit.window as PageWindow<T>);
      setLoadedKey(key);
      return;
    }
    fetchRef
      .current(null)
      .then((page) => {
        if (my !== gen.current) return;
        const w = new PageWindow<T>(page);
        cache.set(key, { window: w as PageWindow<unknown>, scrollTop: 0 });
        setWin(w);
        setLoadedKey(key);
      })
      .catch((e) => {
        if (my !== gen.current) return;
        setError(toAppError(e));
        setLoadedKey(key);
        setWin(null);
      });
  }, [key, attempt, cache]);

  /** Drops the pages far from the rows on screen and fetches the missing ones near them. */
  const settle = useCallback(() => {
    const w = winRef.current;
    const r = range.current;
    if (!w || !r || !current.current) return;
    const first = w.pageOf(r[0]);
    const last = w.pageOf(Math.min(r[1], w.count - 1));
    if (first < 0 || last < 0) return;
    if (w.retain(first, last)) bump();
    for (const k of w.missing(first - PREFETCH_PAGES, last + PREFETCH_PAGES)) {
      if (refetching.current.has(k)) continue;
      refetching.current.add(k);
      const after = w.cursor(k);
      const my = gen.current;
      fetchRef
        .current(after)
        .then((page) => {
          if (my !== gen.current || winRef.current !== w) return;
          refetching.current.delete(k);
          // Scrolled away meanwhile: not kept (fetched again if scrolled back).
          const now = range.current;
          const a = now ? w.pageOf(now[0]) : -1;
          const b = now ? w.pageOf(Math.min(now[1], w.count - 1)) : -1;
          if (a >= 0 && b >= 0 && !w.near(k, a, b)) return;
          w.fill(k, after, page);
          setError(null);
          bump();
          // Enforce the window again; a page changed (`stale`/`changed`) may need another fetch.
          settle();
        })
        .catch((e) => {
          if (my !== gen.current) return;
          refetching.current.delete(k);
          // The placeholder stays; scrolling tries again.
          setError(toAppError(e));
        });
    }
  }, [bump]);

  // A window newly shown (a first page, a cache hit) may have pages to fetch for the rows on
  // screen even if the list renders the same rows as before.
  useEffect(() => settle(), [win, loadedKey, settle]);

  const onRange = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      settle();
    },
    [settle],
  );

  // The next page's cursor whose fetch failed, in this generation: not fetched again until the
  // merchant asks (`retryMore`).
  const moreFailed = useRef<{ gen: number; after: string } | null>(null);
  const loadMore = useCallback(() => {
    const w = winRef.current;
    const after = w?.nextAfter;
    if (!w || !after || moreInFlight.current || !current.current) return;
    const failed = moreFailed.current;
    if (failed && failed.gen === gen.current && failed.after === after) return;
    moreInFlight.current = true;
    const my = gen.current;
    setLoadingMore(true);
    fetchRef
      .current(after)
      .then((page) => {
        if (my !== gen.current || winRef.current !== w) return;
        if (w.append(after, page)) {
          bump();
          settle();
        }
      })
      .catch((e) => {
        if (my !== gen.current) return;
        moreFailed.current = { gen: my, after };
        setError(toAppError(e));
      })
      .finally(() => {
        if (my === gen.current) {
          moreInFlight.current = false;
          setLoadingMore(false);
        }
      });
  }, [bump, settle]);

  const retryMore = useCallback(() => {
    moreFailed.current = null;
    setError(null);
    loadMore();
  }, [loadMore]);

  const retry = useCallback(() => {
    cache.delete(key);
    setAttempt((a) => a + 1);
  }, [cache, key]);

  const saveScroll = useCallback((top: number) => remember({ scrollTop: top }), [remember]);
  const saveActive = useCallback((index: number) => remember({ active: index }), [remember]);
  const markOpened = useCallback(
    (index: number) => {
      remember({ active: index });
      cache.set(spotKey, { window: null, scrollTop: 0, active: index, opened: true });
    },
    [remember, cache, spotKey],
  );
  // A new function after each change of the window, so whatever renders rows sees the change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const row = useCallback((index: number) => win?.row(index), [win, version]);

  return {
    count: win?.count ?? 0,
    row,
    held: win?.heldRows ?? 0,
    nextAfter: loadedKey === key ? (win?.nextAfter ?? null) : null,
    loaded: loadedKey !== null,
    loading: loadedKey !== key,
    loadingMore,
    error,
    loadMore,
    retryMore,
    retry,
    onRange,
    saveScroll,
    initialScroll,
    saveActive,
    markOpened,
    initialActive,
    returning: returnTo !== null,
  };
}

/**
 * After an order changed under the merchant's hands (an edit, a resolved conflict), show its
 * new status in the lists kept in the cache, without reloading them (the merchant keeps their
 * place in a long list). Only the rows held are changed: a page dropped is fetched anew, with
 * the new status, when scrolled back to. The next sync reloads them anyway.
 */
export function patchCachedOrder(
  cache: ListCache,
  order: { id: number; status: string; paymentStatus: string },
): void {
  for (const [key, list] of cache) {
    if (!key.startsWith('orders:') || !list.window) continue;
    list.window.patch((it) => {
      const row = it as { id?: number; status?: string; paymentStatus?: string };
      if (row.id !== order.id || (row.status === order.status && row.paymentStatus === order.paymentStatus)) return it;
      return { ...row, status: order.status, paymentStatus: order.paymentStatus };
    });
  }
}
