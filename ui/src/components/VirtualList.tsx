// A fixed-row-height virtualized list with a sticky header and infinite loading at the end.
//
// Keyboard: the list is one Tab stop (a roving tabindex: the row last focused, or the first
// one in view when that row has scrolled out); the arrow keys, Page Up/Down, Home and End move
// between rows, scrolling rows that are not rendered yet into existence first. Screen readers
// get a list whose items say their place in the whole (`aria-posinset`/`aria-setsize`), since
// only a window of rows is ever in the DOM; each row names itself (`aria-label`).
//
// The list need not hold every row either (`usePagedList` keeps a window of pages): it says
// which rows it renders (`onRangeChange`), and a row whose data is not there yet renders as a
// placeholder (`rowLoaded`). A placeholder can take the focus (Home/End to a row scrolled
// away long ago); the row takes it over once its data arrives.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** What a row spreads on its focusable element. */
export interface RowNav {
  tabIndex: 0 | -1;
  'data-vindex': number;
  onFocus: () => void;
}

interface Props {
  testId: string;
  /** The list's accessible name ("Orders list"). */
  label: string;
  count: number;
  rowHeight: number;
  hasMore: boolean;
  loadingMore: boolean;
  onNearEnd: () => void;
  /** The rows rendered changed: `first`…`last` (row indexes, the loader row left out). */
  onRangeChange?: (first: number, last: number) => void;
  /** Whether row `index` has its data (false: `renderRow` renders a placeholder for it). */
  rowLoaded?: (index: number) => boolean;
  /** Rows held in memory by the list's owner (shown as `data-rows-held`, for tests and the
   * memory benchmark). */
  held?: number;
  renderRow: (index: number, nav: RowNav) => ReactNode;
  /** Shown in place of the loader row at the end. */
  loaderRow: ReactNode;
  header: ReactNode;
  headerHeight: number;
  initialScroll?: number;
  onScrollSave?: (top: number) => void;
  /** The row that takes the Tab key at first (restored when coming back to the list). */
  initialActive?: number;
  onActiveSave?: (index: number) => void;
  /** Put the focus on `initialActive` once it is rendered (coming back from that row). */
  focusInitial?: boolean;
  stale?: boolean;
  className?: string;
}

/** Rows within this distance of the end trigger the next page. */
const PREFETCH_ROWS = 40;
/** How many frames a move waits for its row to be rendered before giving up. */
const FOCUS_FRAMES = 30;

/** Whether the focus has nowhere meaningful to be (its element was removed, a screen changed). */
function focusIsLost(): boolean {
  const el = document.activeElement;
  return !el || el === document.body || el.id === 'main-content';
}

export function VirtualList(props: Props) {
  const { count, rowHeight, hasMore, headerHeight } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = count + (hasMore ? 1 : 0);
  const v = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: headerHeight,
    initialOffset: props.initialScroll ?? 0,
  });
  const virtualItems = v.getVirtualItems();
  const firstIndex = virtualItems.length ? virtualItems[0].index : -1;
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  const nearEnd = useRef(props.onNearEnd);
  nearEnd.current = props.onNearEnd;
  useEffect(() => {
    if (hasMore && !props.loadingMore && lastIndex >= count - PREFETCH_ROWS) nearEnd.current();
  }, [lastIndex, count, hasMore, props.loadingMore]);

  const rangeChanged = useRef(props.onRangeChange);
  rangeChanged.current = props.onRangeChange;
  useEffect(() => {
    if (firstIndex < 0 || count === 0) return;
    rangeChanged.current?.(Math.min(firstIndex, count - 1), Math.min(lastIndex, count - 1));
  }, [firstIndex, lastIndex, count]);

  // Restore the saved scroll position once the scroll element exists.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && props.initialScroll) el.scrollTop = props.initialScroll;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- Keyboard: which row is the Tab stop, and moving the focus between rows.
  const [active, setActive] = useState(() => Math.min(props.initialActive ?? 0, Math.max(count - 1, 0)));
  const saveActive = useRef(props.onActiveSave);
  saveActive.current = props.onActiveSave;
  const activate = useCallback((i: number) => {
    setActive(i);
    saveActive.current?.(i);
  }, []);
  /** The row to focus once it is rendered, and how many frames are left to wait for it. */
  const pending = useRef<{ index: number; frames: number; onlyIfLost: boolean; scrolled: boolean } | null>(
    props.focusInitial
      ? { index: Math.min(props.initialActive ?? 0, Math.max(count - 1, 0)), frames: FOCUS_FRAMES, onlyIfLost: true, scrolled: false }
      : null,
  );
  const frame = useRef(0);
  const virtualizer = useRef(v);
  virtualizer.current = v;
  const loadedRef = useRef(props.rowLoaded);
  loadedRef.current = props.rowLoaded;
  const isLoaded = (i: number) => loadedRef.current?.(i) ?? true;
  /** A placeholder row has the focus: its row takes it once its data has arrived. */
  const heldFocus = useRef<number | null>(null);

  const tryFocus = useCallback(() => {
    cancelAnimationFrame(frame.current);
    const p = pending.current;
    const root = scrollRef.current;
    if (!p || !root) return;
    const row = root.querySelector<HTMLElement>(`[data-vindex="${p.index}"]`);
    if (row) {
      pending.current = null;
      if (!p.onlyIfLost || focusIsLost()) row.focus();
      return;
    }
    if (!p.scrolled) {
      // Not rendered: scrolled into existence first (rendered on a later frame).
      p.scrolled = true;
      virtualizer.current.scrollToIndex(p.index, { align: 'auto' });
    }
    if (--p.frames <= 0) {
      pending.current = null;
      return;
    }
    frame.current = requestAnimationFrame(tryFocus);
  }, []);
  // After every render: the row asked for may have just appeared, or a placeholder that had
  // the focus may have just been replaced by its row (the focus fell to the body with it).
  useLayoutEffect(() => {
    if (pending.current) tryFocus();
    const held = heldFocus.current;
    if (held !== null && isLoaded(held)) {
      heldFocus.current = null;
      const row = scrollRef.current?.querySelector<HTMLElement>(`[data-vindex="${held}"]`);
      if (row && focusIsLost()) row.focus();
    }
  });
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const moveTo = (i: number) => {
    const index = Math.max(0, Math.min(count - 1, i));
    activate(index);
    pending.current = { index, frames: FOCUS_FRAMES, onlyIfLost: false, scrolled: false };
    tryFocus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const at = (e.target as HTMLElement).closest<HTMLElement>('[data-vindex]');
    if (!at || count === 0) return;
    const i = Number(at.dataset.vindex);
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? rowHeight * 10) - headerHeight) / rowHeight) - 1);
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = i + 1;
        break;
      case 'ArrowUp':
        next = i - 1;
        break;
      case 'PageDown':
        next = i + page;
        break;
      case 'PageUp':
        next = i - page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    moveTo(next);
  };

  // The Tab stop: the active row while it is rendered, else the first row in view (the active
  // one scrolled away with the wheel; Tab must still reach the list).
  const rendered = (i: number) => virtualItems.some((it) => it.index === i && i < count);
  let tabStop = Math.min(active, Math.max(count - 1, 0));
  if (!rendered(tabStop)) {
    const top = (v.scrollOffset ?? 0) + headerHeight;
    const firstInView = virtualItems.find((it) => it.index < count && it.end > top);
    if (firstInView) tabStop = firstInView.index;
  }

  const save = props.onScrollSave;
  return (
    <div
      ref={scrollRef}
      className={`vlist ${props.stale ? 'vlist--stale' : ''} ${props.className ?? ''}`}
      data-testid={props.testId}
      data-rows={count}
      data-rows-held={props.held}
      aria-busy={props.stale}
      onScroll={save ? (e) => save(e.currentTarget.scrollTop) : undefined}
      onKeyDown={onKeyDown}
    >
      {/* The rows name their columns themselves (aria-label): the header is for the eye. */}
      <div className="vlist__header" style={{ height: headerHeight }} aria-hidden="true">
        {props.header}
      </div>
      <div className="vlist__inner" style={{ height: v.getTotalSize() }} role="list" aria-label={props.label}>
        {virtualItems.map((item) => (
          <div
            key={item.key}
            className="vlist__slot"
            role="listitem"
            aria-posinset={item.index + 1}
            aria-setsize={hasMore ? -1 : total}
            style={{ height: rowHeight, transform: `translateY(${item.start - headerHeight}px)` }}
          >
            {item.index < count
              ? props.renderRow(item.index, {
                  tabIndex: item.index === tabStop ? 0 : -1,
                  'data-vindex': item.index,
                  onFocus: () => {
                    if (item.index !== active) activate(item.index);
                    heldFocus.current = isLoaded(item.index) ? null : item.index;
                  },
                })
              : props.loaderRow}
          </div>
        ))}
      </div>
    </div>
  );
}
