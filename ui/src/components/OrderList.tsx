// The virtualized orders table: pages of 200 by keyset as the merchant scrolls, never all at once.
import { useCallback, type ReactNode } from 'react';
import { api, type OrderQuery, type OrderSummary } from '../api';
import { useLang } from '../lang';
import { usePagedList } from '../lib/usePagedList';
import { ErrorMessage } from './ErrorMessage';
import { ListMoreError } from './ListMoreError';
import { LoadingState } from './LoadingState';
import { PendingRow } from './PendingRow';
import { PaymentBadge, StatusBadge } from './StatusBadge';
import { VirtualList, type RowNav } from './VirtualList';

export const ORDER_PAGE_SIZE = 200;
const ROW_HEIGHT = 60;
const HEADER_HEIGHT = 40;

interface Props {
  query: OrderQuery;
  /** Bumped after a sync: the cached rows are stale. */
  reloadKey: number;
  onOpen: (id: number) => void;
  /** What to show when the first page is empty. */
  empty: ReactNode;
  className?: string;
}

export function OrderList({ query, reloadKey, onOpen, empty, className }: Props) {
  const { t } = useLang();
  const key = `orders:${reloadKey}:${JSON.stringify(query)}`;
  const fetchPage = useCallback(
    (after: string | null) =>
      api.listOrders({ ...query, limit: ORDER_PAGE_SIZE, after }).then((p) => ({ items: p.orders, nextAfter: p.nextAfter })),
    [query],
  );
  const list = usePagedList<OrderSummary>(key, fetchPage);

  if (list.error && list.count === 0) {
    return (
      <div className="list-error">
        <ErrorMessage error={list.error} />
        <button type="button" className="btn btn--secondary btn--small" onClick={list.retry}>
          {t.retry}
        </button>
      </div>
    );
  }
  if (!list.loaded) return <LoadingState />;
  if (!list.loading && list.count === 0) return <>{empty}</>;

  return (
    <>
      <VirtualList
        testId="orders-list"
        label={t.ordersListLabel}
        className={`orders-table ${className ?? ''}`}
        count={list.count}
        rowHeight={ROW_HEIGHT}
        headerHeight={HEADER_HEIGHT}
        hasMore={Boolean(list.nextAfter)}
        loadingMore={list.loadingMore}
        onNearEnd={list.loadMore}
        onRangeChange={list.onRange}
        rowLoaded={(i) => list.row(i) !== undefined}
        held={list.held}
        initialScroll={list.initialScroll}
        onScrollSave={list.saveScroll}
        initialActive={list.initialActive}
        onActiveSave={list.saveActive}
        focusInitial={list.returning}
        stale={list.loading}
        header={<OrderHeader />}
        loaderRow={<div className="vrow vrow--loader muted small">{t.loadingMore}</div>}
        renderRow={(i, nav) => {
          const row = list.row(i);
          if (!row) return <PendingRow index={i} nav={nav} />;
          return (
            <OrderRow
              order={row}
              nav={nav}
              onOpen={(id) => {
                list.markOpened(i);
                onOpen(id);
              }}
            />
          );
        }}
      />
      {list.error && <ListMoreError error={list.error} onRetry={list.retryMore} />}
    </>
  );
}

function OrderHeader() {
  const { t } = useLang();
  return (
    <div className="vrow vrow--head order-cols" role="row">
      <div role="columnheader">{t.colNumber}</div>
      <div role="columnheader">{t.colCustomer}</div>
      <div role="columnheader">{t.colCity}</div>
      <div role="columnheader">{t.colStatus}</div>
      <div role="columnheader" className="num">{t.colAmount}</div>
      <div role="columnheader">{t.colDate}</div>
    </div>
  );
}

function OrderRow({ order: o, nav, onOpen }: { order: OrderSummary; nav: RowNav; onOpen: (id: number) => void }) {
  const { t, fmt } = useLang();
  // What a screen reader says for the row (its cells are not read one by one).
  const sep = t.langCode === 'fa' ? '، ' : ', ';
  const where = [o.city, o.province].filter(Boolean).join(sep);
  const label = t.orderRowLabel(
    fmt.digits(o.orderNumber),
    where ? `${o.customerName} (${where})` : o.customerName,
    `${t.status[o.status]}${sep}${t.payment[o.paymentStatus]}`,
    fmt.money(o.finalTotal),
    fmt.date(o.createdAt),
  );
  return (
    <div
      className="vrow order-cols vrow--link"
      role="button"
      {...nav}
      aria-label={label}
      data-testid="order-row"
      data-order-number={o.orderNumber}
      data-id={o.id}
      data-status={o.status}
      onClick={() => onOpen(o.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(o.id);
        }
      }}
    >
      <div>
        <div className="order-no">{fmt.digits(o.orderNumber)}</div>
        <div className="muted small">{t.items(fmt.num(o.itemCount))}</div>
      </div>
      <div className="cell-clip">
        <div className="clip">{o.customerName}</div>
        {o.mobile && (
          <div className="muted small">
            <bdi dir="ltr">{fmt.digits(o.mobileDisplay ?? o.mobile)}</bdi>
          </div>
        )}
      </div>
      <div className="cell-clip">
        <div className="clip">{o.city ?? '—'}</div>
        {o.province && <div className="muted small clip">{o.province}</div>}
      </div>
      <div>
        <StatusBadge status={o.status} />
        <div>
          <PaymentBadge status={o.paymentStatus} />
        </div>
      </div>
      <div className="num cell-clip">
        <div className="amount clip">{fmt.money(o.finalTotal)}</div>
        {o.shippingMethod && <div className="muted small clip">{o.shippingMethod}</div>}
      </div>
      <div className="cell-clip">
        <div className="clip">{fmt.date(o.createdAt)}</div>
        <div className="muted small">{fmt.time(o.createdAt)}</div>
      </div>
    </div>
  );
}
