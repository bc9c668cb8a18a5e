// Customers: search as you type, a virtualized list with keyset paging, count and export.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, toAppError, type AppError, type CustomerQuery, type CustomerSummary } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExportMenu } from '../components/ExportMenu';
import { ListMoreError } from '../components/ListMoreError';
import { LoadingState } from '../components/LoadingState';
import { PendingRow } from '../components/PendingRow';
import { VirtualList, type RowNav } from '../components/VirtualList';
import { useLang } from '../lang';
import { useDebounced } from '../lib/useDebounced';
import { usePagedList } from '../lib/usePagedList';

const PAGE_SIZE = 200;
const ROW_HEIGHT = 58;
const HEADER_HEIGHT = 40;
const SEARCH_KEY = 'pishkhan.customers.search';

interface Props {
  reloadKey: number;
  onOpen: (id: number) => void;
  onError: (e: AppError) => void;
}

export function CustomersScreen({ reloadKey, onOpen, onError }: Props) {
  const { t, fmt, lang } = useLang();
  const [text, setText] = useState(() => localStorage.getItem(SEARCH_KEY) ?? '');
  const search = useDebounced(text.trim(), 200);
  const [count, setCount] = useState<number | null>(null);
  const query: CustomerQuery = useMemo(() => ({ search: search || null }), [search]);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    try {
      localStorage.setItem(SEARCH_KEY, text);
    } catch {
      /* ignore */
    }
  }, [text]);

  useEffect(() => {
    let alive = true;
    setCount(null);
    api
      .countCustomers(query)
      .then((n) => alive && setCount(n))
      .catch((e) => alive && onErrorRef.current(toAppError(e)));
    return () => {
      alive = false;
    };
  }, [query, reloadKey]);

  const fetchPage = useCallback(
    (after: string | null) =>
      api.listCustomers({ ...query, limit: PAGE_SIZE, after }).then((p) => ({ items: p.customers, nextAfter: p.nextAfter })),
    [query],
  );
  const list = usePagedList<CustomerSummary>(`customers:${reloadKey}:${JSON.stringify(query)}`, fetchPage);

  let body;
  if (list.error && list.count === 0) {
    body = (
      <div className="list-error">
        <ErrorMessage error={list.error} />
        <button type="button" className="btn btn--secondary btn--small" onClick={list.retry}>
          {t.retry}
        </button>
      </div>
    );
  } else if (!list.loaded) {
    body = <LoadingState />;
  } else if (!list.loading && list.count === 0) {
    body = search ? (
      <EmptyState
        title={t.noCustomerMatch}
        hint={t.noCustomerMatchHint}
        action={
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setText('')}>
            {t.clearFilters}
          </button>
        }
      />
    ) : (
      <EmptyState title={t.noCustomersTitle} hint={t.noCustomersHint} />
    );
  } else {
    body = (
      <VirtualList
        testId="customers-list"
        label={t.customersListLabel}
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
        header={
          <div className="vrow vrow--head customer-cols" role="row">
            <div role="columnheader">{t.colName}</div>
            <div role="columnheader">{t.colContact}</div>
            <div role="columnheader">{t.colCity}</div>
            <div role="columnheader" className="num">{t.colOrders}</div>
            <div role="columnheader" className="num">{t.colSpent}</div>
            <div role="columnheader">{t.colLastOrder}</div>
          </div>
        }
        loaderRow={<div className="vrow vrow--loader muted small">{t.loadingMore}</div>}
        renderRow={(i, nav) => {
          const row = list.row(i);
          if (!row) return <PendingRow index={i} nav={nav} />;
          return (
            <CustomerRow
              c={row}
              nav={nav}
              onOpen={(id) => {
                list.markOpened(i);
                onOpen(id);
              }}
            />
          );
        }}
      />
    );
  }
  const moreError = list.error && list.count > 0 ? <ListMoreError error={list.error} onRetry={list.retryMore} /> : null;

  return (
    <section className="card orders screen-fill">
      <div className="toolbar">
        <h2 className="toolbar__title">{t.customers}</h2>
        <span
          className="pill pill--count"
          data-testid="customer-count"
          {...(count === null ? {} : { 'data-count': String(count) })}
        >
          {count === null ? t.counting : t.customerCountText(fmt.num(count))}
        </span>
        <div className="toolbar__spacer" />
        <div className="search">
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <input
            className="input search__input"
            type="search"
            data-testid="customer-search"
            placeholder={t.customerSearchPlaceholder}
            aria-label={t.customerSearchPlaceholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <ExportMenu kind="customers" run={(format) => api.exportCustomers(query, format, lang)} onError={onError} />
      </div>
      {body}
      {moreError}
    </section>
  );
}

function CustomerRow({ c, nav, onOpen }: { c: CustomerSummary; nav: RowNav; onOpen: (id: number) => void }) {
  const { t, fmt } = useLang();
  const label = t.customerRowLabel(c.fullName, c.city ?? '—', t.ordersN(fmt.num(c.orderCount)), fmt.money(c.totalSpent));
  return (
    <div
      className="vrow customer-cols vrow--link"
      role="button"
      {...nav}
      aria-label={label}
      data-testid="customer-row"
      data-id={c.id}
      onClick={() => onOpen(c.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(c.id);
        }
      }}
    >
      <div className="cell-clip">
        <div className="clip strong">{c.fullName}</div>
      </div>
      <div className="cell-clip">
        {c.mobile && (
          <div>
            <bdi dir="ltr">{fmt.digits(c.mobileDisplay ?? c.mobile)}</bdi>
          </div>
        )}
        {c.email && (
          <div className="muted small clip">
            <bdi dir="ltr">{c.email}</bdi>
          </div>
        )}
      </div>
      <div className="clip">{c.city ?? '—'}</div>
      <div className="num">{fmt.num(c.orderCount)}</div>
      <div className="num amount">{fmt.money(c.totalSpent)}</div>
      <div>{c.lastOrderAt ? fmt.date(c.lastOrderAt) : '—'}</div>
    </div>
  );
}
