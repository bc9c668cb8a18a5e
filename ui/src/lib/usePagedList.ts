// Keyset ("after") paging for the long lists: first page per query, more pages on demand,
// and a per-app cache so returning from a detail screen shows the same rows and scroll.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '../api';

export interface CachedList {
  items: unknown[];
  nextAfter: string | null;
  scrollTop: number;
  /** The row that takes the Tab key (the last one focused or moved to with the arrows). */
  active?: number;
  /** A row was opened from this list (kept under `return:<kind>`): coming back puts the
   * keyboard focus on that row again. */
  opened?: boolean;
}

export type ListCache = Map<string, CachedList>;

export const ListCacheContext = createContext<ListCache>(new Map());

export interface Page<T> {
  items: T[];
  nextAfter: string | null;
}

export interface PagedList<T> {
  items: T[];
  nextAfter: string | null;
  /** The first page of the current query has arrived (or came from the cache). */
  loaded: boolean;
  /** A first page for a new query is on its way; `items` may still be the previous query's. */
  loading: boolean;
  loadingMore: boolean;
  error: AppError | null;
  loadMore: () => void;
  retry: () => void;
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
  const [items, setItems] = useState<T[]>(() => (cached?.items as T[]) ?? []);
  const [nextAfter, setNextAfter] = useState<string | null>(cached?.nextAfter ?? null);
  const [loadedKey, setLoadedKey] = useState<string | null>(cached ? key : null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [initialScroll] = useState(cached?.scrollTop ?? 0);
  // Where to come back to after a row was opened: kept per kind of list ("orders"), not per
  // query, since a sync while the row was open reloads the list under another key.
  const spotKey = `return:${key.slice(0, key.indexOf(':'))}`;
  const [returnTo] = useState(() => {
    const spot = cache.get(spotKey);
    // Once: a later visit by the sidebar is not a return from the row.
    if (spot?.opened) cache.delete(spotKey);
    return spot?.opened ? (spot.active ?? 0) : null;
  });
  const initialActive = returnTo ?? cached?.active ?? 0;
  const seq = useRef(0);
  const moreInFlight = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const stateRef = useRef({ items, nextAfter });
  stateRef.current = { items, nextAfter };

  const remember = useCallback(
    (patch: Partial<CachedList>) => {
      const prev = cache.get(key) ?? { items: [], nextAfter: null, scrollTop: 0 };
      cache.set(key, { ...prev, ...patch });
    },
    [cache, key],
  );

  useEffect(() => {
    const hit = cache.get(key);
    if (hit) {
      setItems(hit.items as T[]);
      setNextAfter(hit.nextAfter);
      setLoadedKey(key);
      return;
    }
    const my = ++seq.current;
    moreInFlight.current = false;
    setLoadingMore(false);
    setError(null);
    fetchRef
      .current(null)
      .then((page) => {
        if (my !== seq.current) return;
        setItems(page.items);
        setNextAfter(page.nextAfter);
        setLoadedKey(key);
        cache.set(key, { items: page.items, nextAfter: page.nextAfter, scrollTop: 0 });
      })
      .catch((e) => {
        if (my !== seq.current) return;
        setError(toAppError(e));
        setLoadedKey(key);
        setItems([]);
        setNextAfter(null);
      });
  }, [key, attempt, cache]);

  const loadMore = useCallback(() => {
    const after = stateRef.current.nextAfter;
    if (!after || moreInFlight.current || loadedKey !== key) return;
    moreInFlight.current = true;
    const my = seq.current;
    setLoadingMore(true);
    fetchRef
      .current(after)
      .then((page) => {
        if (my !== seq.current) return;
        const prev = stateRef.current.items as Array<T & { id?: unknown }>;
        const seen = new Set(prev.map((o) => o.id));
        const next = prev.concat((page.items as Array<T & { id?: unknown }>).filter((o) => !seen.has(o.id)));
        setItems(next);
        setNextAfter(page.nextAfter);
        remember({ items: next, nextAfter: page.nextAfter });
      })
      .catch((e) => {
        if (my === seq.current) setError(toAppError(e));
      })
      .finally(() => {
        if (my === seq.current) {
          moreInFlight.current = false;
          setLoadingMore(false);
        }
      });
  }, [key, loadedKey, remember]);

  const retry = useCallback(() => {
    cache.delete(key);
    setAttempt((a) => a + 1);
  }, [cache, key]);

  const saveScroll = useCallback((top: number) => remember({ scrollTop: top }), [remember]);
  const saveActive = useCallback((index: number) => remember({ active: index }), [remember]);
  const markOpened = useCallback(
    (index: number) => {
      remember({ active: index });
      cache.set(spotKey, { items: [], nextAfter: null, scrollTop: 0, active: index, opened: true });
    },
    [remember, cache, spotKey],
  );

  return {
    items,
    nextAfter: loadedKey === key ? nextAfter : null,
    loaded: loadedKey !== null,
    loading: loadedKey !== key,
    loadingMore,
    error,
    loadMore,
    retry,
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
 * place in a long list). The next sync reloads them anyway.
 */
export function patchCachedOrder(
  cache: ListCache,
  order: { id: number; status: string; paymentStatus: string },
): void {
  for (const [key, list] of cache) {
    if (!key.startsWith('orders:')) continue;
    let changed = false;
    const items = list.items.map((it) => {
      const row = it as { id?: number; status?: string; paymentStatus?: string };
      if (row.id !== order.id || (row.status === order.status && row.paymentStatus === order.paymentStatus)) return it;
      changed = true;
      return { ...row, status: order.status, paymentStatus: order.paymentStatus };
    });
    if (changed) cache.set(key, { ...list, items });
  }
}
