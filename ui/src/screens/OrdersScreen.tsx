// The orders screen: filters (remembered across restarts), the total, export and the list.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, toAppError, type AppError, type AppStatus, type FilterOptions } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ExportMenu } from '../components/ExportMenu';
import { OrderFiltersBar } from '../components/OrderFiltersBar';
import { OrderList } from '../components/OrderList';
import { useLang } from '../lang';
import { useDebounced } from '../lib/useDebounced';
import { EMPTY_FILTERS, isFiltered, loadFilters, saveFilters, toQuery, type OrderFilters } from '../lib/orderFilters';

interface Props {
  status: AppStatus;
  reloadKey: number;
  onOpen: (id: number) => void;
  onError: (e: AppError) => void;
}

export function OrdersScreen({ status, reloadKey, onOpen, onError }: Props) {
  const { t, fmt, prefs, lang } = useLang();
  const [filters, setFilters] = useState<OrderFilters>(loadFilters);
  const [options, setOptions] = useState<FilterOptions | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => saveFilters(filters), [filters]);

  // Typing settles for 200 ms before a query goes out; selects and dates apply at once.
  const typed = useDebounced({ search: filters.search, amountMin: filters.amountMin, amountMax: filters.amountMax }, 200);
  const cleared = !isFiltered(filters);
  const effective = cleared ? filters : { ...filters, ...typed };
  const query = useMemo(
    () => toQuery(effective, prefs.currency),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(effective), prefs.currency],
  );
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    let alive = true;
    api
      .orderFilterOptions()
      .then((o) => alive && setOptions(o))
      .catch((e) => alive && onErrorRef.current(toAppError(e)));
    return () => {
      alive = false;
    };
  }, [reloadKey]);

  // The total comes separately: counting a million rows may take longer than a page.
  useEffect(() => {
    let alive = true;
    setCount(null);
    api
      .countOrders(query)
      .then((n) => alive && setCount(n))
      .catch((e) => alive && onErrorRef.current(toAppError(e)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryKey, reloadKey]);

  const filtered = isFiltered(filters);
  const clear = () => setFilters((f) => ({ ...EMPTY_FILTERS, sort: f.sort, direction: f.direction }));
  const countText =
    count === null
      ? t.counting
      : filtered
        ? t.countFiltered(fmt.num(count), fmt.num(status.orderCount))
        : t.countAll(fmt.num(count));

  return (
    <section className="card orders screen-fill">
      <div className="toolbar">
        <h2 className="toolbar__title">{t.orders}</h2>
        <span
          className="pill pill--count"
          data-testid="order-count"
          {...(count === null ? {} : { 'data-count': String(count) })}
          aria-live="polite"
        >
          {countText}
        </span>
        <div className="toolbar__spacer" />
        <ExportMenu kind="orders" run={(format) => api.exportOrders(query, format, lang)} onError={onError} />
      </div>
      <OrderFiltersBar
        filters={filters}
        options={options}
        onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        onClear={clear}
      />
      <OrderList
        query={query}
        reloadKey={reloadKey}
        onOpen={onOpen}
        empty={
          filtered ? (
            <EmptyState
              title={t.noMatchTitle}
              hint={t.noMatchHint}
              action={
                <button type="button" className="btn btn--secondary btn--small" onClick={clear}>
                  {t.clearFilters}
                </button>
              }
            />
          ) : (
            <EmptyState title={t.emptyTitle} hint={t.emptyHint} />
          )
        }
      />
    </section>
  );
}
