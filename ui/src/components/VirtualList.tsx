// A fixed-row-height virtualized list with a sticky header and infinite loading at the end.
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

interface Props {
  testId: string;
  count: number;
  rowHeight: number;
  hasMore: boolean;
  loadingMore: boolean;
  onNearEnd: () => void;
  renderRow: (index: number) => ReactNode;
  /** Shown in place of the loader row at the end. */
  loaderRow: ReactNode;
  header: ReactNode;
  headerHeight: number;
  initialScroll?: number;
  onScrollSave?: (top: number) => void;
  stale?: boolean;
  className?: string;
}

/** Rows within this distance of the end trigger the next page. */
const PREFETCH_ROWS = 40;

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
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  const nearEnd = useRef(props.onNearEnd);
  nearEnd.current = props.onNearEnd;
  useEffect(() => {
    if (hasMore && !props.loadingMore && lastIndex >= count - PREFETCH_ROWS) nearEnd.current();
  }, [lastIndex, count, hasMore, props.loadingMore]);

  // Restore the saved scroll position once the scroll element exists.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && props.initialScroll) el.scrollTop = props.initialScroll;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const save = props.onScrollSave;
  return (
    <div
      ref={scrollRef}
      className={`vlist ${props.stale ? 'vlist--stale' : ''} ${props.className ?? ''}`}
      data-testid={props.testId}
      aria-busy={props.stale}
      onScroll={save ? (e) => save(e.currentTarget.scrollTop) : undefined}
    >
      <div className="vlist__header" style={{ height: headerHeight }}>
        {props.header}
      </div>
      <div className="vlist__inner" style={{ height: v.getTotalSize() }}>
        {virtualItems.map((item) => (
          <div
            key={item.key}
            className="vlist__slot"
            style={{ height: rowHeight, transform: `translateY(${item.start - headerHeight}px)` }}
          >
            {item.index < count ? props.renderRow(item.index) : props.loaderRow}
          </div>
        ))}
      </div>
    </div>
  );
}
